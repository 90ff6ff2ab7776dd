import { describe, expect, it } from '@jest/globals'
import type { Pie } from '@mermaid-js/parser'
import { audit } from '../../src/audit/audit.js'
import { renderAuditSummary } from '../../src/audit/audit-summary.js'
import { parseAuditRules } from '../../src/audit/rule-parser.js'
import type { ComponentNode } from '../../src/library/component-node.js'
import { chartLabel, MAX_PIE_SLICES, pieChart, type PieSlice } from '../../src/report/charts.js'
import { SUMMARY_MAX_BYTES } from '../../src/report/github-limits.js'
import { renderSummary, type SummaryFacts } from '../../src/report/summary.js'
import { newRunStats } from '../../src/run-stats.js'
import { exportReport, tenThousandChanges } from '../helpers/change-reports.js'
import { mermaidBlocks, parsePie, slicesOf } from '../helpers/mermaid.js'

/** The one pie in `lines` (as pieChart returns it), parsed. */
async function parseChart(lines: string[]): Promise<Pie> {
  const blocks = mermaidBlocks(`${lines.join('\n')}\n`)
  expect(blocks).toHaveLength(1)
  return parsePie(blocks[0])
}

/** Labels a server could send: quotes, line breaks, Mermaid entities, comments and directives. */
const HOSTILE_LABELS = [
  'Re"leased',
  "It's 'quoted'",
  'line one\nline two\r\nthree',
  'Part #4-40; M3',
  '#quot; #59; #35;',
  '%%{init: {"theme": "dark"}}%%',
  '%% a comment',
  'end ``` of the block',
  '```mermaid',
  '<img src=x onerror=alert(1)>',
  'a & b \\ c {d}',
  '\u202eevil\u200b\u0000bell\u0007',
  '@acme/hardware-team #12 GH-7',
  'pie title injected',
  '"   : 999',
  '',
  'x'.repeat(300)
]

describe('a pie chart', () => {
  it('draws the slices largest first with their values, and Mermaid reads it', async () => {
    const lines = pieChart('Lifecycle states', [
      { label: 'Obsolete', value: 3 },
      { label: 'Released', value: 120 },
      { label: 'In Design', value: 7 }
    ])
    expect(lines).toEqual([
      '```mermaid',
      'pie showData title Lifecycle states',
      '    "Released" : 120',
      '    "In Design" : 7',
      '    "Obsolete" : 3',
      '```'
    ])
    const pie = await parseChart(lines)
    expect(pie.title).toBe('Lifecycle states')
    expect(pie.showData).toBe(true)
    expect(slicesOf(pie)).toEqual([
      ['Released', 120],
      ['In Design', 7],
      ['Obsolete', 3]
    ])
  })

  it('keeps the largest slices and sums the rest into one "Other" slice', async () => {
    const slices: PieSlice[] = Array.from({ length: 20 }, (_, i) => ({
      label: `State ${String(i).padStart(2, '0')}`,
      value: 100 - i
    }))
    const pie = await parseChart(pieChart('States', slices))
    expect(pie.sections).toHaveLength(MAX_PIE_SLICES)
    const shown = slicesOf(pie)
    expect(shown.slice(0, MAX_PIE_SLICES - 1).map(([label]) => label)).toEqual(
      slices.slice(0, MAX_PIE_SLICES - 1).map((slice) => slice.label)
    )
    const rest = slices.slice(MAX_PIE_SLICES - 1)
    expect(shown.at(-1)).toEqual([
      `Other (${rest.length} more)`,
      rest.reduce((sum, slice) => sum + slice.value, 0)
    ])
    // Nothing is lost: the total is the library's.
    expect(shown.reduce((sum, [, value]) => sum + value, 0)).toBe(
      slices.reduce((sum, slice) => sum + slice.value, 0)
    )
    // Exactly the cap: no "Other" slice.
    const eight = await parseChart(pieChart('States', slices.slice(0, MAX_PIE_SLICES)))
    expect(eight.sections).toHaveLength(MAX_PIE_SLICES)
    expect(eight.sections.some((section) => section.label.startsWith('Other'))).toBe(false)
  })

  it('is left out when there is nothing to draw', () => {
    expect(pieChart('Empty', [])).toEqual([])
    expect(
      pieChart('Zeros', [
        { label: 'Added', value: 0 },
        { label: 'Removed', value: 0 }
      ])
    ).toEqual([])
    // A zero slice is not drawn beside others.
    expect(
      pieChart('Some', [
        { label: 'Added', value: 2 },
        { label: 'Removed', value: 0 }
      ])
    ).toEqual(['```mermaid', 'pie showData title Some', '    "Added" : 2', '```'])
  })

  it('keeps labels from the server to one safe line that Mermaid reads as given', async () => {
    const slices = HOSTILE_LABELS.map((label, i) => ({ label, value: i + 1 }))
    const lines = pieChart('Hostile', slices, HOSTILE_LABELS.length)
    // One fenced block: no label ends it early or opens another.
    const markdown = `${lines.join('\n')}\n`
    expect(markdown.match(/```/g)).toHaveLength(2)
    expect(lines.slice(1, -1).every((line) => !line.includes('`'))).toBe(true)
    // No line break inside a label: a title line plus one line per slice.
    expect(lines).toHaveLength(HOSTILE_LABELS.length + 3)

    const pie = await parseChart(lines)
    expect(pie.sections).toHaveLength(HOSTILE_LABELS.length)
    const labels = pie.sections.map((section) => section.label)
    expect(new Set(labels).size).toBe(labels.length)
    for (const label of labels) {
      // Nothing Mermaid would read as an entity, a comment, a directive or a statement end, no
      // HTML, no quote, no control or invisible character.
      expect(label).not.toMatch(/["#%;`{}<>&\\\n\r]/)
      expect(label).not.toMatch(/[\p{Cc}\p{Cf}]/u)
      expect(Array.from(label).length).toBeLessThanOrEqual(40)
    }
    // Each slice keeps its own value, and each label still reads as it was sent.
    expect(pie.sections.map((section) => section.value).sort((a, b) => b - a)).toEqual(
      slices.map((slice) => slice.value).sort((a, b) => b - a)
    )
    expect(labels).toContain('Re＂leased')
    expect(labels).toContain("It's 'quoted'")
    expect(labels).toContain('line one line two three')
    expect(labels).toContain('Part ＃4-40； M3')
    expect(labels).toContain('(none)')
    expect(labels).toContain(`${'x'.repeat(39)}…`)
  })

  it('numbers labels the cleaning made equal, so that Mermaid keeps every slice', async () => {
    const pie = await parseChart(
      pieChart('Twins', [
        { label: 'A"', value: 2 },
        { label: 'A＂', value: 1 },
        { label: '', value: 1 },
        { label: '   ', value: 1 }
      ])
    )
    expect(slicesOf(pie)).toEqual([
      ['A＂', 2],
      ['(none)', 1],
      ['(none) (2)', 1],
      ['A＂ (2)', 1]
    ])
  })

  it('cleans a label without changing plain text', () => {
    expect(chartLabel('Not Recommended for New Designs')).toBe('Not Recommended for New Designs')
    expect(chartLabel('Prototype (EVT): 2/3')).toBe('Prototype (EVT): 2/3')
    expect(chartLabel('Veröffentlicht — 公開')).toBe('Veröffentlicht — 公開')
  })
})

describe('the pictures in the job summary', () => {
  function facts(overrides: Partial<SummaryFacts> = {}): SummaryFacts {
    return {
      report: exportReport(
        [['R1', 'a', 'x']],
        [
          ['R1', 'b', 'x'],
          ['R2', 'c', 'y'],
          ['R3', 'd', 'z']
        ]
      ),
      stats: newRunStats(),
      pages: 1,
      pageSize: 100,
      durationMs: 1000,
      ...overrides
    }
  }

  it('draws the lifecycle states below the export table, keeping the table', async () => {
    const summary = renderSummary(
      facts({ lifecycle: { '': 1, Released: 1, 'Obs"olete\n%%{init}%%': 1 } })
    )
    expect(summary).toContain('| Components | 3 |')
    const [lifecycle, changes] = mermaidBlocks(summary)
    const pie = await parsePie(lifecycle)
    expect(pie.title).toBe('Lifecycle states')
    expect(slicesOf(pie)).toEqual([
      ['(none)', 1],
      ['Obs＂olete ％％｛init｝％％', 1],
      ['Released', 1]
    ])
    // The chart comes after the export's table and before the changes.
    expect(summary.indexOf('pie showData title Lifecycle states')).toBeGreaterThan(
      summary.indexOf('| Components | 3 |')
    )
    expect(summary.indexOf('pie showData title Lifecycle states')).toBeLessThan(
      summary.indexOf('## Changes')
    )
    expect(slicesOf(await parsePie(changes))).toEqual([
      ['Added', 2],
      ['Modified', 1]
    ])
    // The change overview and tables are still there.
    expect(summary).toContain('**2 added, 0 removed, 1 modified**')
    expect(summary).toContain('### Modified (1)')
  })

  it('draws no lifecycle chart when the states were not fetched, or the library is empty', () => {
    expect(renderSummary(facts())).not.toContain('Lifecycle states')
    const empty = renderSummary(
      facts({ report: exportReport([['R1', 'a', 'x']], []), lifecycle: {} })
    )
    expect(empty).not.toContain('Lifecycle states')
    // Everything removed: the change chart has one slice to show.
    expect(mermaidBlocks(empty)).toHaveLength(1)
    expect(empty).toContain('"Removed" : 1')
  })

  it('draws no change chart for a first export or an unchanged library', () => {
    const first = renderSummary(facts({ report: exportReport(undefined, [['R1', 'a', 'x']]) }))
    expect(first).toContain('**First export**')
    expect(first).not.toContain('```mermaid')
    const same = renderSummary(
      facts({ report: exportReport([['R1', 'a', 'x']], [['R1', 'a', 'x']]) })
    )
    expect(same).toContain('**No component changed**')
    expect(same).not.toContain('```mermaid')
  })

  it('keeps a summary with 10,000 changes and its charts under GitHub’s 1 MiB', async () => {
    const states = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`State ${i}`, 100 + i]))
    const summary = renderSummary(
      facts({ report: tenThousandChanges(), lifecycle: states, reportFile: 'r.json' })
    )
    expect(Buffer.byteLength(summary)).toBeLessThan(SUMMARY_MAX_BYTES)
    const blocks = mermaidBlocks(summary)
    expect(blocks).toHaveLength(2)
    expect((await parsePie(blocks[0])).sections).toHaveLength(MAX_PIE_SLICES)
    expect(slicesOf(await parsePie(blocks[1]))).toEqual([
      ['Modified', 4000],
      ['Added', 3000],
      ['Removed', 3000]
    ])
  })

  it('draws the audit findings by rule beside the table of counts, none without findings', async () => {
    const components = Array.from({ length: 4 }, (_, row): ComponentNode => ({
      id: `id-${row}`,
      name: `CMP-${row}`,
      description: row < 1 ? 'has one' : ''
    }))
    const result = audit(
      components,
      parseAuditRules('require-part-choice\nrequire-description\nunique-mpn')
    )
    const files = { csv: 'library.csv', report: 'library.report.json' }
    const markdown = renderAuditSummary(result, files, 100_000)
    expect(markdown).toContain('| require-part-choice | error | 4 |')
    const [chart] = mermaidBlocks(markdown)
    const pie = await parsePie(chart)
    expect(pie.title).toBe('Audit findings by rule')
    expect(slicesOf(pie)).toEqual([
      ['require-part-choice', 4],
      ['require-description', 3]
    ])
    const clean = audit([], parseAuditRules('recommended'))
    expect(renderAuditSummary(clean, files, 100_000)).not.toContain('```mermaid')
  })
})
