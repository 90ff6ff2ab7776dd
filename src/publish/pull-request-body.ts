import { renderChangeSection } from '../changes/change-table.js'
import type { ExportReport } from '../report/export-report.js'
import { codeSpan, escapeMarkdownCell } from '../report/markdown.js'
import { endpointCell } from '../report/summary.js'

/** GitHub refuses a pull request body (or comment) longer than this many characters. */
export const MAX_BODY_CHARACTERS = 65_536

const FOOTER =
  '<sub>Opened by the Altium 365 Library Export action; it updates this pull request on every export that changes the library.</sub>'

/**
 * The pull request body: the given markdown sections in order, then a footer. Sections that do not
 * fit are cut at a line boundary, with a line saying how much was left out.
 */
export function pullRequestBody(sections: string[], limit = MAX_BODY_CHARACTERS): string {
  const footer = `\n\n---\n${FOOTER}\n`
  const budget = limit - footer.length
  const parts: string[] = []
  let used = 0
  for (const [i, section] of sections.map((s) => s.trim()).entries()) {
    const separator = parts.length ? 2 : 0
    if (used + separator + section.length <= budget) {
      parts.push(section)
      used += separator + section.length
      continue
    }
    const leftOut = sections.slice(i).reduce((sum, s) => sum + s.trim().length, 0)
    const note = (n: number) =>
      `_… ${n.toLocaleString('en-US')} more characters left out to fit GitHub's limit; ` +
      'the job summary and the JSON report have everything._'
    const room = budget - used - separator - note(leftOut).length - 1
    const kept = room > 0 ? cutAtLine(section, room) : ''
    parts.push([kept, note(leftOut - kept.length)].filter(Boolean).join('\n'))
    break
  }
  return `${parts.join('\n\n')}${footer}`
}

function cutAtLine(text: string, room: number): string {
  const cut = text.slice(0, room)
  const lastBreak = cut.lastIndexOf('\n')
  return lastBreak > 0 ? cut.slice(0, lastBreak) : ''
}

/**
 * Pull-request mode's body: what was exported, then what changed since the baseline the run used
 * (added, removed, modified field by field), the table cut to fit GitHub's limit with a line saying
 * how much was left out. No times, so the same export and baseline give the same body.
 * `reportFile` is the JSON report's path, which lists every change.
 */
export function pullRequestBodyFor(report: ExportReport, reportFile: string): string {
  const summary = exportSummarySection(report)
  if (!report.changes) return pullRequestBody([summary])
  const heading = '## Changes\n\n'
  // What the summary and the footer take, and the blank line between the sections.
  const room = MAX_BODY_CHARACTERS - pullRequestBody([summary]).length - 2 - heading.length
  const changes = renderChangeSection(report.changes, {
    maxChars: room,
    fullList: `the JSON report \`${reportFile}\` in this pull request lists every change`
  })
  return pullRequestBody([summary, heading + changes])
}

/** What was exported, without times, so that the same export gives the same body. */
export function exportSummarySection(report: ExportReport): string {
  const filter = Object.entries(report.filter).map(([key, value]) => codeSpan(`${key}=${value}`))
  // Cells already in Markdown: text values escaped (no link, mention or reference), names as code.
  const rows: [string, string][] = [
    ['Workspace', escapeMarkdownCell(report.workspaceUrl)],
    ['Endpoint', endpointCell(report.apiUrl, report.region)],
    ['Components', String(report.counts.components)],
    ['File', codeSpan(report.csv)],
    ['Columns', String(report.columns.length)]
  ]
  if (filter.length) rows.push(['Filter', filter.join(', ')])
  return [
    '## Altium library export',
    '',
    'This pull request updates the library snapshot to the latest export; its diff is the library change.',
    '',
    '| | |',
    '| --- | --- |',
    ...rows.map(([label, cell]) => `| ${label} | ${cell} |`)
  ].join('\n')
}
