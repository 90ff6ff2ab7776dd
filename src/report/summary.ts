import type { ChangeReport } from '../changes/change-report.js'
import { renderChangeSection } from '../changes/change-table.js'
import type { RunStats } from '../run-stats.js'
import { pieChart } from './charts.js'
import type { ExportReport } from './export-report.js'
import { SUMMARY_MAX_BYTES } from './github-limits.js'
import { codeSpan, escapeMarkdownCell } from './markdown.js'

/** Room left under GitHub's summary limit for what later stages append, and for line ends. */
const SUMMARY_MARGIN_BYTES = 16 * 1024

export interface SummaryFacts {
  report: ExportReport
  stats: RunStats
  pages: number
  pageSize: number
  /** Which export strategy ran and why, in one line (`Strategy: plain paging, … (…)`). */
  strategy?: string
  durationMs: number
  /** Set when the server's count and what arrived disagree. */
  countWarning?: string
  /** The report file's name relative to the workspace, where the full change list is. */
  reportFile?: string
  /** Components per lifecycle state (`""`: none), when the run fetched the state. */
  lifecycle?: Record<string, number>
}

/**
 * The job summary in Markdown: where the library came from, what was written, what it cost, and
 * what changed since the baseline, cut to stay under GitHub's 1 MiB limit.
 */
export function renderSummary(facts: SummaryFacts): string {
  const exportPart = renderExportPart(facts)
  const changes = facts.report.changes
  if (!changes) return exportPart
  const heading = `## Changes\n\n${changeChart(changes)}`
  const section = renderChangeSection(changes, {
    maxBytes:
      SUMMARY_MAX_BYTES -
      SUMMARY_MARGIN_BYTES -
      Buffer.byteLength(exportPart) -
      Buffer.byteLength(heading) -
      1,
    fullList: facts.reportFile
      ? `the JSON report \`${facts.reportFile}\` lists every change`
      : undefined
  })
  return `${exportPart}\n${heading}${section}`
}

function renderExportPart(facts: SummaryFacts): string {
  const { report, stats } = facts
  // Cells in Markdown: what came from outside escaped (no link, mention or reference), names as code.
  const rows: [string, string][] = [
    ['Workspace', escapeMarkdownCell(report.workspaceUrl)],
    ['Endpoint', endpointCell(report.apiUrl, report.region)],
    ['Components', String(report.counts.components)],
    ['File', codeSpan(report.csv)],
    ['Pages', `${facts.pages} of up to ${facts.pageSize} components`],
    // Our own words and figures (a fallback's server text goes to the log, not here).
    ...(facts.strategy
      ? [['Strategy', facts.strategy.replace(/^Strategy: /, '')] as [string, string]]
      : []),
    [
      'Requests',
      `${stats.graphqlRequests} GraphQL (${stats.libraryRequests} for the library), ` +
        `${stats.tokenRequests} to the token endpoint; ${stats.retries} retries, ` +
        `${stats.tokenRenewals} token renewals`
    ],
    ['Time taken', `${(facts.durationMs / 1000).toFixed(1)} s`]
  ]
  const filter = Object.entries(report.filter).map(([key, value]) => codeSpan(`${key}=${value}`))
  if (filter.length) rows.push(['Filter', filter.join(', ')])
  const lines = [
    '## Altium library export',
    '',
    ...(facts.countWarning ? [`> [!WARNING]`, `> ${facts.countWarning}`, ''] : []),
    '| | |',
    '| --- | --- |',
    ...rows.map(([label, cell]) => `| ${label} | ${cell} |`),
    '',
    `<details><summary>${report.columns.length} columns</summary>`,
    '',
    report.columns.map((header) => `\`${header}\``).join(', '),
    '',
    '</details>',
    '',
    ...lifecycleChart(report.counts.components, facts.lifecycle)
  ]
  return lines.join('\n')
}

/** The library's lifecycle states as a pie, when the run fetched them and the library has any. */
function lifecycleChart(components: number, lifecycle?: Record<string, number>): string[] {
  if (!lifecycle || components === 0) return []
  const chart = pieChart(
    'Lifecycle states',
    Object.entries(lifecycle).map(([label, value]) => ({ label, value }))
  )
  return chart.length ? [...chart, ''] : []
}

/**
 * Added, removed and modified as a pie above the change tables; none for a first export (all
 * added) or when nothing changed.
 */
function changeChart(changes: ChangeReport): string {
  if (changes.firstExport) return ''
  const { added, removed, modified } = changes.counts
  const chart = pieChart('Changes since the baseline', [
    { label: 'Added', value: added },
    { label: 'Removed', value: removed },
    { label: 'Modified', value: modified }
  ])
  return chart.length ? `${chart.join('\n')}\n\n` : ''
}

/** The endpoint and its region, both from a server's answer when discovery found them. */
export function endpointCell(apiUrl: string, region?: string | null): string {
  return `${escapeMarkdownCell(apiUrl)}${region ? ` (${escapeMarkdownCell(region)})` : ''}`
}
