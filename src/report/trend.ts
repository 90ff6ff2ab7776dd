import type { HistoryEntry } from './history.js'
import { escapeMarkdownCell } from './markdown.js'

/** Runs shown in the summary's table; the chart and the JSON report hold them all. */
const TABLE_ROWS = 10

/**
 * The trend section of the job summary: a Mermaid chart of the components and the audit findings
 * per run once there are two runs to join, and a table of the latest runs. Empty without history.
 */
export function renderTrend(history: readonly HistoryEntry[]): string {
  if (history.length === 0) return ''
  const lines = ['', '## Trend', '']
  if (history.length >= 2) {
    lines.push(
      `The line is the component count, the bars the audit findings (errors and warnings), over ` +
        `the last ${history.length} runs.`,
      '',
      ...trendChart(history),
      ''
    )
  } else {
    lines.push('The first run with a history: the chart starts with the next run.', '')
  }
  const shown = history.slice(-TABLE_ROWS).reverse()
  lines.push(
    '| Date | Run | Components | Added | Removed | Modified | Audit errors | Audit warnings | Lifecycle states |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...shown
      .map((e) =>
        [
          e.date,
          e.runId || '–',
          e.components,
          e.added,
          e.removed,
          e.modified,
          e.auditErrors,
          e.auditWarnings,
          lifecycleCell(e.lifecycle)
        ].join(' | ')
      )
      .map((row) => `| ${row} |`),
    ''
  )
  if (history.length > TABLE_ROWS) {
    lines.push(
      `The latest ${TABLE_ROWS} of ${history.length} runs; the JSON report holds them all.`,
      ''
    )
  }
  return lines.join('\n')
}

/** A Mermaid `xychart-beta`: dates on the x axis (numbered when a day has several runs). */
export function trendChart(history: readonly HistoryEntry[]): string[] {
  const seen = new Map<string, number>()
  const labels = history.map((e) => {
    const day = e.date.slice(5)
    const count = (seen.get(day) ?? 0) + 1
    seen.set(day, count)
    return count === 1 ? day : `${day} #${count}`
  })
  const components = history.map((e) => e.components)
  const findings = history.map((e) => e.auditErrors + e.auditWarnings)
  const top = Math.max(1, ...components, ...findings)
  return [
    '```mermaid',
    'xychart-beta',
    '    title "Components and audit findings per run"',
    `    x-axis [${labels.map((l) => JSON.stringify(l)).join(', ')}]`,
    `    y-axis "Count" 0 --> ${top}`,
    `    bar [${findings.join(', ')}]`,
    `    line [${components.join(', ')}]`,
    '```'
  ]
}

/** "Released 230, Obsolete 10"; the states come from the server, so they are escaped. */
function lifecycleCell(lifecycle: Record<string, number> | undefined): string {
  if (!lifecycle) return '–'
  const states = Object.entries(lifecycle).map(
    ([state, count]) => `${state ? escapeMarkdownCell(state) : '(none)'} ${count}`
  )
  return states.join(', ') || '–'
}
