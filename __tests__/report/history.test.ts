import { describe, expect, it } from '@jest/globals'
import {
  extendHistory,
  historyOfReport,
  MAX_HISTORY_ENTRIES,
  type HistoryEntry
} from '../../src/report/history.js'
import { renderTrend, trendChart } from '../../src/report/trend.js'

function entry(runId: string, fields: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    date: '2026-11-27',
    runId,
    components: 100,
    added: 0,
    removed: 0,
    modified: 0,
    auditErrors: 0,
    auditWarnings: 0,
    ...fields
  }
}

describe('the history of runs', () => {
  it('puts this run last after the baseline runs', () => {
    const history = extendHistory([entry('1'), entry('2')], entry('3'))
    expect(history.map((e) => e.runId)).toEqual(['1', '2', '3'])
  })

  it('keeps the newest 52 entries, dropping the oldest', () => {
    const previous = Array.from({ length: MAX_HISTORY_ENTRIES }, (_, i) => entry(String(i + 1)))
    const history = extendHistory(previous, entry('53'))
    expect(MAX_HISTORY_ENTRIES).toBe(52)
    expect(history).toHaveLength(52)
    expect(history[0].runId).toBe('2')
    expect(history[51].runId).toBe('53')
    expect(extendHistory(previous.slice(0, 51), entry('52'))).toHaveLength(52)
  })

  it('replaces the entry of the same run rather than counting a re-run twice', () => {
    const history = extendHistory([entry('1'), entry('2', { components: 5 })], entry('2'))
    expect(history.map((e) => [e.runId, e.components])).toEqual([
      ['1', 100],
      ['2', 100]
    ])
  })

  it('reads the well-formed entries of an earlier report and nothing from a broken one', () => {
    const good = entry('9', { lifecycle: { Released: 90, Obsolete: 10 } })
    const text = JSON.stringify({
      history: [good, { date: 'yesterday', runId: '8' }, { ...entry('7'), components: -1 }, null]
    })
    expect(historyOfReport(text)).toEqual([good])
    expect(historyOfReport('{ not json')).toEqual([])
    expect(historyOfReport(JSON.stringify({ schemaVersion: 1 }))).toEqual([])
    expect(historyOfReport(undefined)).toEqual([])
  })
})

describe('the trend in the job summary', () => {
  it('draws no chart for a single run, and the table then', () => {
    const text = renderTrend([entry('1', { added: 100 })])
    expect(text).toContain('## Trend')
    expect(text).not.toContain('xychart-beta')
    expect(text).toContain('| 2026-11-27 | 1 | 100 | 100 | 0 | 0 | 0 | 0 | – |')
    expect(renderTrend([])).toBe('')
  })

  it('charts components as a line and findings as bars once there are two runs', () => {
    const chart = trendChart([
      entry('1', { components: 90, auditErrors: 2, auditWarnings: 3 }),
      entry('2', { date: '2026-12-04', components: 95, auditWarnings: 1 }),
      entry('3', { date: '2026-12-04', components: 97 })
    ])
    expect(chart).toEqual([
      '```mermaid',
      'xychart-beta',
      '    title "Components and audit findings per run"',
      '    x-axis ["11-27", "12-04", "12-04 #2"]',
      '    y-axis "Count" 0 --> 97',
      '    bar [5, 1, 0]',
      '    line [90, 95, 97]',
      '```'
    ])
  })

  it('lists the latest ten runs, newest first, with lifecycle states escaped', () => {
    const history = Array.from({ length: 12 }, (_, i) =>
      entry(String(i + 1), { lifecycle: { '<b>New</b> | @team': 1, '': 2 } })
    )
    const text = renderTrend(history)
    const rows = text.split('\n').filter((line) => /^\| 2026/.test(line))
    expect(rows).toHaveLength(10)
    expect(rows[0]).toMatch(/^\| 2026-11-27 \| 12 \|/)
    expect(text).toContain('The latest 10 of 12 runs')
    expect(text).not.toContain('<b>')
    expect(text).not.toContain(' @team')
    expect(rows[0]).toContain('(none) 2')
  })
})
