import { describe, expect, it } from '@jest/globals'
import { RecordingSink, TerminalSink, type TextStream } from '../src/log-sinks.js'
import { Logger } from '../src/logger.js'
import { markdownAsText } from '../src/report/terminal-text.js'

/** A stream that keeps what was written, as a terminal (`isTTY`) or a pipe. */
function stream(isTTY = false): TextStream & { text: () => string } {
  const chunks: string[] = []
  return { isTTY, write: (chunk: string) => chunks.push(chunk), text: () => chunks.join('') }
}

function terminal(options: { tty?: boolean; verbose?: boolean } = {}) {
  const out = stream(options.tty)
  const err = stream(options.tty)
  const sink = new TerminalSink({ out, err, verbose: options.verbose, tty: options.tty })
  return { out, err, sink, logger: new Logger(sink) }
}

describe('the recording sink', () => {
  it('prints nothing and keeps every line, redacted and inert', () => {
    const sink = new RecordingSink()
    const logger = new Logger(sink)
    logger.addSecret('cs-Alpha7-Winter2025!')
    logger.info('token cs-Alpha7-Winter2025! from\n::error::server')
    logger.debug('details')
    logger.warning('careful', { title: 'rule', file: 'a.csv', startLine: 3 })
    logger.fail('stopped')
    expect(sink.text()).toEqual([
      'token *** from\\n::error::server',
      'details',
      'careful',
      'stopped'
    ])
    expect(sink.lines[2]).toMatchObject({ level: 'warning', properties: { file: 'a.csv' } })
    expect(sink.text('fail')).toEqual(['stopped'])
    // A sink without a mask of its own still hears each spelling, and may ignore it.
    expect(sink.secrets).toEqual(['cs-Alpha7-Winter2025!', 'cs-Alpha7-Winter2025%21'])
  })
})

describe('the terminal sink', () => {
  it('prints plain text with no workflow command, warnings and errors in words', () => {
    const { out, err, logger, sink } = terminal()
    logger.info('Exporting the library.')
    logger.debug('not shown without --verbose')
    logger.notice('Discovery found a region.')
    logger.warning('The count differs.')
    logger.error('has no part choice', {
      title: 'Library audit: require-part-choice',
      file: 'library_components.csv',
      startLine: 15
    })
    logger.setOutput('csv-path', '/tmp/x.csv')
    logger.fail('fail-on error: 1 audit error.')
    expect(out.text()).toBe('Exporting the library.\nNotice: Discovery found a region.\n')
    expect(err.text()).toBe(
      'Warning: The count differs.\n' +
        'Error: Library audit: require-part-choice: has no part choice ' +
        '(library_components.csv, line 15)\n' +
        'Failed: fail-on error: 1 audit error.\n'
    )
    expect(`${out.text()}${err.text()}`).not.toContain('::')
    expect(sink.failed).toBe(true)
    expect(sink.outputs.get('csv-path')).toBe('/tmp/x.csv')
  })

  it('keeps the one-line escaping and the redaction of the Logger', () => {
    const { out, logger } = terminal()
    logger.addSecret('long-enough-secret')
    logger.info('ACME\n::stop-commands::x long-enough-secret \u001b[31mred')
    logger.info('::set-output name=a::b')
    expect(out.text()).toBe(
      'ACME\\n::stop-commands::x *** \\u001b[31mred\n> ::set-output name=a::b\n'
    )
  })

  it('prints debug lines with --verbose', () => {
    const { err, logger } = terminal({ verbose: true })
    logger.debug('a detail')
    expect(err.text()).toBe('Debug: a detail\n')
  })

  it('colours the prefixes only on a terminal', () => {
    const { err, logger } = terminal({ tty: true })
    logger.warning('careful')
    expect(err.text()).toBe('\u001b[33mWarning:\u001b[0m careful\n')
  })

  it('prints progress as lines off a terminal and redraws a bar on one', () => {
    const plain = terminal()
    plain.logger.progress({
      done: 250,
      total: 1000,
      elapsedMs: 5000,
      remainingMs: 15_000,
      final: false
    })
    expect(plain.out.text()).toBe(
      'Progress: 250 of 1,000 components (25%), 5 s elapsed, about 15 s left.\n'
    )
    expect(plain.sink.progressStyle).toBe('lines')

    const tty = terminal({ tty: true })
    expect(tty.sink.progressStyle).toBe('bar')
    tty.logger.progress({
      done: 500,
      total: 1000,
      elapsedMs: 5000,
      remainingMs: 5000,
      final: false
    })
    tty.logger.info('Next line')
    tty.logger.progress({ done: 1000, total: 1000, elapsedMs: 9000, final: true })
    expect(tty.err.text()).toBe(
      `\r\u001b[K[${'#'.repeat(15)}${'-'.repeat(15)}] 500 of 1,000 components (50%), 5 s elapsed, about 5 s left.` +
        '\r\u001b[K' +
        `\r\u001b[K[${'#'.repeat(30)}] 1,000 of 1,000 components (100%) in 9 s, done.\n`
    )
    expect(tty.out.text()).toBe('Next line\n')

    // Cut to the terminal's width, so that it never wraps.
    const narrow = terminal({ tty: true })
    Object.assign(narrow.err, { columns: 40 })
    narrow.logger.progress({ done: 5, total: 10, elapsedMs: 5000, remainingMs: 5000, final: false })
    expect(narrow.err.text()).toBe(`\r\u001b[K[${'#'.repeat(15)}${'-'.repeat(15)}] 5 of 1`)
  })

  it('prints the job summary as terminal text, each line inert', async () => {
    const { out, logger } = terminal()
    await logger.writeSummary(
      [
        '## Altium library export',
        '',
        '> [!WARNING]',
        '> The server said 10 but 9 arrived.',
        '',
        '| | |',
        '| --- | --- |',
        '| Workspace | `https://acme.365.altium.com/` |',
        '| Components | 9 |',
        '| Name | R\\_1 \\| 10k &lt;b&gt; #\u20601 |',
        '',
        '<details><summary>2 columns</summary>',
        '',
        '`name`, `mpn-1`',
        '',
        '</details>',
        '',
        '```mermaid',
        'pie title Lifecycle',
        '```',
        '::stop-commands::x'
      ].join('\n'),
      true
    )
    expect(out.text().split('\n')).toEqual([
      'Altium library export',
      '=====================',
      '',
      'Warning:',
      '  The server said 10 but 9 arrived.',
      '',
      'Workspace   https://acme.365.altium.com/',
      'Components  9',
      'Name        R_1 | 10k <b> #1',
      '',
      '2 columns:',
      '',
      'name, mpn-1',
      '',
      '> ::stop-commands::x',
      ''
    ])
  })
})

describe('Markdown as terminal text', () => {
  it('aligns a table with a header row and keeps code blocks other than pictures', () => {
    expect(
      markdownAsText(
        '### Rules\n\n| rule | findings |\n| --- | ---: |\n| unique-mpn | 12 |\n\n```\nraw\n```'
      )
    ).toEqual(['Rules', '-----', '', 'rule        findings', 'unique-mpn  12', '', '    raw'])
  })
})
