import type { AuditRule, Severity } from './rules.js'
import type { SupplyFigures } from './supply.js'

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
  /** Supply rules: the component's part choices, suppliers, manufacturers and stock. */
  figures?: SupplyFigures
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
