/**
 * `npm run bench:audit`: the CPU time of auditing 100,000 components against every rule (the supply
 * rules included), next to
 * the CPU time of turning the same components into CSV rows (the work every export does anyway).
 * The audit must stay under one second of CPU; the script exits non-zero when it does not.
 */
import { generateLibrary } from '../local-altium/index.js'
import { audit, csvComponents } from '../src/audit/audit.js'
import { parseAuditRules } from '../src/audit/rule-parser.js'
import { auditFields } from '../src/audit/rules.js'
import { columnById, defaultColumnIds, type Column } from '../src/library/columns.js'
import type { ComponentNode } from '../src/library/component-node.js'
import { fieldsFor, toRecords } from '../src/library/records.js'

const COMPONENTS = 100_000
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const BUDGET_MS = 1000

/**
 * Every rule once: the recommended set, a parameter with a regex, a name pattern, and the four
 * supply rules (whose stock fields the components then carry, as the export would fetch them).
 */
const RULES = [
  'recommended',
  'require-parameter RoHS "Compliant|Yes|RoHS3 Compliant"',
  'name-pattern CMP-\\d{5}-\\d{6}',
  'require-stock 100',
  'require-supplier',
  'multi-source',
  'require-octopart-id'
].join('\n')

/** CPU time of `work`, after collecting the garbage of what ran before (`--expose-gc`). */
function cpuMs<T>(work: () => T): { ms: number; value: T } {
  ;(globalThis as { gc?: () => void }).gc?.()
  const start = process.cpuUsage()
  const value = work()
  const used = process.cpuUsage(start)
  return { ms: (used.user + used.system) / 1000, value }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

interface Selection {
  [field: string]: Selection
}

/** Keeps only the selected fields, as the API returns a component for the export's query. */
function project(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, selection))
  if (value === null || typeof value !== 'object' || Object.keys(selection).length === 0) {
    return value
  }
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [field, below] of Object.entries(selection)) {
    if (field in source) out[field] = project(source[field], below)
  }
  return out
}

const columns = defaultColumnIds(3).map((id) => columnById(id) as Column)
const rules = parseAuditRules(RULES)
const selection: Selection = {}
for (const path of [...fieldsFor(columns), ...auditFields(rules)]) {
  let level = selection
  for (const field of path.split('.')) level = level[field] ??= {}
}
process.stdout.write(`Generating ${COMPONENTS.toLocaleString('en-US')} components… `)
// Each component as the export receives it: the selected fields, parsed from JSON.
const components = generateLibrary(1, COMPONENTS).map(
  (component) => JSON.parse(JSON.stringify(project(component, selection))) as ComponentNode
)
console.log('done.')

const records = toRecords(components, columns)
const auditRuns: number[] = []
const baselineRuns: number[] = []
let findings = 0
let errors = 0
let warnings = 0
for (let run = 0; run < RUNS; run++) {
  if (process.env.BENCH_TRACE) console.log(`-- audit run ${run}`)
  const audited = cpuMs(() => audit(csvComponents(records), rules))
  if (process.env.BENCH_TRACE) console.log(`-- end ${audited.ms}`)
  auditRuns.push(audited.ms)
  ;({ errors, warnings } = audited.value)
  findings = audited.value.findings.length
  baselineRuns.push(cpuMs(() => toRecords(components, columns)).ms)
}

const first = auditRuns[0]
const typical = median(auditRuns)
const baseline = median(baselineRuns)
console.log(
  [
    `components              ${COMPONENTS.toLocaleString('en-US')}`,
    `rules                   ${rules.length} (${rules.map((r) => r.id).join(', ')})`,
    `findings                ${findings.toLocaleString('en-US')} (${errors} errors, ${warnings} warnings)`,
    `audit CPU, first run    ${first.toFixed(0)} ms`,
    `audit CPU, median of ${RUNS}  ${typical.toFixed(0)} ms`,
    `baseline: CSV rows CPU  ${baseline.toFixed(0)} ms (toRecords, default columns, median of ${RUNS})`,
    `ratio audit/baseline    ${(typical / baseline).toFixed(2)}`,
    `budget                  ${BUDGET_MS} ms of CPU for the first run: ${first < BUDGET_MS ? 'met' : 'MISSED'}`
  ].join('\n')
)
if (first >= BUDGET_MS) process.exitCode = 1
