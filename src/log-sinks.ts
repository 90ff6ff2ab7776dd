import * as core from '@actions/core'
import { describeProgress, percent, type ProgressUpdate } from './api/progress.js'
import { markdownAsText } from './report/terminal-text.js'

/** Where an annotation points (a file and line); the runner shows it on the file. */
export type AnnotationProperties = core.AnnotationProperties

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error'

/**
 * Where the Logger's lines go. The Logger has already blanked the secrets out of every line and
 * made it one inert line; a sink only decides how it appears.
 */
export interface LogSink {
  write(level: LogLevel, line: string, properties?: AnnotationProperties): void
  /** The run failed with this message (the process exits non-zero). */
  fail(line: string): void
  /** One spelling of a secret, for a sink that masks on its own (the runner). */
  setSecret(spelling: string): void
  setOutput(name: string, value: string | number): void
  /** How far the export is; `progressStyle` says how often the sink wants to hear it. */
  progress(update: ProgressUpdate): void
  /** `bar`: redrawn in place, so updates may come often; `lines`: each update is a line. */
  readonly progressStyle: 'lines' | 'bar'
  /** The job summary as the sink shows it line by line, when there is no summary file. */
  summaryLines(markdown: string): string[]
  /** Appends to the job summary file (the runner's sink only). */
  writeSummaryFile?(markdown: string): Promise<void>
}

/** The runner's workflow commands through @actions/core: what the action prints on GitHub. */
export const actionsSink: LogSink = {
  write(level, line, properties) {
    switch (level) {
      case 'debug':
        return core.debug(line)
      case 'info':
        return core.info(line)
      case 'notice':
        return core.notice(line, properties)
      case 'warning':
        return core.warning(line, properties)
      case 'error':
        return core.error(line, properties)
    }
  },
  fail: (line) => core.setFailed(line),
  setSecret: (spelling) => core.setSecret(spelling),
  setOutput: (name, value) => core.setOutput(name, value),
  progress: (update) => core.info(describeProgress(update)),
  progressStyle: 'lines',
  summaryLines: (markdown) => markdown.split(/\r?\n/),
  async writeSummaryFile(markdown) {
    await core.summary.addRaw(markdown, true).write()
  }
}

/** What a sink that prints nothing saw, for tests that check what the run said. */
export interface LoggedLine {
  level: LogLevel | 'fail' | 'progress'
  line: string
  properties?: AnnotationProperties
}

/** Prints nothing and keeps every line (unit tests): no `::debug::` noise in a test run. */
export class RecordingSink implements LogSink {
  readonly lines: LoggedLine[] = []
  readonly outputs = new Map<string, string>()
  readonly secrets: string[] = []
  readonly progressStyle = 'lines'

  write(level: LogLevel, line: string, properties?: AnnotationProperties): void {
    this.lines.push({ level, line, ...(properties ? { properties } : {}) })
  }

  fail(line: string): void {
    this.lines.push({ level: 'fail', line })
  }

  setSecret(spelling: string): void {
    this.secrets.push(spelling)
  }

  setOutput(name: string, value: string | number): void {
    this.outputs.set(name, String(value))
  }

  progress(update: ProgressUpdate): void {
    this.lines.push({ level: 'progress', line: describeProgress(update) })
  }

  summaryLines(markdown: string): string[] {
    return markdown.split(/\r?\n/)
  }

  /** The lines of one level (all when none is given), text only. */
  text(level?: LoggedLine['level']): string[] {
    return this.lines.filter((l) => !level || l.level === level).map((l) => l.line)
  }
}

/** Somewhere to write text: process.stdout / process.stderr, or a test's collector. */
export interface TextStream {
  write(text: string): unknown
  isTTY?: boolean
  /** The terminal's width, when it is one. */
  columns?: number
}

export interface TerminalOptions {
  out: TextStream
  err: TextStream
  /** Print debug lines (`--verbose`). */
  verbose?: boolean
  /** Colours and a redrawn progress bar; default: when `err` is a terminal and NO_COLOR is unset. */
  tty?: boolean
}

const COLOURS = { red: 31, yellow: 33, cyan: 36, dim: 2 } as const

/** Width of the progress bar in characters. */
const BAR_WIDTH = 30

/**
 * The command line's sink: plain text, no workflow command. Messages go to standard output;
 * warnings, errors and the progress bar to standard error, prefixed in words (`Warning:`), in
 * colour only on a terminal.
 */
export class TerminalSink implements LogSink {
  readonly progressStyle: 'lines' | 'bar'
  readonly outputs = new Map<string, string>()
  failed = false
  private readonly tty: boolean
  /** A bar is on the last line of `err`, to be cleared before anything else is written. */
  private barShown = false

  constructor(private readonly options: TerminalOptions) {
    this.tty = options.tty ?? Boolean(options.err.isTTY)
    this.progressStyle = this.tty ? 'bar' : 'lines'
  }

  write(level: LogLevel, line: string, properties?: AnnotationProperties): void {
    const where = properties?.file
      ? ` (${properties.file}${properties.startLine ? `, line ${properties.startLine}` : ''})`
      : ''
    const title = properties?.title ? `${properties.title}: ` : ''
    switch (level) {
      case 'debug':
        if (this.options.verbose) this.print('err', `${this.paint('dim', 'Debug:')} ${line}`)
        return
      case 'info':
        return this.print('out', line)
      case 'notice':
        return this.print('out', `${this.paint('cyan', 'Notice:')} ${title}${line}${where}`)
      case 'warning':
        return this.print('err', `${this.paint('yellow', 'Warning:')} ${title}${line}${where}`)
      case 'error':
        return this.print('err', `${this.paint('red', 'Error:')} ${title}${line}${where}`)
    }
  }

  fail(line: string): void {
    this.failed = true
    this.print('err', `${this.paint('red', 'Failed:')} ${line}`)
  }

  /** The Logger redacts every line itself; a terminal has no mask of its own. */
  setSecret(): void {}

  setOutput(name: string, value: string | number): void {
    this.outputs.set(name, String(value))
  }

  progress(update: ProgressUpdate): void {
    if (!this.tty) {
      this.print('out', describeProgress(update))
      return
    }
    const share = update.total === undefined ? undefined : percent(update) / 100
    const filled = share === undefined ? 0 : Math.round(share * BAR_WIDTH)
    const bar =
      share === undefined ? '' : `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] `
    const text = `${bar}${describeProgress(update).replace(/^Progress: /, '')}`
    // A bar longer than the terminal would wrap, and `\r` would no longer go back to its start.
    const width = this.options.err.columns
    this.options.err.write(
      `\r\x1b[K${width && text.length >= width ? text.slice(0, width - 1) : text}`
    )
    this.barShown = !update.final
    if (update.final) this.options.err.write('\n')
  }

  summaryLines(markdown: string): string[] {
    return markdownAsText(markdown)
  }

  private print(stream: 'out' | 'err', line: string): void {
    if (this.barShown) {
      this.options.err.write('\r\x1b[K')
      this.barShown = false
    }
    this.options[stream].write(`${line}\n`)
  }

  private paint(colour: keyof typeof COLOURS, text: string): string {
    return this.tty ? `\x1b[${COLOURS[colour]}m${text}\x1b[0m` : text
  }
}
