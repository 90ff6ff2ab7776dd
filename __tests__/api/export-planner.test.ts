/**
 * The export planner's decisions, from scripted timings: no server, no real time. A scripted
 * server answers each page and batch the planner asks for with the milliseconds it is given.
 */
import { describe, expect, it } from '@jest/globals'
import { ExportPlanner } from '../../src/api/export-planner.js'
import { FIRST_RECHECK_PAGES, PROBE_FIGURES } from '../../src/api/planner-figures.js'
import type { PlannedPage, PlannerSettings } from '../../src/api/strategy.js'

/** How long a scripted server takes, and what it refuses. */
interface ScriptedServer {
  /** Milliseconds for a page of `size` components. */
  pageMs(size: number, withDetails: boolean, pageNumber: number): number
  /** Milliseconds for a batch of `size` ids. */
  batchMs(size: number): number
  /** Milliseconds for a lookup of `size` names. */
  nameMs?(size: number): number
  /** Share of ids the id lookup does not find. */
  missRate?: number
  /** Largest page with details before HC0047. */
  costLimitedAt?: number
  /** Largest page of any kind before HC0051. */
  cap?: number
}

const CONTEXT = { endpoint: 'https://api.example/graphql' }
const ADAPTIVE: PlannerSettings = {
  pageSize: 'auto',
  concurrency: 4,
  needsDetails: true,
  choice: 'adaptive'
}

/**
 * Drives the planner through a library of `components` the way the export does, with the details
 * of each listed page answered (by id, then by name) before the next page is asked.
 */
function simulate(
  server: ScriptedServer,
  components: number,
  settings: PlannerSettings = ADAPTIVE
): { planner: ExportPlanner; pages: PlannedPage[] } {
  const planner = new ExportPlanner(settings)
  const pages: PlannedPage[] = []
  let left = components
  while (left > 0) {
    const page = planner.nextPage()
    pages.push(page)
    if (server.cap && page.size > server.cap) {
      const errors = [
        { message: 'too many', extensions: { code: 'HC0051', maxAllowedItems: server.cap } }
      ]
      planner.pageRefused(page, errors, CONTEXT)
      continue
    }
    if (page.withDetails && server.costLimitedAt && page.size > server.costLimitedAt) {
      planner.pageRefused(page, [{ message: 'cost', extensions: { code: 'HC0047' } }], CONTEXT)
      continue
    }
    const received = Math.min(page.size, left)
    left -= received
    planner.pageAnswered(
      page,
      received,
      server.pageMs(page.size, page.withDetails, pages.length),
      1
    )
    if (page.withDetails) continue
    planner.queuedForDetails(received)
    let missed = 0
    for (let sent = 0; sent < received; sent += 250) {
      const batch = Math.min(250, received - sent)
      const notFound = Math.round(batch * (server.missRate ?? 0))
      missed += notFound
      planner.detailsBatchAnswered(batch, batch - notFound, server.batchMs(batch))
    }
    for (let sent = 0; sent < missed; sent += 20) {
      const batch = Math.min(20, missed - sent)
      planner.nameLookupAnswered(batch, server.nameMs?.(batch) ?? 100)
    }
  }
  return { planner, pages }
}

const sizes = (pages: PlannedPage[]) => pages.map((p) => `${p.size}${p.withDetails ? '' : 'L'}`)

/** 100 ms a request, whatever it asks for. */
const FIXED: ScriptedServer = { pageMs: () => 100, batchMs: () => 100 }
/** Details are most of a page's time: 1.5 ms a component with them, 0.1 without. */
const SLOW_DETAILS: ScriptedServer = {
  pageMs: (size, withDetails) => 50 + size * (withDetails ? 1.6 : 0.1),
  batchMs: (size) => 50 + size * 1.5
}

describe('the export planner', () => {
  it('keeps paging, growing the page to 1,000, on a server that takes the same time for any request', () => {
    const { planner, pages } = simulate(FIXED, 10_000)
    // Paging is measured at 1,000, listing once beside it, and later again: no switch.
    expect(sizes(pages).slice(0, 7)).toEqual(['100', '200', '400', '800', '1000', '1000L', '1000'])
    expect(pages.filter((p) => !p.withDetails).length).toBeLessThanOrEqual(2)
    expect(planner.listing).toBe(false)
    expect(planner.describe()).toBe(
      'Strategy: plain paging, 1,000 per page (listing + details measured 0.8× as fast as pages with details)'
    )
  })

  it('keeps paging at 100 on a server capped at 100, losing one refused page size', () => {
    const { planner, pages } = simulate({ ...FIXED, cap: 100 }, 10_000)
    // The probe: listed and paged pages side by side, until listing has its figures.
    expect(sizes(pages).slice(0, 7)).toEqual(['100', '200', '100L', '100', '100L', '100', '100'])
    // 100 pages of 100 and the one refused: nothing else on the listing's path.
    expect(pages).toHaveLength(101)
    expect(planner.describe()).toMatch(
      /^Strategy: plain paging, 100 per page \(listing \+ details measured 1\.0× as fast/
    )
  })

  it('switches to listing when details dominate the time of a page', () => {
    const { planner, pages } = simulate(SLOW_DETAILS, 10_000)
    // The switch comes once a page with details after the measuring one confirms paging's figure.
    expect(sizes(pages).slice(0, 8)).toEqual([
      '100',
      '200',
      '400',
      '800',
      '1000',
      '1000L',
      '1000',
      '1000L'
    ])
    expect(planner.listing).toBe(true)
    expect(planner.describe()).toMatch(
      /^Strategy: listing \+ details by id, 1,000 per page, 3 detail requests at once \(listing \+ details measured [2-4]\.\d× as fast as pages with details; switched 1×\)$/
    )
  })

  it('switches to listing when pages with details are refused for cost at sizes a listing is accepted at', () => {
    const { planner, pages } = simulate({ ...FIXED, costLimitedAt: 300 }, 10_000)
    // 400 with details is refused (halved to 200); listing is measured at 1,000.
    expect(sizes(pages).slice(0, 6)).toEqual(['100', '200', '400', '1000L', '200', '1000L'])
    expect(planner.listing).toBe(true)
    expect(planner.describe()).toMatch(/pages with details refused for cost at 400; switched 1×\)$/)
  })

  it('does not switch for a gain below the margin', () => {
    // Listing measures 1.2× as fast: not enough to leave the safe way.
    const { planner } = simulate(
      { pageMs: (size, withDetails) => (withDetails ? 108 : 90), batchMs: () => 50 },
      20_000
    )
    expect(planner.listing).toBe(false)
    expect(planner.describe()).toMatch(/measured 1\.2× as fast/)
  })

  it('stays paging when the components the id lookup misses need slow name lookups', () => {
    const slowNames = { ...SLOW_DETAILS, missRate: 0.06, nameMs: () => 2_000 }
    const { planner, pages } = simulate(slowNames, 20_000)
    expect(planner.listing).toBe(false)
    // One probe, and one more later: each of PROBE_FIGURES listed pages.
    expect(pages.filter((p) => !p.withDetails).length).toBeLessThanOrEqual(2 * PROBE_FIGURES)
    expect(planner.describe()).toMatch(/name lookups 100 ms a component\)$/)
  })

  it('goes back to paging as soon as name lookups measure slow while listing', () => {
    // The probe's pages' components are all found by id; later pages' 6% are not.
    let batches = 0
    const planner = new ExportPlanner(ADAPTIVE)
    const feed = (page: PlannedPage) => {
      planner.pageAnswered(page, page.size, SLOW_DETAILS.pageMs(page.size, page.withDetails, 0), 1)
      if (page.withDetails) return
      planner.queuedForDetails(page.size)
      planner.detailsBatchAnswered(
        page.size,
        ++batches > PROBE_FIGURES ? page.size - 60 : page.size,
        400
      )
    }
    while (!planner.listing) feed(planner.nextPage())
    feed(planner.nextPage())
    expect(planner.listing).toBe(true)
    planner.nameLookupAnswered(20, 8_000)
    expect(planner.listing).toBe(false)
    expect(planner.describe()).toMatch(/name lookups 400 ms a component; switched 2×\)$/)
  })

  it('keeps listing while it measures a little slower, and goes back when clearly slower', () => {
    const planner = new ExportPlanner(ADAPTIVE)
    while (!planner.listing) {
      const page = planner.nextPage()
      planner.pageAnswered(page, page.size, SLOW_DETAILS.pageMs(page.size, page.withDetails, 0), 1)
      if (!page.withDetails) {
        planner.queuedForDetails(page.size)
        planner.detailsBatchAnswered(page.size, page.size, SLOW_DETAILS.batchMs(page.size))
      }
    }
    // Paging measured 1.65 ms a component; details in 3 lanes at 5.5 ms make listing 0.9× as fast.
    for (let i = 0; i < 3; i++) planner.detailsBatchAnswered(100, 100, 550)
    expect(planner.listing).toBe(true)
    // At 7.5 ms listing is 0.66× as fast: back to paging.
    for (let i = 0; i < 3; i++) planner.detailsBatchAnswered(100, 100, 750)
    expect(planner.listing).toBe(false)
  })

  it('does not let a short last batch of names make listing look slower than it is', () => {
    const planner = new ExportPlanner(ADAPTIVE)
    const slowNames = { ...SLOW_DETAILS, missRate: 0.06, nameMs: () => 300 }
    while (!planner.listing) {
      const page = planner.nextPage()
      planner.pageAnswered(page, page.size, slowNames.pageMs(page.size, page.withDetails, 0), 1)
      if (page.withDetails) continue
      planner.queuedForDetails(page.size)
      planner.detailsBatchAnswered(page.size, page.size - 60, slowNames.batchMs(page.size))
      for (let i = 0; i < 3; i++) planner.nameLookupAnswered(20, 300)
    }
    // Three lookups of one name each, at the end: 300 ms a name would be 20 times the figure.
    for (let i = 0; i < 3; i++) planner.nameLookupAnswered(1, 300, true)
    expect(planner.listing).toBe(true)
  })

  it('measures paging again while listing and switches back when it has become faster', () => {
    let fast = false
    const changing: ScriptedServer = {
      pageMs: (size, withDetails) =>
        fast && withDetails ? 100 : SLOW_DETAILS.pageMs(size, withDetails, 0),
      batchMs: SLOW_DETAILS.batchMs
    }
    const planner = new ExportPlanner(ADAPTIVE)
    const run = (pages: number) => {
      for (let i = 0; i < pages; i++) {
        const page = planner.nextPage()
        planner.pageAnswered(page, page.size, changing.pageMs(page.size, page.withDetails, 0), 1)
        if (!page.withDetails) {
          planner.queuedForDetails(page.size)
          planner.detailsBatchAnswered(page.size, page.size, changing.batchMs(page.size))
        }
      }
    }
    run(9)
    expect(planner.listing).toBe(true)
    fast = true
    // The next measurement of paging comes after FIRST_RECHECK_PAGES listed pages, and takes
    // PROBE_FIGURES pages with details.
    run(FIRST_RECHECK_PAGES + PROBE_FIGURES)
    expect(planner.listing).toBe(false)
    expect(planner.describe()).toMatch(/^Strategy: plain paging, 1,000 per page \(.*switched 2×\)$/)
  })

  it('probes again at a smaller size when the probe page is refused', () => {
    const planner = new ExportPlanner({ ...ADAPTIVE, pageSize: 300 })
    planner.pageAnswered(planner.nextPage(), 300, 100, 1)
    const probe = planner.nextPage()
    expect(probe).toEqual({ size: 300, withDetails: false })
    planner.pageRefused(
      probe,
      [{ message: 'cap', extensions: { code: 'HC0051', maxAllowedItems: 250 } }],
      CONTEXT
    )
    // The cap holds for pages with details too: paging is measured at 250 before the next probe.
    const paged = planner.nextPage()
    expect(paged).toEqual({ size: 250, withDetails: true })
    planner.pageAnswered(paged, 250, 100, 1)
    expect(planner.nextPage()).toEqual({ size: 250, withDetails: false })
  })

  it('measures less often each time a measurement confirms paging', () => {
    const { pages } = simulate(FIXED, 60_000)
    const probes = pages.flatMap((p, index) => (p.withDetails ? [] : [index]))
    const gaps = probes.slice(1).map((at, i) => at - probes[i])
    expect(gaps.length).toBeGreaterThanOrEqual(2)
    expect(gaps[1]).toBeGreaterThan(gaps[0])
  })

  it('never lists with concurrency 1', () => {
    const { planner, pages } = simulate(SLOW_DETAILS, 10_000, { ...ADAPTIVE, concurrency: 1 })
    expect(pages.every((p) => p.withDetails)).toBe(true)
    expect(planner.describe()).toBe('Strategy: plain paging, 1,000 per page (concurrency 1)')
  })

  it('never lists when no column needs details', () => {
    const { planner, pages } = simulate(SLOW_DETAILS, 10_000, { ...ADAPTIVE, needsDetails: false })
    expect(pages.every((p) => p.withDetails)).toBe(true)
    expect(planner.describe()).toBe(
      'Strategy: plain paging, 1,000 per page (no column needs details)'
    )
  })

  it('says when the library ended before listing was measured', () => {
    const { planner } = simulate(FIXED, 1_200)
    expect(planner.describe()).toBe(
      'Strategy: plain paging, 800 per page (the library ended before listing could be measured)'
    )
  })

  it('lists from the second page, without measuring, when list-then-details is chosen', () => {
    const { planner, pages } = simulate(FIXED, 10_000, { ...ADAPTIVE, choice: 'list-then-details' })
    expect(pages[0].withDetails).toBe(true)
    expect(pages.slice(1).every((p) => !p.withDetails)).toBe(true)
    expect(planner.describe()).toMatch(
      /^Strategy: listing \+ details by id, 1,000 per page, 3 detail requests at once \(chosen\)$/
    )
  })
})
