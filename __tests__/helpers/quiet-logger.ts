// Jest setup (jest.config.js): Loggers made in unit tests print nothing. A test that checks what
// is printed gives its Logger a sink of its own (`actionsSink`, a `RecordingSink`).
import { setDefaultLogSink } from '../../src/logger.js'
import { RecordingSink } from '../../src/log-sinks.js'

setDefaultLogSink(new RecordingSink())
