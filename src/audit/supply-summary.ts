import { compareText } from '../library/columns.js'
import { escapeMarkdownCell } from '../report/markdown.js'
import type { AuditFinding, AuditResult } from './finding.js'
import { SUPPLY_RULE_IDS, type AuditRule } from './rules.js'
import type { SupplyFigures } from './supply.js'

/** How many components the Supply section names; the JSON report has every finding. */
export const WORST_OFFENDERS = 10

/** One component with supply findings, as the worst-offenders table shows it. */
export interface SupplyOffender {
  component: string
  line: number
  figures: SupplyFigures
  /** The supply rules it fails, as written. */
  rules: string[]
}

/**
 * The components with supply findings, worst first: the most supply rules failed, then the least
 * stock (when `require-stock` is on), then the fewest manufacturers, then CSV order.
 */
export function worstOffenders(findings: readonly AuditFinding[]): SupplyOffender[] {
  const byLine = new Map<number, SupplyOffender>()
  for (const finding of findings) {
    if (!finding.figures) continue
    const offender = byLine.get(finding.line)
    if (offender) offender.rules.push(finding.rule)
    else {
      byLine.set(finding.line, {
        component: finding.component,
        line: finding.line,
        figures: finding.figures,
        rules: [finding.rule]
      })
    }
  }
  return [...byLine.values()].sort(
    (a, b) =>
      b.rules.length - a.rules.length ||
      (a.figures.stock ?? Infinity) - (b.figures.stock ?? Infinity) ||
      a.figures.manufacturers - b.figures.manufacturers ||
      a.line - b.line ||
      compareText(a.component, b.component)
  )
}

/** What the counts table calls a supply rule's findings. */
function label(rule: AuditRule): string {
  switch (rule.id) {
    case 'require-stock':
      return rule.threshold === undefined || rule.threshold <= 1
        ? 'out of stock'
        : `below ${rule.threshold.toLocaleString('en-US')} in stock`
    case 'require-supplier':
      return 'no supplier'
    case 'multi-source':
      return rule.threshold === undefined || rule.threshold === 2
        ? 'single-source'
        : `fewer than ${rule.threshold} manufacturers`
    default: // require-octopart-id: a part choice Octopart does not know cannot be tracked
      return 'untracked'
  }
}

/**
 * The job summary's Supply section, when a supply rule is on: how many components each supply rule
 * found, then the worst offenders. Empty when no supply rule is on.
 */
export function renderSupplySection(result: AuditResult): string[] {
  const rules = result.rules.filter((rule) => SUPPLY_RULE_IDS.includes(rule.id))
  if (rules.length === 0) return []
  const counts = new Map<string, number>(rules.map((rule) => [rule.text, 0]))
  for (const finding of result.findings) {
    const n = counts.get(finding.rule)
    if (n !== undefined && finding.figures) counts.set(finding.rule, n + 1)
  }
  const offenders = worstOffenders(result.findings)
  const withStock = rules.some((rule) => rule.id === 'require-stock')
  const lines = [
    '### Supply',
    '',
    `| ${rules.map((rule) => `${label(rule)} (${escapeMarkdownCell(rule.text)})`).join(' | ')} |`,
    `|${' --- |'.repeat(rules.length)}`,
    // Plain numbers, as the rules table above counts its findings.
    `| ${rules.map((rule) => counts.get(rule.text) ?? 0).join(' | ')} |`,
    ''
  ]
  if (offenders.length === 0) return [...lines, 'Every component passes the supply rules.', '']
  const shown = offenders.slice(0, WORST_OFFENDERS)
  return [
    ...lines,
    `Worst first (most supply rules failed, then ${withStock ? 'least stock, then ' : ''}` +
      `fewest manufacturers)${offenders.length > shown.length ? `, ${shown.length} of ${offenders.length.toLocaleString('en-US')}` : ''}:`,
    '',
    `| component | line |${withStock ? ' in stock |' : ''} part choices | supplier parts | manufacturers | fails |`,
    `| --- | --- |${withStock ? ' --- |' : ''} --- | --- | --- | --- |`,
    ...shown.map(
      ({ component, line, figures, rules: failed }) =>
        `| ${escapeMarkdownCell(component)} | ${line} |` +
        (withStock ? ` ${(figures.stock ?? 0).toLocaleString('en-US')} |` : '') +
        ` ${figures.partChoices} | ${figures.supplierParts} | ${figures.manufacturers} | ` +
        `${escapeMarkdownCell(failed.join(', '))} |`
    ),
    ''
  ]
}
