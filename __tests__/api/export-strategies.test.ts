/**
 * Every export strategy against the real local stand-in, in process: plain paging, page-size auto,
 * list-then-details with its fallbacks, and the adaptive strategy's switches under each server
 * model. Each must give the same file, byte for byte, as plain paging one page after another.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { exportLibrary, type LibraryExport } from '../../src/api/library-export.js'
import { PROBE_FIGURES } from '../../src/api/planner-figures.js'
import type { StrategyChoice } from '../../src/api/strategy.js'
import type { PageSizeSetting } from '../../src/api/page-size.js'
import { renderCsv } from '../../src/csv/csv-file.js'
import { columnById, defaultColumnIds, type Column } from '../../src/library/columns.js'
import { fieldsFor, RecordCollector } from '../../src/library/records.js'
import { Logger } from '../../src/logger.js'
import { startStandIn, type StandIn, type StandInOptions } from '../../local-altium/index.js'
import { SERVER_MODEL_NAMES } from '../../local-altium/server-models.js'
import type { LibraryComponent } from '../../local-altium/library-types.js'
import { NO_WAIT, standInClient } from '../helpers/stand-in-client.js'

const COLUMNS: Column[] = defaultColumnIds(3).map((id) => columnById(id) as Column)
const COMPONENTS = 1200

/** A logger that keeps what it would print. */
class KeptLogger extends Logger {
  readonly lines: string[] = []
  override info(message: string): void {
    this.lines.push(message)
  }
  override debug(message: string): void {
    this.lines.push(message)
  }
}

/** The most listed components that waited for their details at once, from the debug line. */
function mostWaiting(logger: KeptLogger): number {
  const line = logger.lines.find((l) => /waited for their details at once/.test(l)) ?? ''
  return Number(/At most (\d+)/.exec(line)?.[1])
}

let altium: StandIn
let plainCsv: string

async function runExport(
  settings: {
    pageSize?: PageSizeSetting
    concurrency?: number
    folder?: string
    strategy?: StrategyChoice
  } = {},
  columns = COLUMNS
): Promise<{ result: LibraryExport; csv: string; logger: KeptLogger }> {
  const logger = new KeptLogger()
  const { client } = standInClient(altium, { logger, retry: { ...NO_WAIT, attempts: 6 } })
  const filter = settings.folder === undefined ? {} : { folder: settings.folder }
  const collector = new RecordCollector(columns, { folder: settings.folder })
  const result = await exportLibrary(
    client,
    {
      workspaceUrl: altium.workspaceUrl,
      pageSize: settings.pageSize ?? 'auto',
      concurrency: settings.concurrency ?? 4,
      filter,
      fields: fieldsFor(columns, settings.folder),
      strategy: settings.strategy
    },
    collector,
    logger
  )
  expect(collector.received).toBe(result.received)
  const csv = renderCsv(
    columns.map((column) => column.header),
    collector.sorted(),
    { delimiter: ',', bom: false }
  )
  return { result, csv, logger }
}

const operations = () => altium.stats.requests.map((request) => request.operationName ?? '')
const count = (name: string) => operations().filter((operation) => operation === name).length

function setStandIn(options: Partial<StandInOptions>) {
  altium.setOptions({ maxPageSize: 1000, faults: {}, latency: undefined, ...options })
  altium.resetStats()
}

beforeAll(async () => {
  altium = await startStandIn({ seed: 11, componentCount: COMPONENTS, maxPageSize: 1000 })
  // The reference: one page of 100 after another, every field in each page.
  plainCsv = (await runExport({ pageSize: 100, concurrency: 1 })).csv
})
afterAll(() => altium.close())
beforeEach(() => setStandIn({}))

describe('the reference export', () => {
  it('holds every component of the library', () => {
    expect(plainCsv.trimEnd().split('\n')).toHaveLength(COMPONENTS + 1)
    expect(altium.library.some((component) => !component.isManaged)).toBe(true)
  })
})

/** List-then-details, as the adaptive strategy runs it once it has switched. */
const LISTING = { strategy: 'list-then-details' } as const

describe('list-then-details', () => {
  it('writes the same bytes as plain paging, with details fetched by id and by name', async () => {
    const { result, csv, logger } = await runExport(LISTING)
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('list-then-details')
    expect(count('ComponentDetails')).toBeGreaterThan(0)
    // Unmanaged components this server does not find by id are then looked up by name.
    expect(count('ComponentsByName')).toBeGreaterThan(0)
    expect(logger.lines.join('\n')).toMatch(/\d+ components were found by name instead of by id/)
  })

  it('asks by id first for every component, unmanaged ones included', async () => {
    setStandIn({ faults: { unmanagedFoundById: true } })
    const { result, csv } = await runExport(LISTING)
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('list-then-details')
    // This server finds the unmanaged components by id: no name lookup is needed.
    expect(count('ComponentsByName')).toBe(0)
  })

  it('looks up by name what the id lookup answers with errors', async () => {
    setStandIn({ faults: { componentsByIdsErrorRate: 0.4 } })
    const { result, csv } = await runExport(LISTING)
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('list-then-details')
  })

  it('falls back to plain paging, same bytes, when the server does not know desComponentsByIds', async () => {
    setStandIn({ faults: { componentsByIdsRefused: true } })
    const { result, csv, logger } = await runExport(LISTING)
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('paging')
    expect(logger.lines.join('\n')).toMatch(
      /Fetching details by id did not work \(desComponentsByIds: .*HC0020.*\); exporting again page by page/
    )
  })

  it('shrinks batches the cost limit refuses (HC0047 before execution) and keeps the bytes', async () => {
    setStandIn({
      latency: { baseMs: 0, componentMs: 0, fieldMs: 0, detailsMs: 0, costLimit: 30_000 }
    })
    const { result, csv } = await runExport(LISTING)
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('list-then-details')
    const refused = altium.stats.requests.filter((r) => r.operationName === 'ComponentDetails')
    expect(refused.length).toBeGreaterThan(Math.ceil(COMPONENTS / 1000))
  })

  it('survives transient 503s while details are fetched concurrently', async () => {
    setStandIn({ faults: { unavailableRate: 0.2, faultBudget: 8 } })
    const { csv } = await runExport(LISTING)
    expect(csv).toBe(plainCsv)
    expect(altium.stats.faultsInjected).toBeGreaterThan(0)
  })

  it('keeps at most `concurrency` requests in flight', async () => {
    setStandIn({ latency: { baseMs: 15, componentMs: 0, fieldMs: 0, detailsMs: 0 } })
    const { csv } = await runExport({ ...LISTING, concurrency: 3 })
    expect(csv).toBe(plainCsv)
    expect(altium.stats.maxGraphqlInFlight).toBeLessThanOrEqual(3)
    expect(altium.stats.maxGraphqlInFlight).toBeGreaterThanOrEqual(2)
  })

  it('pauses the listing while slow detail requests catch up', async () => {
    // Details cost 3 ms a component and a batch may not cost more than about 200 of them.
    const slowDetails = { baseMs: 0, componentMs: 0, fieldMs: 0, detailsMs: 3, costLimit: 20_000 }
    setStandIn({ latency: slowDetails })
    const { csv, logger } = await runExport({ ...LISTING, pageSize: 100 })
    expect(csv).toBe(plainCsv)
    // It pauses once 500 wait (two pages of 100 are fewer), so at most one page more waits.
    // Without the pause the listing runs to its end first: some 1,100 components wait.
    expect(mostWaiting(logger)).toBeLessThanOrEqual(500 + 100)
  })

  it('falls back to plain paging, same bytes, when components are found neither by id nor by name', async () => {
    // A name lookup answers at most five components of one name: eight unmanaged components
    // that share a name leave three that neither lookup finds.
    const original = altium.library
    let renamed = 0
    altium.setLibrary(
      original.map((component) =>
        !component.isManaged && renamed++ < 8 ? { ...component, name: 'SHARED-NAME' } : component
      )
    )
    try {
      const plain = await runExport({ pageSize: 100, concurrency: 1 })
      // Slow details make the listing pause, as it would in a large library.
      setStandIn({ latency: { baseMs: 0, componentMs: 0, fieldMs: 0, detailsMs: 3 } })
      const { result, csv, logger } = await runExport({ ...LISTING, pageSize: 100 })
      expect(csv).toBe(plain.csv)
      expect(result.strategy).toBe('paging')
      expect(logger.lines.join('\n')).toMatch(
        /Fetching details by id did not work \(\d+ components were found neither by id nor by name\)/
      )
    } finally {
      altium.setLibrary(original)
    }
  })

  it('with concurrency 1 pages with every field, one request at a time', async () => {
    const { result, csv } = await runExport({ ...LISTING, concurrency: 1 })
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('paging')
    expect(count('ComponentDetails')).toBe(0)
    expect(altium.stats.maxGraphqlInFlight).toBe(1)
  })

  it('asks nothing by id when no column needs details', async () => {
    const columns = ['name', 'comment', 'folder'].map((id) => columnById(id) as Column)
    const { result } = await runExport(LISTING, columns)
    expect(result.strategy).toBe('paging')
    expect(count('ComponentDetails') + count('ComponentsByName')).toBe(0)
  })

  it('skips the details of components outside the folder filter, and writes the same rows', async () => {
    const paths = altium.library.map((component) => component.folder?.path ?? '')
    const folder = (paths.find(Boolean) as string).split('/')[0]
    const wanted = paths.filter((p) => p === folder || p.startsWith(`${folder}/`)).length
    const paged = await runExport({ concurrency: 1, folder })
    setStandIn({})
    const listed = await runExport({ ...LISTING, folder })
    expect(listed.csv).toBe(paged.csv)
    expect(listed.csv.trimEnd().split('\n')).toHaveLength(wanted + 1)
  })
})

describe('page-size auto', () => {
  it('asks about a tenth of the requests of 100 per page from a server that accepts 1,000', async () => {
    const fixed = await runExport({ pageSize: 100, concurrency: 1 })
    const fixedPages = fixed.result.pages
    setStandIn({})
    const auto = await runExport({ pageSize: 'auto', concurrency: 1 })
    expect(auto.csv).toBe(plainCsv)
    expect(fixedPages).toBe(Math.ceil(COMPONENTS / 100))
    // 100, 200, 400 and the rest at 800: 4 pages where fixed paging needs 12.
    expect(auto.result.pages).toBe(4)
    const sizes = altium.stats.requests.map((r) => r.first).filter((first) => first !== undefined)
    expect(sizes).toEqual([100, 200, 400, 800])
  })

  it('settles at the size a server caps pages at, asking a larger page only once', async () => {
    setStandIn({ maxPageSize: 150 })
    const { result, csv } = await runExport({ pageSize: 'auto', concurrency: 1 })
    expect(csv).toBe(plainCsv)
    expect(result.pageSize).toBe(150)
    const sizes = altium.stats.requests
      .filter((r) => r.operationName === 'LibraryComponents')
      .map((r) => r.first)
    // 100 accepted, 200 refused once (HC0051 names 150), then 150 to the end.
    expect(sizes.slice(0, 3)).toEqual([100, 200, 150])
    expect(sizes.slice(2).every((size) => size === 150)).toBe(true)
  })

  it('keeps a fixed size fixed', async () => {
    const { result } = await runExport({ pageSize: 300, concurrency: 1 })
    expect(result.pages).toBe(Math.ceil(COMPONENTS / 300))
    expect(result.pageSize).toBe(300)
  })
})

describe('the adaptive strategy (the default)', () => {
  /** Pages of 200, so that 1,200 components leave room to measure, switch and go on. */
  const ADAPTIVE = { pageSize: 200 } as const
  const sentForDetails = () => count('ComponentDetails') + count('ComponentsByName')
  /** Details most of a page's time, and each name looked up scans the library: 60 ms a name. */
  const SLOW_NAMES = {
    server: 'slow-details',
    baseMs: 10,
    detailsMs: 0.5,
    filterScanMs: 0.05
  } as const

  it('stays with plain paging on a server whose every request takes the same time', async () => {
    // 300 ms a request: more than the client's own time per page can tip either way.
    setStandIn({ latency: { server: 'fixed', baseMs: 300 } })
    const { result, csv } = await runExport(ADAPTIVE)
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('paging')
    expect(result.strategyLine).toMatch(
      /^Strategy: plain paging, 200 per page \(listing \+ details measured [01]\.\d× as fast as pages with details/
    )
    // One page was listed without details to measure listing; its details came by id.
    expect(count('ComponentDetails')).toBeGreaterThan(0)
  })

  it('switches to listing plus details by id when details dominate the server’s time', async () => {
    setStandIn({ latency: { server: 'slow-details', baseMs: 10 } })
    const { result, csv, logger } = await runExport(ADAPTIVE)
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('list-then-details')
    expect(result.strategyLine).toMatch(
      /^Strategy: listing \+ details by id, 200 per page, 3 detail requests at once \(listing \+ details measured \d+\.\d× as fast as pages with details; switched 1×\)$/
    )
    expect(logger.lines).toContain(result.strategyLine)
  })

  it('switches to listing when pages with details are refused for cost and listing is not', async () => {
    // Pages of 400 with details are refused, and of 200; 400 listed pass. Every component is
    // found by id, so that no name lookup weighs on the comparison.
    setStandIn({
      latency: { server: 'cost-limited', costLimit: 25_000 },
      faults: { unmanagedFoundById: true }
    })
    const { result, csv } = await runExport({ pageSize: 400 })
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('list-then-details')
    expect(result.strategyLine).toMatch(
      /pages with details refused for cost at 400;.* switched 1×\)$/
    )
  })

  it('stays with plain paging when the components not found by id need slow name lookups', async () => {
    // Details dominate, but each name looked up scans the library: 60 ms a name here.
    setStandIn({ latency: SLOW_NAMES })
    const { result, csv } = await runExport(ADAPTIVE)
    expect(csv).toBe(plainCsv)
    expect(result.strategy).toBe('paging')
    expect(result.strategyLine).toMatch(/name lookups \d+ ms a component\)$/)
    // Only the measuring pages' few unmanaged components were looked up by name, one lookup each.
    expect(count('ComponentsByName')).toBe(PROBE_FIGURES)
  })

  it('switches back to plain paging once name lookups turn out slow, and keeps the bytes', async () => {
    // The first 800 components are all managed: at 100 a page, the measuring pages (the second
    // and the fourth) find every one by id, and listing starts with the sixth.
    const original = altium.library
    const managedFirst = (library: readonly LibraryComponent[]) => [
      ...library.filter((component) => component.isManaged).slice(0, 800),
      ...library.filter(
        (component) =>
          !component.isManaged || library.filter((c) => c.isManaged).indexOf(component) >= 800
      )
    ]
    altium.setLibrary(managedFirst(original))
    try {
      const plain = await runExport({ pageSize: 100, concurrency: 1 })
      setStandIn({ latency: SLOW_NAMES })
      const { result, csv, logger } = await runExport({ pageSize: 100 })
      expect(csv).toBe(plain.csv)
      expect(result.strategy).toBe('paging')
      expect(result.strategyLine).toMatch(/name lookups \d+ ms a component; switched 2×\)$/)
      expect(sentForDetails()).toBeGreaterThan(2)
      expect(logger.lines).toContain(result.strategyLine)
    } finally {
      altium.setLibrary(original)
    }
  })

  it.each(SERVER_MODEL_NAMES.flatMap((model) => [100, 1000].map((cap) => [model, cap] as const)))(
    'writes the same bytes under the %s model with pages capped at %i',
    async (server, cap) => {
      setStandIn({ latency: { server, baseMs: 5 }, maxPageSize: cap })
      const { csv, result } = await runExport()
      expect(csv).toBe(plainCsv)
      expect(result.strategyLine).toMatch(/^Strategy: /)
    }
  )
})
