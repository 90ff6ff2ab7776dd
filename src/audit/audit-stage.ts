import type { ComponentRecord } from '../library/records.js'
import type { Logger } from '../logger.js'
import { audit, csvComponents } from './audit.js'
import type { AuditFinding, AuditResult } from './finding.js'
import type { AuditRule, Severity } from './rules.js'

/** `audit-scope`: every row, or only the added and modified ones. */
export type AuditScope = 'all' | 'changed'
export const AUDIT_SCOPES: AuditScope[] = ['all', 'changed']

/** The `audit` rules (none: no audit) and `audit-scope`. */
export interface AuditSettings {
  rules: AuditRule[]
  scope: AuditScope
}

/** What the audit stage hands on: the result and the scope it used. */
export interface AuditOutcome {
  result: AuditResult
  scope: AuditScope
}

/** The audit in the JSON report: every finding, in the same order as the summary. */
export interface AuditReport {
  scope: AuditScope
  audited: number
  rules: { rule: string; severity: Severity }[]
  counts: { errors: number; warnings: number }
  findings: AuditFinding[]
}

/**
 * Audits the exported rows when `audit` holds rules. `changedRows` says which rows were added or
 * modified since the baseline; it is asked only for `audit-scope: changed`.
 */
export function auditLibrary(
  records: readonly ComponentRecord[],
  settings: AuditSettings,
  changedRows: () => (row: number) => boolean,
  logger: Logger
): AuditOutcome | undefined {
  if (settings.rules.length === 0) return undefined
  const { scope } = settings
  const result = audit(csvComponents(records), settings.rules, {
    inScope: scope === 'changed' ? changedRows() : undefined
  })
  logger.info(
    `Audited ${result.audited} components against ${result.rules.length} rules: ` +
      `${result.errors} errors, ${result.warnings} warnings.`
  )
  return { result, scope }
}

export function auditReport({ result, scope }: AuditOutcome): AuditReport {
  return {
    scope,
    audited: result.audited,
    rules: result.rules.map((rule) => ({ rule: rule.text, severity: rule.severity })),
    counts: { errors: result.errors, warnings: result.warnings },
    findings: result.findings
  }
}
