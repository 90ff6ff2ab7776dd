import { columnById, parameterColumn, type Column } from '../library/columns.js'

/**
 * The audit rules (docs/changes-and-audit.md#the-audit): what each is called, what it takes, how
 * severe it is unless a line says otherwise, and which API fields it reads (so the export selects
 * them even when no CSV column needs them).
 */

export type Severity = 'error' | 'warning'
export const SEVERITIES: readonly Severity[] = ['error', 'warning']

export type RuleId =
  | 'require-part-choice'
  | 'allowed-in-design'
  | 'require-parameter'
  | 'require-footprint'
  | 'require-symbol'
  | 'unique-mpn'
  | 'require-datasheet'
  | 'require-description'
  | 'name-pattern'
  | 'require-stock'
  | 'require-supplier'
  | 'multi-source'
  | 'require-octopart-id'

/** The rules that read supply data (stock, suppliers, manufacturers, Octopart ids). */
export const SUPPLY_RULE_IDS: readonly RuleId[] = [
  'require-stock',
  'require-supplier',
  'multi-source',
  'require-octopart-id'
]

/**
 * One argument a rule takes: a plain text (a parameter name), a regular expression, or a whole
 * number (a threshold) of at least `least`, which is `fallback` when left out.
 */
export type RuleArgument =
  | { name: string; kind: 'text' | 'regex'; optional?: boolean }
  | { name: string; kind: 'count'; optional: true; least: number; fallback: number }

export interface RuleDefinition {
  id: RuleId
  defaultSeverity: Severity
  arguments: RuleArgument[]
  /** In the set `recommended` expands to. */
  recommended: boolean
  /** What it checks, for messages and the docs. */
  checks: string
}

/** In the order of hardware-teams.md (b): what stops a build first. */
export const RULE_DEFINITIONS: readonly RuleDefinition[] = [
  {
    id: 'require-part-choice',
    defaultSeverity: 'error',
    arguments: [],
    recommended: true,
    checks: 'at least one part choice, each with a manufacturer and an MPN'
  },
  {
    id: 'allowed-in-design',
    defaultSeverity: 'error',
    arguments: [],
    recommended: true,
    checks: 'the lifecycle state allows use in a design'
  },
  {
    id: 'require-parameter',
    defaultSeverity: 'error',
    arguments: [
      { name: 'Name', kind: 'text' },
      { name: 'regex', kind: 'regex', optional: true }
    ],
    recommended: false,
    checks: 'the parameter exists, is not blank, and matches the regex as a whole'
  },
  {
    id: 'require-footprint',
    defaultSeverity: 'error',
    arguments: [],
    recommended: true,
    checks: 'at least one footprint'
  },
  {
    id: 'require-symbol',
    defaultSeverity: 'error',
    arguments: [],
    recommended: true,
    checks: 'at least one symbol'
  },
  {
    id: 'unique-mpn',
    defaultSeverity: 'warning',
    arguments: [],
    recommended: true,
    checks: 'no other component has a part choice with the same manufacturer and MPN'
  },
  {
    id: 'require-datasheet',
    defaultSeverity: 'warning',
    arguments: [],
    recommended: true,
    checks: 'a datasheet link parameter or a linked datasheet'
  },
  {
    id: 'require-description',
    defaultSeverity: 'warning',
    arguments: [],
    recommended: true,
    checks: 'a description that is not blank and not just the name'
  },
  {
    id: 'name-pattern',
    defaultSeverity: 'warning',
    arguments: [{ name: 'regex', kind: 'regex' }],
    recommended: false,
    checks: 'the component name matches the regex as a whole'
  },
  // Supply: not recommended, since they depend on supply data a team may not keep up to date.
  {
    id: 'require-stock',
    defaultSeverity: 'warning',
    arguments: [{ name: 'min', kind: 'count', optional: true, least: 1, fallback: 1 }],
    recommended: false,
    checks: 'at least <min> units in stock over every supplier of every part choice'
  },
  {
    id: 'require-supplier',
    defaultSeverity: 'warning',
    arguments: [],
    recommended: false,
    checks: 'every part choice has a supplier part'
  },
  {
    id: 'multi-source',
    defaultSeverity: 'warning',
    arguments: [{ name: 'n', kind: 'count', optional: true, least: 1, fallback: 2 }],
    recommended: false,
    checks: 'at least <n> different manufacturers among the part choices'
  },
  {
    id: 'require-octopart-id',
    defaultSeverity: 'warning',
    arguments: [],
    recommended: false,
    checks: 'every part choice has an Octopart id'
  }
]

export const RECOMMENDED = 'recommended'

export function ruleDefinition(id: string): RuleDefinition | undefined {
  return RULE_DEFINITIONS.find((definition) => definition.id === id)
}

/** A regular expression as the user wrote it, and compiled to match a whole value. */
export interface RulePattern {
  source: string
  regex: RegExp
}

/** One rule as configured: a definition, its arguments and its severity. */
export interface AuditRule {
  id: RuleId
  severity: Severity
  /** require-parameter: the parameter name, matched without regard to case. */
  parameter?: string
  /** require-parameter (optional), name-pattern: the pattern. */
  pattern?: RulePattern
  /** require-stock: the fewest units in stock; multi-source: the fewest manufacturers. */
  threshold?: number
  /** The rule as it would be written, without its severity: `require-parameter Tolerance \d+%`. */
  text: string
}

/** The rule ids and their arguments, for error messages. */
export const RULE_HELP = [
  RECOMMENDED,
  ...RULE_DEFINITIONS.map((definition) =>
    [
      definition.id,
      ...definition.arguments.map((a) => (a.optional ? `[<${a.name}>]` : `<${a.name}>`))
    ].join(' ')
  )
].join(', ')

/** The API fields (dotted paths under `nodes`) a rule reads, taken from the column catalogue. */
export function ruleFields(rule: AuditRule): string[] {
  const column = (id: string) => (columnById(id) as Column).fields
  switch (rule.id) {
    case 'require-part-choice':
    case 'unique-mpn':
      return column('mpn-1')
    case 'allowed-in-design':
      return [...column('lifecycle-state'), ...column('allowed-in-design')]
    case 'require-parameter':
      return parameterColumn(rule.parameter ?? '').fields
    case 'require-footprint':
      return column('footprint')
    case 'require-symbol':
      return column('symbol')
    case 'require-datasheet':
      return column('datasheet')
    case 'require-description':
      return [...column('description'), ...column('name')]
    case 'name-pattern':
      return column('name')
    case 'require-stock':
      return [...SUPPLY_FIELDS, ...STOCK_FIELDS]
    case 'require-supplier':
    case 'multi-source':
    case 'require-octopart-id':
      return SUPPLY_FIELDS
  }
}

/**
 * What every supply rule reads, so that each finding can carry the same figures: the part choices,
 * their Octopart ids and their supplier parts. All are fields of the component itself, fetched with
 * the library listing (never by id: the schema serves stock for library components only).
 */
export const SUPPLY_FIELDS = [
  ...(columnById('octopart-id-1') as Column).fields,
  ...(columnById('supplier-1') as Column).fields
]

/** Stock changes every day: it is fetched only when `require-stock` is on, and never written. */
export const STOCK_FIELDS = ['manufacturerParts.supplierParts.stocks.quantity']

/** Every field the rules read; the export adds these to what the columns need. */
export function auditFields(rules: readonly AuditRule[]): string[] {
  return [...new Set(rules.flatMap(ruleFields))]
}
