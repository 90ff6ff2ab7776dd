import { SUMMARY_MAX_BYTES } from '../report/github-limits.js'
import { reportPathFor } from '../paths.js'
import { pieChart } from '../report/charts.js'
import { escapeMarkdownCell } from '../report/markdown.js'
import type { AuditFinding, AuditResult } from './finding.js'
import type { AuditOutcome } from './audit-stage.js'
import { renderSupplySection } from './supply-summary.js'

export interface AuditSummaryFacts {
  /** The CSV and the JSON report, relative to the workspace. */
  csv: string
  report: string
  /** Said above the findings, e.g. that `audit-scope: changed` audited only part of the library. */
  note?: string
}

/** Appends the audit section to the job summary, within what is left of GitHub's 1 MiB. */
export function withAuditSection(summary: string, outcome: AuditOutcome, csv: string): string {
  const room = SUMMARY_MAX_BYTES - Buffer.byteLength(summary) - 1
  const note =
    outcome.scope === 'changed'
      ? 'Only the components added or modified since the baseline were audited (audit-scope: changed).'
      : undefined
  const facts = { csv, report: reportPathFor(csv), note }
  return `${summary}\n${renderAuditSummary(outcome.result, facts, room)}`
}

/** Room kept for the line that says how many findings were left out. */
const TRAILER_RESERVE = 400

/**
 * The audit's part of the job summary: the counts per rule, the Supply section when a supply rule
 * is on, then every finding grouped by rule, cut to `maxBytes` (GitHub's limit less what the
 * summary already holds) with a line saying how many findings were left out and where they all are.
 */
export function renderAuditSummary(
  result: AuditResult,
  facts: AuditSummaryFacts,
  maxBytes: number
): string {
  const plural = (n: number, word: string) =>
    `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`
  const verdict = result.findings.length
    ? `**${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}**`
    : '**No findings**'
  const byRule = new Map<string, AuditFinding[]>(result.rules.map((rule) => [rule.text, []]))
  for (const finding of result.findings) byRule.get(finding.rule)?.push(finding)

  const head = [
    '## Library audit',
    '',
    `${verdict} in ${plural(result.audited, 'component')} of \`${facts.csv}\`, ` +
      `against ${plural(result.rules.length, 'rule')}.`,
    '',
    ...(facts.note ? ['> [!NOTE]', `> ${facts.note}`, ''] : []),
    '| rule | severity | findings |',
    '| --- | --- | --- |',
    ...result.rules.map(
      (rule) =>
        `| ${escapeMarkdownCell(rule.text)} | ${rule.severity} | ${byRule.get(rule.text)?.length ?? 0} |`
    ),
    '',
    ...findingsChart(byRule),
    ...renderSupplySection(result)
  ]
  const budget = maxBytes - bytes(head) - TRAILER_RESERVE
  if (budget < 0) return lines(head.slice(0, 3))

  const body: string[] = []
  let used = 0
  let shown = 0
  sections: for (const rule of result.rules) {
    const findings = byRule.get(rule.text) ?? []
    if (findings.length === 0) continue
    const heading = [
      `### ${escapeMarkdownCell(rule.text)} (${rule.severity}): ${findings.length}`,
      '',
      '| component | line | finding |',
      '| --- | --- | --- |'
    ]
    for (const [index, finding] of findings.entries()) {
      const row = `| ${escapeMarkdownCell(finding.component)} | ${finding.line} | ${escapeMarkdownCell(finding.message)} |`
      const rows = index === 0 ? [...heading, row] : [row]
      const cost = bytes(rows)
      if (used + cost > budget) break sections
      body.push(...rows)
      used += cost
      shown++
    }
    body.push('')
    used += 1
  }
  const left = result.findings.length - shown
  const trailer = left
    ? [
        '',
        `_${plural(left, 'more finding')} not shown: a job summary holds at most 1 MiB. ` +
          `Every finding is in \`${facts.report}\`._`,
        ''
      ]
    : []
  return lines([...head, ...body, ...trailer])
}

/** The findings per rule as a pie, beside the table of counts; none without findings. */
function findingsChart(byRule: Map<string, AuditFinding[]>): string[] {
  const chart = pieChart(
    'Audit findings by rule',
    [...byRule].map(([rule, findings]) => ({ label: rule, value: findings.length }))
  )
  return chart.length ? [...chart, ''] : []
}

function lines(list: string[]): string {
  return `${list.join('\n')}\n`
}

function bytes(list: string[]): number {
  return list.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0)
}
