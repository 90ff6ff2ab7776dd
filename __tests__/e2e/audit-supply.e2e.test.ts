/**
 * End to end: the supply audit through the built dist/index.js against the local Altium stand-in,
 * whose stock moves on every request. The expected counts are computed here, independently, from
 * the library the stand-in serves.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  generateLibrary,
  startStandIn,
  type LibraryComponent,
  type StandIn
} from '../../local-altium/index.js'
import { exportFromStandIn } from '../helpers/stand-in-inputs.js'

const CSV = 'library_components.csv'
const RULES = ['require-stock', 'require-supplier', 'multi-source', 'require-octopart-id']

/** A generated library with the near misses planted: stock of exactly 1, empty stock lists. */
function craftedLibrary(): LibraryComponent[] {
  const library = generateLibrary(19, 500)
  const withSupplier = library.filter((c) =>
    c.manufacturerParts.some((p) => p.supplierParts.length > 0)
  )
  // Exactly at the minimum of 1: one unit at one supplier, nothing anywhere else.
  const [justOne, emptyLists, nullStocks] = withSupplier
  for (const part of justOne.manufacturerParts) {
    for (const supplier of part.supplierParts)
      supplier.stocks = [{ locationName: 'Global', quantity: 0 }]
  }
  justOne.manufacturerParts.find((p) => p.supplierParts.length)!.supplierParts[0].stocks = [
    { locationName: 'Global', quantity: 1 }
  ]
  for (const part of emptyLists.manufacturerParts) {
    for (const supplier of part.supplierParts) supplier.stocks = []
  }
  for (const part of nullStocks.manufacturerParts) {
    for (const supplier of part.supplierParts) supplier.stocks = null
  }
  return library
}

// ---- The oracle: what each supply rule finds, written apart from src/audit. ----

function expectedFindings(library: LibraryComponent[]): Record<string, number> {
  const withParts = library.filter((c) => c.manufacturerParts.length > 0)
  const stock = (c: LibraryComponent) =>
    c.manufacturerParts
      .flatMap((p) => p.supplierParts)
      .flatMap((s) => s.stocks ?? [])
      .reduce((sum, entry) => sum + entry.quantity, 0)
  const makers = (c: LibraryComponent) =>
    new Set(
      c.manufacturerParts.map((p) => p.companyName.trim().toLowerCase()).filter((name) => name)
    ).size
  return {
    'require-stock': withParts.filter((c) => stock(c) < 1).length,
    'require-supplier': withParts.filter((c) =>
      c.manufacturerParts.some((p) => p.supplierParts.length === 0)
    ).length,
    'multi-source': withParts.filter((c) => makers(c) < 2).length,
    'require-octopart-id': withParts.filter((c) =>
      c.manufacturerParts.some((p) => (p.octopartId ?? '').trim() === '')
    ).length
  }
}

interface Finding {
  rule: string
  component: string
  line: number
  message: string
  figures?: { stock?: number; partChoices: number }
}

function reportOf(reportPath: string): { audit: { findings: Finding[] } } {
  return JSON.parse(readFileSync(reportPath, 'utf8'))
}

let altium: StandIn

beforeAll(async () => {
  altium = await startStandIn({ library: craftedLibrary(), maxPageSize: 100 })
})
afterAll(() => altium.close())
beforeEach(() => altium.resetStats())

describe('the supply audit, end to end', () => {
  it('finds what the served library holds, rule by rule, with the figures in the report', async () => {
    const run = await exportFromStandIn(altium, { audit: RULES.join('\n'), 'fail-on': 'never' })
    expect(run.exitCode).toBe(0)
    const expected = expectedFindings(altium.library)
    for (const n of Object.values(expected)) expect(n).toBeGreaterThan(5)
    const total = Object.values(expected).reduce((a, b) => a + b, 0)
    expect([run.outputs['audit-errors'], run.outputs['audit-warnings']]).toEqual([
      '0',
      String(total)
    ])

    const { findings } = reportOf(run.outputs['report-path']).audit
    const perRule: Record<string, number> = {}
    for (const finding of findings) perRule[finding.rule] = (perRule[finding.rule] ?? 0) + 1
    expect(perRule).toEqual(expected)
    // Every finding names its component and carries its figures; nothing out of stock has stock.
    const csvLines = readFileSync(path.join(run.workspace, CSV), 'utf8').split('\n')
    for (const finding of findings) {
      expect(csvLines[finding.line - 1].startsWith(`${finding.component},`)).toBe(true)
      expect(finding.figures?.partChoices).toBeGreaterThan(0)
    }
    const stocks = findings.filter((f) => f.rule === 'require-stock').map((f) => f.figures?.stock)
    expect(stocks).toEqual(stocks.map(() => 0))
    // The near misses: one unit in stock passes; empty stock lists and null stocks do not.
    const [justOne, emptyLists, nullStocks] = altium.library.filter((c) =>
      c.manufacturerParts.some((p) => p.supplierParts.length > 0)
    )
    const outOfStock = findings.filter((f) => f.rule === 'require-stock').map((f) => f.component)
    expect(outOfStock).not.toContain(justOne.name)
    expect(outOfStock).toEqual(expect.arrayContaining([emptyLists.name, nullStocks.name]))

    // The summary's Supply section counts what the rules found.
    expect(run.summary).toContain(
      '| out of stock (require-stock) | no supplier (require-supplier) | single-source (multi-source) | untracked (require-octopart-id) |\n' +
        '| --- | --- | --- | --- |\n' +
        `| ${RULES.map((rule) => expected[rule]).join(' | ')} |`
    )
  })

  it('selects the supply fields in the library listing only, never in a request by id', async () => {
    const run = await exportFromStandIn(altium, { audit: 'require-stock', 'fail-on': 'never' })
    expect(run.exitCode).toBe(0)
    const requests = altium.stats.requests.filter((r) => r.query)
    const byId = requests.filter((r) => /desComponentsByIds|ComponentsByName/.test(r.query ?? ''))
    // The default columns need details, so this export lists first and fetches details by id.
    expect(byId.length).toBeGreaterThan(0)
    for (const request of byId) expect(request.query).not.toMatch(/stocks|supplierParts/)
    const withStock = requests.filter((r) => r.query?.includes('stocks'))
    expect(withStock.length).toBeGreaterThan(0)
    for (const request of withStock) expect(request.query).not.toContain('desComponentsByIds')
  })

  it('asks for no stock without require-stock, and for no supply field without a supply rule', async () => {
    await exportFromStandIn(altium, {
      audit: 'multi-source\nrequire-octopart-id',
      'fail-on': 'never'
    })
    const queries = altium.stats.requests.map((r) => r.query ?? '')
    expect(queries.some((q) => q.includes('octopartId'))).toBe(true)
    expect(queries.some((q) => q.includes('stocks'))).toBe(false)
    altium.resetStats()
    await exportFromStandIn(altium, { audit: 'recommended', 'fail-on': 'never' })
    expect(
      altium.stats.requests.some((r) => /stocks|supplierParts|octopartId/.test(r.query ?? ''))
    ).toBe(false)
  })

  it('writes a byte-identical CSV on two runs whose stock differs, and the same as without the audit', async () => {
    const inputs = {
      audit: 'require-stock 100000\nmulti-source',
      columns: [
        'name',
        'manufacturer-1',
        'mpn-1',
        'manufacturer-2',
        'octopart-id-1',
        'supplier-1',
        'spn-1',
        'supplier-2',
        'spn-2',
        'part-choice-count',
        'footprint'
      ].join('\n'),
      'fail-on': 'never'
    }
    const first = await exportFromStandIn(altium, inputs)
    const second = await exportFromStandIn(altium, inputs)
    const plain = await exportFromStandIn(altium, { columns: inputs.columns })
    for (const run of [first, second, plain]) expect(run.exitCode).toBe(0)
    const csv = (run: typeof first) => readFileSync(path.join(run.workspace, CSV))
    expect(csv(second).equals(csv(first))).toBe(true)
    expect(csv(plain).equals(csv(first))).toBe(true)
    expect(csv(first).toString('utf8')).not.toMatch(/stock/i)

    // The stock did change between the two runs: the same components show other figures.
    const stockBy = (run: typeof first) =>
      new Map(
        reportOf(run.outputs['report-path'])
          .audit.findings.filter((f) => f.rule === 'require-stock 100000')
          .map((f) => [f.component, f.figures?.stock])
      )
    const a = stockBy(first)
    const b = stockBy(second)
    const both = [...a.keys()].filter((name) => b.has(name))
    expect(both.length).toBeGreaterThan(20)
    expect(both.filter((name) => a.get(name) !== b.get(name)).length).toBeGreaterThan(10)
  })
})
