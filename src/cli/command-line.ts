import { TerminalSink, type TextStream } from '../log-sinks.js'
import { run } from '../main.js'
import { COMMAND, helpText, parseCommandLine, UsageError } from './arguments.js'

export interface Terminal {
  out: TextStream
  err: TextStream
  env: NodeJS.ProcessEnv
}

/**
 * `altium-library-export [flags]`: the action's engine with the flags as its inputs and a
 * terminal as its log. Resolves with the exit code: 0 done, 1 the run failed or `fail-on` was
 * met, 2 the command line was wrong (nothing was asked of any server).
 */
export async function runCommandLine(argv: string[], terminal: Terminal): Promise<number> {
  const { out, err, env } = terminal
  let commandLine
  try {
    commandLine = parseCommandLine(argv, env)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    err.write(`${COMMAND}: ${error.message}\n`)
    return 2
  }
  if (commandLine.kind === 'help') {
    out.write(helpText())
    return 0
  }
  const sink = new TerminalSink({
    out,
    err,
    verbose: commandLine.verbose,
    // NO_COLOR (no-color.org) turns colours and the redrawn bar off.
    tty: Boolean(err.isTTY) && !env.NO_COLOR
  })
  await run(commandLine.env, sink)
  return sink.failed ? 1 : 0
}
