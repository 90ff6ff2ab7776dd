/**
 * End to end: the audit through the built dist/index.js against the local Altium stand-in. The
 * expected counts are computed here, independently, from the library the stand-in serves.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  generateLibrary,
  startStandIn,
  type LibraryComponent,
  type LibraryParameter,
  type StandIn
} from '../../local-altium/index.js'
import type { ActionRun } from '../../scripts/runner.js'
import { pieTitled } from '../helpers/mermaid.js'
import { exportFromStandIn } from '../helpers/stand-in-inputs.js'

const CSV = 'library_components.csv'

/** Every rule, some at their default severity and some overridden. */
const RULES = [
  'require-part-choice',
  'allowed-in-design: warning',
  'require-footprint',
  'require-symbol: warning',
  'unique-mpn',
  'require-parameter rohs "Compliant|Yes"',
  'require-datasheet: warning',
  'require-description: error',
  'name-pattern "CMP-0000[1-3]-\\d{6}"'
]

/** A generated library with the near-misses each rule must get right planted in it. */
function craftedLibrary(): LibraryComponent[] {
  const library = generateLibrary(11, 600)
  let next = 0
  /** The next component that has what the change needs (and was not changed yet). */
  const take = (wanted: (c: LibraryComponent) => boolean = () => true) => {
    while (!wanted(library[next])) next++
    return library[next++]
  }
  const withParts = (c: LibraryComponent) => c.manufacturerParts.length > 0
  take().description = ' \t '
  const repeats = take()
  repeats.description = ` ${repeats.name.toLowerCase()} `
  const blankMpn = take(withParts)
  blankMpn.manufacturerParts = [{ ...blankMpn.manufacturerParts[0], partNumber: '  ' }]
  const twice = take(withParts)
  const first = twice.manufacturerParts[0]
  twice.manufacturerParts = [
    first,
    { ...first, companyName: first.companyName.toUpperCase(), partNumber: ` ${first.partNumber}` }
  ]
  const footprint = take((c) => c.details.footprints.length > 0)
  footprint.details = {
    ...footprint.details,
    footprints: [{ ...footprint.details.footprints[0], name: '  ' }]
  }
  const rohs = (value: string, name = 'RoHS'): LibraryParameter => ({
    name,
    value,
    type: 'TEXT',
    realValue: null
  })
  const setRohs = (parameter: LibraryParameter) => {
    const c = take()
    c.details = {
      ...c.details,
      parameters: [...c.details.parameters.filter((p) => p.name !== 'RoHS'), parameter]
    }
  }
  setRohs(rohs('Yes', 'ROHS'))
  setRohs(rohs('   '))
  setRohs(rohs('Compliant '))
  setRohs(rohs('RoHS3 Compliant'))
  setRohs(rohs('<b>No</b> | *x*'))
  return library
}

// ---- The oracle: what each rule finds in the served library, written apart from src/audit. ----

function parameter(c: LibraryComponent, name: string): LibraryParameter | undefined {
  for (const list of [c.details.parameters, c.details.itemParameters]) {
    const same = list.filter((p) => p.name.toLowerCase() === name.toLowerCase())
    if (same.length) return same.find((p) => p.name === name) ?? same[0]
  }
  return undefined
}

const isBlank = (text: string | null | undefined) => !text || text.trim() === ''
const DATASHEET_NAMES = [
  'datasheet',
  'datasheet url',
  'datasheeturl',
  'componentlink1url',
  'componentlink2url',
  'componentlink3url',
  'helpurl'
]

/** For each rule, the components it finds (unique-mpn: one per shared part). */
function expectedFindings(library: LibraryComponent[]): Record<string, number> {
  const count = (found: (c: LibraryComponent) => boolean) => library.filter(found).length
  const owners = new Map<string, Set<string>>()
  for (const c of library) {
    for (const p of c.manufacturerParts) {
      if (isBlank(p.partNumber)) continue
      const key = `${p.companyName.trim().toLowerCase()}|${p.partNumber.trim().toLowerCase()}`
      owners.set(key, (owners.get(key) ?? new Set()).add(c.id))
    }
  }
  return {
    'require-part-choice': count(
      (c) =>
        c.manufacturerParts.length === 0 ||
        c.manufacturerParts.some((p) => isBlank(p.companyName) || isBlank(p.partNumber))
    ),
    'allowed-in-design': count(
      (c) => c.revision.details?.lifeCycleState.isAllowedInDesign === false
    ),
    'require-footprint': count((c) => c.details.footprints.every((f) => isBlank(f.name))),
    'require-symbol': count((c) => c.details.symbols.every((s) => isBlank(s.name))),
    'unique-mpn': [...owners.values()].filter((ids) => ids.size > 1).length,
    'require-parameter rohs Compliant|Yes': count((c) => {
      const value = parameter(c, 'rohs')?.value
      return isBlank(value) || !['Compliant', 'Yes'].includes(value as string)
    }),
    'require-datasheet': count(
      (c) =>
        c.details.datasheets.every((d) => isBlank(d.name)) &&
        ![...c.details.parameters, ...c.details.itemParameters].some(
          (p) => DATASHEET_NAMES.includes(p.name.toLowerCase()) && !isBlank(p.value)
        )
    ),
    'require-description': count(
      (c) =>
        isBlank(c.description) || c.description.trim().toLowerCase() === c.name.trim().toLowerCase()
    ),
    'name-pattern CMP-0000[1-3]-\\d{6}': count((c) => !/^CMP-0000[1-3]-\d{6}$/.test(c.name))
  }
}

const WARNING_RULES = ['allowed-in-design', 'require-symbol', 'unique-mpn', 'require-datasheet']

function expectedCounts(library: LibraryComponent[]): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const [rule, n] of Object.entries(expectedFindings(library))) {
    if (WARNING_RULES.includes(rule) || rule.startsWith('name-pattern')) warnings += n
    else errors += n
  }
  return { errors, warnings }
}

// ---- Running the action ----

let altium: StandIn

beforeAll(async () => {
  altium = await startStandIn({ library: craftedLibrary(), maxPageSize: 100 })
})
afterAll(() => altium.close())
beforeEach(() => altium.resetStats())

function auditWith(inputs: Record<string, string>, workspace?: string): Promise<ActionRun> {
  return exportFromStandIn(altium, inputs, workspace)
}

interface Annotation {
  kind: 'error' | 'warning'
  properties: Record<string, string>
  message: string
}

/** The workflow commands `::error title=…,file=…,line=…::message` in the step's log. */
function annotations(run: ActionRun): Annotation[] {
  const unescape = (text: string) =>
    text.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n')
  return run.stdout
    .split('\n')
    .map((line) => /^::(error|warning) (.+?)::(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({
      kind: match[1] as 'error' | 'warning',
      properties: Object.fromEntries(
        match[2].split(',').map((pair) => {
          const at = pair.indexOf('=')
          return [pair.slice(0, at), unescape(pair.slice(at + 1))]
        })
      ),
      message: unescape(match[3]).replace(/%25/g, '%')
    }))
}

/** The name in the first column of a line of the written CSV (line 1 is the header). */
function nameOnLine(csvText: string, line: number): string {
  const [row] = parse(csvText.split('\n')[line - 1]) as string[][]
  return row[0]
}

describe('the audit, end to end', () => {
  it('reports the counts the served library gives, and annotates the right CSV lines', async () => {
    const run = await auditWith({ audit: RULES.join('\n'), 'fail-on': 'never' })
    expect(run.exitCode).toBe(0)
    const expected = expectedCounts(altium.library)
    expect(expected.errors).toBeGreaterThan(10)
    expect(expected.warnings).toBeGreaterThan(10)
    expect(run.outputs['audit-errors']).toBe(String(expected.errors))
    expect(run.outputs['audit-warnings']).toBe(String(expected.warnings))

    const csvText = readFileSync(path.join(run.workspace, CSV), 'utf8')
    const found = annotations(run).filter((a) => a.properties.title?.startsWith('Library audit: '))
    expect(found.filter((a) => a.kind === 'error')).toHaveLength(10)
    expect(found.filter((a) => a.kind === 'warning')).toHaveLength(10)
    for (const annotation of found) {
      expect(annotation.properties.file).toBe(CSV)
      const name = annotation.message.slice(0, annotation.message.indexOf(': '))
      expect(nameOnLine(csvText, Number(annotation.properties.line))).toBe(name)
    }
    expect(run.stdout).toContain(
      `${expected.errors - 10} more errors and ${expected.warnings - 10} more warnings have no annotation`
    )

    // The report holds every finding, each on its component's line.
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'))
    expect(report.audit.counts).toEqual(expected)
    expect(report.audit.findings).toHaveLength(expected.errors + expected.warnings)
    const perRule: Record<string, number> = {}
    for (const finding of report.audit.findings) {
      perRule[finding.rule] = (perRule[finding.rule] ?? 0) + 1
      expect(nameOnLine(csvText, finding.line)).toBe(finding.component)
    }
    const oracle = Object.fromEntries(
      Object.entries(expectedFindings(altium.library)).filter(([, n]) => n > 0)
    )
    expect(perRule).toEqual(oracle)

    // The summary counts per rule and lists the findings, escaped.
    for (const [rule, n] of Object.entries(expectedFindings(altium.library))) {
      expect(run.summary).toMatch(
        new RegExp(`\\| ${escapeRegex(escapeCell(rule))} \\| \\w+ \\| ${n} \\|`)
      )
    }
    expect(run.summary).toContain(
      `**${expected.errors} errors, ${expected.warnings} warnings** in 600 components`
    )
    // A value from the library reaches the summary escaped.
    expect(run.summary).toContain('= "&lt;b&gt;No&lt;/b&gt; \\| \\*x\\*", which does not match')
    expect(run.summary).not.toContain('<b>No</b>')
    // The findings by rule as a pie that Mermaid reads, counting every finding.
    const pie = await pieTitled(run.summary, 'Audit findings by rule')
    expect(pie.sections.reduce((sum, slice) => sum + slice.value, 0)).toBe(
      expected.errors + expected.warnings
    )
  })

  it('gets the data its rules need when the columns do not hold it, and audits only the rows written', async () => {
    const folder = 'Components/Passives'
    const run = await auditWith({
      audit: RULES.join('\n'),
      columns: 'name',
      filter: `folder=${folder}`,
      'fail-on': 'never'
    })
    expect(run.exitCode).toBe(0)
    const written = altium.library.filter(
      (c) => c.folder?.path === folder || c.folder?.path.startsWith(`${folder}/`)
    )
    const expected = expectedCounts(written)
    expect(written.length).toBeGreaterThan(100)
    expect([run.outputs['audit-errors'], run.outputs['audit-warnings']]).toEqual([
      String(expected.errors),
      String(expected.warnings)
    ])
    const csvText = readFileSync(path.join(run.workspace, CSV), 'utf8')
    expect(csvText.split('\n')[0]).toBe('name')
    expect(csvText.split('\n')).toHaveLength(written.length + 2)
    for (const annotation of annotations(run).filter((a) => a.properties.file === CSV)) {
      const name = annotation.message.slice(0, annotation.message.indexOf(': '))
      expect(nameOnLine(csvText, Number(annotation.properties.line))).toBe(name)
    }
  })

  it.each([
    ['never', RULES, 0, null],
    ['error', RULES, 1, "fail-on is 'error' and the audit found N errors."],
    ['error', ['require-datasheet'], 0, null],
    ['warning', ['require-datasheet'], 1, "fail-on is 'warning' and the audit found N warnings."],
    [
      'warning',
      ['require-parameter RoHS: warning', 'name-pattern CMP-.*'],
      1,
      "fail-on is 'warning' and the audit found N warnings."
    ]
  ])(
    'with fail-on: %s and %j the step exits %d, the CSV written either way',
    async (failOn, rules, exitCode, reason) => {
      const run = await auditWith({ audit: rules.join('\n'), 'fail-on': failOn })
      expect(run.exitCode).toBe(exitCode)
      const rows = parse(readFileSync(path.join(run.workspace, CSV), 'utf8')) as string[][]
      expect(rows).toHaveLength(altium.library.length + 1)
      expect(run.outputs['component-count']).toBe(String(altium.library.length))
      const failure = /^::error::The step fails because (fail-on is '\w+' and [^.]*\.)/m.exec(
        run.stdout
      )?.[1]
      expect(failure?.replace(/\d+/g, 'N') ?? null).toBe(reason)
    }
  )

  it('fails on errors by default', async () => {
    const run = await auditWith({ audit: 'recommended' })
    expect(run.exitCode).toBe(1)
    expect(Number(run.outputs['audit-errors'])).toBeGreaterThan(0)
    expect(existsSync(path.join(run.workspace, CSV))).toBe(true)
  })

  it('reports zero findings and no audit section without rules', async () => {
    const run = await auditWith({})
    expect(run.exitCode).toBe(0)
    expect([run.outputs['audit-errors'], run.outputs['audit-warnings']]).toEqual(['0', '0'])
    expect(run.summary).not.toContain('Library audit')
    expect(JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'))).not.toHaveProperty('audit')
  })

  it('audits only the added and modified components with audit-scope: changed', async () => {
    const original = craftedLibrary()
    const workspace = mkdtempSync(path.join(tmpdir(), 'audit-changed-'))
    try {
      // The first run writes the baseline: the file at path.
      altium.setLibrary(original)
      expect((await auditWith({ 'fail-on': 'never' }, workspace)).exitCode).toBe(0)

      // Then three components lose their part choices, one gets a new description only, and two
      // new components arrive, one of them without part choices.
      const edited = structuredClone(original)
      const withParts = edited.filter((c) => c.manufacturerParts.length > 0)
      const stripped = withParts.slice(0, 3)
      for (const c of stripped) c.manufacturerParts = []
      withParts[3].description = 'A description that changed'
      const added = [structuredClone(withParts[4]), structuredClone(withParts[5])]
      added.forEach((c, n) => {
        c.id = `added-${n}`
        c.name = `ZZ-NEW-${n}`
      })
      added[0].manufacturerParts = []
      altium.setLibrary([...edited, ...added])

      const run = await auditWith(
        { audit: 'require-part-choice', 'audit-scope': 'changed', 'fail-on': 'never' },
        workspace
      )
      expect(run.exitCode).toBe(0)
      expect(run.outputs).toMatchObject({ added: '2', modified: '4', removed: '0' })
      // In scope: the 6 changed components; of those, the 3 stripped ones and 1 new one are hits.
      expect(run.outputs['audit-errors']).toBe('4')
      const hits = annotations(run).map((a) => a.message.slice(0, a.message.indexOf(': ')))
      expect(hits.sort()).toEqual([...stripped.map((c) => c.name), 'ZZ-NEW-0'].sort())
      // The whole library has more hits than that: the scope, not the library, limited them.
      const all = expectedFindings([...edited, ...added])['require-part-choice']
      expect(all).toBeGreaterThan(4)
    } finally {
      altium.setLibrary(craftedLibrary())
    }
  })

  it.each([
    [
      'require-foot',
      /Input 'audit', line 1 \("require-foot"\): unknown rule "require-foot"\. Accepted rules: recommended, /
    ],
    [
      'recommended\nname-pattern CMP-(',
      /Input 'audit', line 2 .*is not a valid regular expression/
    ],
    [
      'require-datasheet: fatal',
      /Input 'audit', line 1 .*: unknown severity "fatal"\. Accepted severities: error, warning/
    ],
    ['require-parameter', /Input 'audit', line 1 .*: require-parameter needs <Name>/]
  ])('refuses %j before any request and keeps the previous file', async (rules, message) => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'audit-previous-'))
    writeFileSync(path.join(workspace, CSV), 'name\nthe previous export\n')
    const run = await auditWith({ audit: rules }, workspace)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(new RegExp(`::error::${message.source}`))
    expect(altium.stats.tokenRequests + altium.stats.graphqlRequests).toBe(0)
    expect(readFileSync(path.join(workspace, CSV), 'utf8')).toBe('name\nthe previous export\n')
  })
})

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** How the summary writes a rule in a table cell (backslash-escaped Markdown). */
function escapeCell(text: string): string {
  return text.replace(/[\\`*_[\]|~#!()]/g, (char) => `\\${char}`)
}
