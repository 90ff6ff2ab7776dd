import { lineOfRecord } from '../csv/csv-file.js'
import type { ComponentNode } from '../library/component-node.js'
import type { ComponentRecord } from '../library/records.js'
import { componentCheck } from './checks.js'
import { PartIndex } from './unique-mpn.js'
import type { AuditRule } from './rules.js'
import type { AuditFinding, AuditResult } from './finding.js'
import { supplyCheck, supplyFigures } from './supply.js'

export interface AuditOptions {
  /** Which rows to audit; all when absent. A row is a record's index in the CSV, from 0. */
  inScope?: (row: number) => boolean
}

/**
 * Checks the components, given in CSV order (row = index), against the rules. Pure: the same
 * components and rules give the same findings in the same order.
 */
export function audit(
  components: readonly ComponentNode[],
  rules: readonly AuditRule[],
  options: AuditOptions = {}
): AuditResult {
  const inScope = options.inScope ?? (() => true)
  const byRule: AuditFinding[][] = rules.map(() => [])
  const perComponent = rules.flatMap((rule, index) => {
    const check = componentCheck(rule)
    return check ? [{ rule, check, found: byRule[index] }] : []
  })
  const supply = rules.flatMap((rule, index) => {
    const check = supplyCheck(rule)
    return check ? [{ rule, check, found: byRule[index] }] : []
  })
  // Stock is summed only when a rule reads it: without require-stock it was not even fetched.
  const withStock = rules.some((rule) => rule.id === 'require-stock')
  // unique-mpn indexes every row, in scope or not: a new part may repeat an old one's MPN.
  const parts = rules.some((rule) => rule.id === 'unique-mpn') ? new PartIndex() : undefined
  // One pass over the components, every rule on each while it is at hand.
  let audited = 0
  for (let row = 0; row < components.length; row++) {
    const component = components[row]
    parts?.add(row, component)
    if (!inScope(row)) continue
    audited++
    const name = component.name ?? ''
    const line = lineOfRecord(row)
    for (const { rule, check, found } of perComponent) {
      const message = check(component)
      if (message === undefined) continue
      found.push({ rule: rule.text, severity: rule.severity, component: name, line, message })
    }
    // The supply rules share one reading of the part choices; none applies without one.
    const figures = supply.length ? supplyFigures(component, withStock) : undefined
    if (figures === undefined) continue
    for (const { rule, check, found } of supply) {
      const message = check(figures, component)
      if (message === undefined) continue
      found.push({
        rule: rule.text,
        severity: rule.severity,
        component: name,
        line,
        message,
        figures
      })
    }
  }
  rules.forEach((rule, index) => {
    if (parts && rule.id === 'unique-mpn') byRule[index] = parts.findings(rule, components, inScope)
  })
  const findings = byRule.flat()
  let errors = 0
  for (const finding of findings) if (finding.severity === 'error') errors++
  return { rules: [...rules], audited, findings, errors, warnings: findings.length - errors }
}

/**
 * The component of each CSV record, in CSV order. The records must have been made keeping their
 * components (`RecordCollector` with `keepComponents`, or `toRecords`).
 */
export function csvComponents(records: readonly ComponentRecord[]): ComponentNode[] {
  return records.map((record) => {
    if (!record.component) {
      throw new Error(`The CSV record ${record.name} (${record.id}) was made without its component`)
    }
    return record.component
  })
}
