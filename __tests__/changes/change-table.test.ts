import { describe, expect, it } from '@jest/globals'
import type { ChangeReport } from '../../src/changes/change-report.js'
import {
  escapeCell,
  renderChangeOverview,
  renderChangeSection,
  renderChangeTable
} from '../../src/changes/change-table.js'
import { compareTables } from '../../src/changes/compare.js'
import type { CsvTable } from '../../src/changes/csv-table.js'
import { renderReport } from '../../src/report/export-report.js'
import { BODY_MAX_CHARS, SUMMARY_MAX_BYTES } from '../../src/report/github-limits.js'
import { renderSummary } from '../../src/report/summary.js'
import { newRunStats } from '../../src/run-stats.js'
import { HEADERS, PREVIOUS, shownKeys, tenThousandChanges } from '../helpers/change-reports.js'

function table(headers: string[], ...rows: string[][]): CsvTable {
  return { headers, rows }
}

describe('the change overview', () => {
  it('says plainly that a first export has no baseline and counts everything as added', () => {
    const report = compareTables(
      undefined,
      table(HEADERS, ['R1', 'a', 'b'], ['R2', 'c', 'd']),
      'name',
      { ...PREVIOUS, found: false }
    )
    expect(renderChangeOverview(report)).toBe(
      '**First export**: there is no baseline (`library_components.csv` as it was before this ' +
        'export does not exist), so all 2 components count as added; the CSV lists them.\n'
    )
  })

  it('names a git baseline by ref and commit', () => {
    const report = compareTables(table(HEADERS), table(HEADERS), 'name', {
      kind: 'git',
      path: 'lib/parts.csv',
      ref: 'main',
      commit: '0123456789abcdef0123456789abcdef01234567',
      found: true
    })
    expect(renderChangeOverview(report)).toBe(
      '**No component changed** since `lib/parts.csv` at git `main` (0123456789ab), ' +
        'matched by `name`.\n'
    )
  })

  it('gives the counts, the columns added and dropped, and the columns compared', () => {
    const report = compareTables(
      table(['name', 'description', 'mpn-1'], ['R1', 'a', 'x'], ['R2', 'b', 'y']),
      table(['name', 'description', 'MPN'], ['R1', 'a2', 'x'], ['R3', 'c', 'z']),
      'name',
      PREVIOUS
    )
    expect(renderChangeOverview(report)).toBe(
      '**1 added, 1 removed, 1 modified** since `library_components.csv` as it was before this ' +
        'export, matched by `name`.\n\n' +
        'Columns added: `MPN`. Columns dropped: `mpn-1`. Rows were compared on the 2 columns both ' +
        'files share.\n'
    )
  })

  it('warns about duplicate keys and a baseline without the key column', () => {
    const duplicates = compareTables(
      table(HEADERS, ['R1', 'a', 'x'], ['R1', 'b', 'y']),
      table(HEADERS, ['R1', 'a', 'x']),
      'name',
      PREVIOUS
    )
    expect(renderChangeOverview(duplicates)).toContain(
      '> The key column `name` is not unique: 1 key is on more than one row (`R1`: 2 before, 1 ' +
        'now). Their rows were matched in file order, not merged.'
    )
    const missing = compareTables(
      table(['Part'], ['R1']),
      table(HEADERS, ['R1', 'a', 'x']),
      'name',
      PREVIOUS
    )
    expect(renderChangeOverview(missing)).toContain(
      '> The baseline has no `name` column, so no row could be matched'
    )
  })
})

describe('the change table', () => {
  const report = compareTables(
    table(HEADERS, ['C1', 'Cap, 100 nF', 'GRM'], ['R2', 'Res 22k', ''], ['U1', 'Op-amp', 'LMV']),
    table(HEADERS, ['C1', 'Cap, 100 nF', 'GRM'], ['U1', 'Op-amp | 5 V', ''], ['Z9', 'Ω', 'ERJ']),
    'name',
    PREVIOUS
  )

  it('groups the changes by kind, removed first, each field as before → after', () => {
    expect(renderChangeTable(report)).toBe(
      [
        '### Removed (1)',
        '',
        '| name | values |',
        '| --- | --- |',
        '| R2 | description: Res 22k |',
        '',
        '### Modified (1)',
        '',
        '| name | column | before | after |',
        '| --- | --- | --- | --- |',
        '| U1 | description | Op-amp | Op-amp \\| 5 V |',
        '|  | mpn-1 | LMV | _(empty)_ |',
        '',
        '### Added (1)',
        '',
        '| name | values |',
        '| --- | --- |',
        '| Z9 | description: Ω; mpn-1: ERJ |',
        '',
        ''
      ].join('\n')
    )
  })

  it('is empty for a first export, where everything is added', () => {
    const first = compareTables(undefined, table(HEADERS, ['R1', 'a', 'b']), 'name', {
      ...PREVIOUS,
      found: false
    })
    expect(first.counts.added).toBe(1)
    expect(renderChangeTable(first)).toBe('')
  })

  it('is empty when nothing changed', () => {
    const same = compareTables(
      table(HEADERS, ['R1', 'a', 'b']),
      table(HEADERS, ['R1', 'a', 'b']),
      'name',
      PREVIOUS
    )
    expect(renderChangeTable(same)).toBe('')
  })

  it('escapes what markdown or HTML would interpret, and keeps @ from mentioning anyone', () => {
    expect(
      escapeCell('a | b <script>x</script> `code` *bold* _i_ [l](u) ~s~ \\ & @octocat\nnext')
    ).toBe(
      'a \\| b &lt;script&gt;x&lt;/script&gt; \\`code\\` \\*bold\\* \\_i\\_ \\[l\\]\\(u\\) \\~s\\~ ' +
        '\\\\ &amp; @\u2060octocat<br>next'
    )
    expect(escapeCell('one\r\ntwo\rthree')).toBe('one<br>two<br>three')
  })

  it('cuts a very long value and says how much was cut', () => {
    const long = `${'ä'.repeat(299)}🙂${'x'.repeat(50)}`
    expect(escapeCell(long)).toBe(`${'ä'.repeat(299)}🙂 … (50 more characters)`)
  })

  it('marks the rows of a key that is not unique', () => {
    const duplicated = compareTables(
      table(HEADERS, ['R1', 'a', 'x']),
      table(HEADERS, ['R1', 'a', 'x'], ['R1', 'b', 'y']),
      'name',
      PREVIOUS
    )
    expect(renderChangeTable(duplicated)).toContain(
      '| R1 (row 2 of this key) | description: b; mpn-1: y |'
    )
  })
})

describe('10,000 changed components', () => {
  const report = tenThousandChanges()
  const changes = report.changes as ChangeReport

  it('are all found', () => {
    expect(changes.counts).toEqual({ added: 3000, removed: 3000, modified: 4000 })
  })

  it('give a job summary under 1 MiB that says how many were left out', () => {
    const summary = renderSummary({
      report,
      stats: newRunStats(),
      pages: 70,
      pageSize: 100,
      durationMs: 1234,
      reportFile: 'library_components.report.json'
    })
    const bytes = Buffer.byteLength(summary)
    expect(bytes).toBeLessThan(SUMMARY_MAX_BYTES)
    // Cut close to the limit, not long before it.
    expect(bytes).toBeGreaterThan(SUMMARY_MAX_BYTES - 64 * 1024)
    const shown = shownKeys(summary)
    const leftOut = 10000 - shown
    expect(shown).toBeGreaterThan(1000)
    expect(leftOut).toBeGreaterThan(0)
    const match =
      /_… ([\d,]+) more changes left out \(([^)]*)\) to stay within GitHub's size limit; the JSON report `library_components.report.json` lists every change\._/.exec(
        summary
      )
    expect(match).not.toBeNull()
    expect(Number(match?.[1].replace(/,/g, ''))).toBe(leftOut)
    expect(summary).toContain('**3,000 added, 3,000 removed, 4,000 modified**')

    // The JSON report still holds every change, uncut.
    const json = JSON.parse(renderReport(report))
    expect(json.changes.counts).toEqual({ added: 3000, removed: 3000, modified: 4000 })
    expect(json.changes.added).toHaveLength(3000)
    expect(json.changes.removed).toHaveLength(3000)
    expect(json.changes.modified).toHaveLength(4000)
    expect(json.changes.modified[3999]).toEqual({
      key: 'CMP-06999',
      fields: [
        {
          column: 'description',
          before: expect.stringMatching(/^before 6999: /),
          after: expect.stringMatching(/^after 6999: /)
        },
        { column: 'mpn-1', before: 'MPN-6999', after: 'MPN-6999-B' }
      ]
    })
  })

  it('give a table within 65,536 characters for a pull-request body that says what was left out', () => {
    const markdown = renderChangeSection(changes, { maxChars: BODY_MAX_CHARS })
    expect(markdown.length).toBeLessThanOrEqual(BODY_MAX_CHARS)
    expect(markdown.length).toBeGreaterThan(BODY_MAX_CHARS - 2000)
    const shown = shownKeys(markdown)
    // Removed come first: all the rows shown are removals, the rest are counted by kind.
    expect(markdown).toContain('### Removed (3,000)')
    expect(markdown).not.toContain('### Added')
    expect(markdown).toContain(
      `_… ${(10000 - shown).toLocaleString('en-US')} more changes left out (${(3000 - shown).toLocaleString('en-US')} removed, 4,000 modified, 3,000 added) to stay within GitHub's size limit; the JSON report beside the CSV lists every change._`
    )
  })

  it('cut by bytes as well as by characters', () => {
    const byBytes = renderChangeTable(changes, { maxBytes: 50_000 })
    expect(Buffer.byteLength(byBytes)).toBeLessThanOrEqual(50_000)
    const byChars = renderChangeTable(changes, { maxChars: 50_000 })
    // The values are mostly multi-byte, so a byte budget shows fewer rows than a character one.
    expect(shownKeys(byBytes)).toBeLessThan(shownKeys(byChars))
  })
})
