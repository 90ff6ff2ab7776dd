import type { RunStats } from '../run-stats.js'
import type { ExportReport } from './export-report.js'

export interface SummaryFacts {
  report: ExportReport
  stats: RunStats
  pages: number
  pageSize: number
  durationMs: number
  /** Set when the server's count and what arrived disagree. */
  countWarning?: string
}

/** The job summary in Markdown: where the library came from, what was written, what it cost. */
export function renderSummary(facts: SummaryFacts): string {
  const { report, stats } = facts
  const rows: [string, string][] = [
    ['Workspace', report.workspaceUrl],
    ['Endpoint', `${report.apiUrl}${report.region ? ` (${report.region})` : ''}`],
    ['Components', String(report.counts.components)],
    ['File', `\`${report.csv}\``],
    ['Pages', `${facts.pages} of up to ${facts.pageSize} components`],
    [
      'Requests',
      `${stats.graphqlRequests} GraphQL (${stats.libraryRequests} for the library), ` +
        `${stats.tokenRequests} to the token endpoint; ${stats.retries} retries, ` +
        `${stats.tokenRenewals} token renewals`
    ],
    ['Time taken', `${(facts.durationMs / 1000).toFixed(1)} s`]
  ]
  const filter = Object.entries(report.filter).map(([key, value]) => `${key}=${value}`)
  if (filter.length) rows.push(['Filter', filter.join(', ')])
  const lines = [
    '## Altium library export',
    '',
    ...(facts.countWarning ? [`> [!WARNING]`, `> ${facts.countWarning}`, ''] : []),
    '| | |',
    '| --- | --- |',
    ...rows.map(([label, value]) => `| ${label} | ${escapeCell(value)} |`),
    '',
    `<details><summary>${report.columns.length} columns</summary>`,
    '',
    report.columns.map((header) => `\`${header}\``).join(', '),
    '',
    '</details>',
    ''
  ]
  return lines.join('\n')
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
