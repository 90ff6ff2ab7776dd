import { lineOfRecord } from '../csv/csv-file.js'
import type { ComponentNode } from '../library/component-node.js'
import type { ComponentRecord } from '../library/records.js'
import { componentCheck } from './checks.js'
import { PartIndex } from './unique-mpn.js'
import type { AuditRule, Severity } from './rules.js'

/** One thing wrong with one component, and where the CSV shows it. */
export interface AuditFinding {
  /** The rule as written, e.g. `require-parameter Tolerance`. */
  rule: string
  severity: Severity
  /** The component's name. */
  component: string
  /** The component's line in the CSV (the header is line 1). */
  line: number
  message: string
  /** unique-mpn: every other component that has the same manufacturer and MPN. */
  others?: string[]
}

export interface AuditResult {
  rules: AuditRule[]
  /** Components the rules looked at (all rows, or only the changed ones). */
  audited: number
  /** In rule order, then by CSV line. */
  findings: AuditFinding[]
  errors: number
  warnings: number
}

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
  // unique-mpn indexes every row, in scope or not: a new part may repeat an old one's MPN.
  const parts = rules.some((rule) => rule.id === 'unique-mpn') ? new PartIndex() : undefined
  // One pass over the components, every rule on each while it is at hand.
  let audited = 0
  for (let row = 0; row < components.length; row++) {
    const component = components[row]
    parts?.add(row, component)
    if (!inScope(row)) continue
    audited++
    for (const { rule, check, found } of perComponent) {
      const message = check(component)
      if (message === undefined) continue
      found.push({
        rule: rule.text,
        severity: rule.severity,
        component: component.name ?? '',
        line: lineOfRecord(row),
        message
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
 * The component of each CSV record, in CSV order: the one `toRecords` kept on the record, else the
 * one with its id (and name, in order, should two components ever share an id).
 */
export function csvComponents(
  components: readonly ComponentNode[],
  records: readonly ComponentRecord[]
): ComponentNode[] {
  if (records.every((record) => record.component)) {
    return records.map((record) => record.component as ComponentNode)
  }
  const byKey = new Map<string, ComponentNode[]>()
  for (const component of components) {
    const key = `${component.id}\u0000${component.name ?? ''}`
    const same = byKey.get(key)
    if (same) same.push(component)
    else byKey.set(key, [component])
  }
  return records.map((record) => {
    const component = byKey.get(`${record.id}\u0000${record.name}`)?.shift()
    if (!component) throw new Error(`No component for the CSV record ${record.name} (${record.id})`)
    return component
  })
}
