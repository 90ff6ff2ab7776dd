import { actionsSink, type AnnotationProperties, type LogSink } from './log-sinks.js'
import type { ProgressUpdate } from './api/progress.js'

export type { AnnotationProperties, LogSink } from './log-sinks.js'

/**
 * Secrets shorter than this are not masked: blanking every `abc` out of the log would hide
 * ordinary text and tell a reader where the secret appears. The run warns instead.
 */
export const MIN_SECRET_LENGTH = 4

/** Where a Logger made without a sink prints: the runner's workflow commands, unless replaced. */
let defaultSink: LogSink = actionsSink

/**
 * Replaces the sink of every Logger made from now on without one (unit tests install a quiet sink
 * once, in their jest setup file). Returns the sink it replaced.
 */
export function setDefaultLogSink(sink: LogSink): LogSink {
  const previous = defaultSink
  defaultSink = sink
  return previous
}

/**
 * The one place that prints. It knows every secret the run has seen and blanks them out of any
 * text before it reaches the sink, on top of the runner's own masking (which only works on
 * GitHub); and it hands the sink every message as one inert line, whatever a server put into it.
 * The sink decides only where and how the line appears (workflow commands, a terminal, a test).
 */
export class Logger {
  /** Every spelling of every secret: as given, form-encoded and percent-encoded. */
  private readonly spellings = new Set<string>()
  /** All spellings in one alternation, longest first; rebuilt when a secret is added. */
  private pattern: RegExp | undefined
  /** Warnings about refused secrets, held back until all the secrets read together are masked. */
  private readonly heldWarnings: string[] = []

  constructor(readonly sink: LogSink = defaultSink) {}

  /**
   * Registers a secret (a credential, a token): masked by the runner and redacted here from now
   * on. `name` says which one in the warning for a secret too short to mask; the value is never
   * printed.
   */
  addSecret(value: string | undefined, name = 'A secret'): void {
    if (!value) return
    if (value.length < MIN_SECRET_LENGTH) {
      this.heldWarnings.push(
        `${name} is shorter than ${MIN_SECRET_LENGTH} characters, too short to blank out of the ` +
          'log without blanking ordinary text, so it is not masked. Use a longer secret.'
      )
      return
    }
    for (const spelling of secretSpellings(value)) {
      if (this.spellings.has(spelling)) continue
      this.spellings.add(spelling)
      this.sink.setSecret(spelling)
      this.pattern = undefined
    }
  }

  redact(text: string): string {
    if (this.spellings.size === 0) return text
    this.pattern ??= alternation([...this.spellings])
    return text.replace(this.pattern, '***')
  }

  info(message: string): void {
    this.releaseWarnings()
    this.sink.write('info', this.line(message))
  }

  debug(message: string): void {
    this.releaseWarnings()
    this.sink.write('debug', this.line(message))
  }

  notice(message: string): void {
    this.releaseWarnings()
    this.sink.write('notice', this.line(message))
  }

  warning(message: string, properties?: AnnotationProperties): void {
    this.releaseWarnings()
    this.sink.write('warning', this.line(message), this.annotation(properties))
  }

  error(message: string, properties?: AnnotationProperties): void {
    this.releaseWarnings()
    this.sink.write('error', this.line(message), this.annotation(properties))
  }

  fail(message: string): void {
    this.releaseWarnings()
    this.sink.fail(this.line(message))
  }

  /**
   * How far the export is (`api/progress.ts` decides when); the sink prints a line or redraws a
   * bar. Counts and times only, so there is nothing to redact.
   */
  progress(update: ProgressUpdate): void {
    this.releaseWarnings()
    this.sink.progress(update)
  }

  /** Outputs are made from non-secret data (paths, counts, the endpoint), so they are not redacted. */
  setOutput(name: string, value: string | number): void {
    this.sink.setOutput(name, value)
  }

  /**
   * Appends to the job summary where the sink has one; elsewhere (a laptop, the command line) the
   * sink turns it into lines, each made inert like any other message.
   */
  async writeSummary(markdown: string, summaryFileAvailable: boolean): Promise<void> {
    const text = this.redact(markdown)
    if (summaryFileAvailable && this.sink.writeSummaryFile) {
      await this.sink.writeSummaryFile(text)
      return
    }
    for (const line of this.sink.summaryLines(text)) this.sink.write('info', inertLine(line))
  }

  /** Secrets blanked out, then one line the runner cannot read as a workflow command. */
  private line(message: string): string {
    return inertLine(this.redact(message))
  }

  private annotation(
    properties: AnnotationProperties | undefined
  ): AnnotationProperties | undefined {
    if (!properties?.title) return properties
    return { ...properties, title: this.line(properties.title) }
  }

  private releaseWarnings(): void {
    for (const warning of this.heldWarnings.splice(0)) this.sink.write('warning', warning)
  }
}

/**
 * The spellings a secret can take in text a server echoes: as given, form-encoded as in a token
 * request body (space → `+`), and percent-encoded as in a URL.
 */
export function secretSpellings(value: string): string[] {
  const formEncoded = new URLSearchParams([['', value]]).toString().slice(1)
  return [...new Set([value, formEncoded, encodeURIComponent(value)])]
}

/**
 * One pattern for all the secrets, longest first: replacing them one after another would let a
 * secret that contains another (`cs-Alpha7` in `cs-Alpha7-Winter2025!`) leave the longer one's
 * tail behind.
 */
function alternation(spellings: string[]): RegExp {
  const sorted = [...spellings].sort((a, b) => b.length - a.length)
  return new RegExp(sorted.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
}

/** Line breaks and the other control characters (tab aside), and the Unicode line separators. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r' }

/**
 * Text as one line that no runner reads as a workflow command: control characters are written as
 * escapes (`\n`, `\u001b`), a line that would start with `::` (after white space, as the runner
 * reads it) gets `> ` before it, and the old `##[command]` form, which the runner finds anywhere
 * in a line, is broken up as `# #[`.
 */
export function inertLine(text: string): string {
  const flat = text
    .replace(
      CONTROL_CHARACTERS,
      (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
    .replace(/##\[/g, '# #[')
  return /^\s*::/.test(flat) ? `> ${flat}` : flat
}
