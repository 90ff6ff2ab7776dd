/**
 * The export planner on a noisy server, from scripted timings: one lucky or unlucky request must
 * not decide the strategy. Each page and batch is answered with the milliseconds the script gives
 * for it, in the order the planner asks.
 */
import { describe, expect, it } from '@jest/globals'
import { ExportPlanner } from '../../src/api/export-planner.js'
import type { PlannedPage } from '../../src/api/strategy.js'

interface NoisyServer {
  /** Milliseconds for the `index`-th page asked (from 0), of `size` components. */
  pageMs(page: PlannedPage, index: number): number
  /** Milliseconds for a batch of `size` ids. */
  batchMs(size: number): number
  /** Largest page of any kind before HC0051. */
  cap?: number
}

const CONTEXT = { endpoint: 'https://api.example/graphql' }
const ADAPTIVE = {
  pageSize: 'auto',
  concurrency: 4,
  needsDetails: true,
  choice: 'adaptive'
} as const

/** Drives an adaptive planner through `components`, every listed page's details answered at once. */
function drive(
  server: NoisyServer,
  components: number
): { planner: ExportPlanner; pages: string[] } {
  const planner = new ExportPlanner(ADAPTIVE)
  const pages: string[] = []
  let left = components
  while (left > 0) {
    const page = planner.nextPage()
    const index = pages.length
    pages.push(`${page.size}${page.withDetails ? '' : 'L'}`)
    if (server.cap && page.size > server.cap) {
      planner.pageRefused(
        page,
        [{ message: 'cap', extensions: { code: 'HC0051', maxAllowedItems: server.cap } }],
        CONTEXT
      )
      continue
    }
    const received = Math.min(page.size, left)
    left -= received
    planner.pageAnswered(page, received, server.pageMs(page, index), 1)
    if (page.withDetails) continue
    planner.queuedForDetails(received)
    for (let sent = 0; sent < received; sent += 250) {
      const batch = Math.min(250, received - sent)
      planner.detailsBatchAnswered(batch, batch, server.batchMs(batch))
    }
  }
  return { planner, pages }
}

describe('the export planner on a noisy server', () => {
  it('does not switch to listing on one lucky listed page', () => {
    // 100 ms a request, capped at 100: listing cannot shorten the path, whatever one page says.
    let listed = 0
    const { planner, pages } = drive(
      {
        cap: 100,
        pageMs: (page) => (!page.withDetails && listed++ === 0 ? 70 : 100),
        batchMs: () => 100
      },
      10_000
    )
    expect(pages.slice(0, 6)).toEqual(['100', '200', '100L', '100', '100L', '100'])
    expect(planner.listing).toBe(false)
    expect(planner.describe()).toMatch(
      /^Strategy: plain paging, 100 per page \(listing \+ details measured/
    )
    expect(planner.describe()).not.toMatch(/switched/)
  })

  it('judges paging on its median, not on its luckiest page', () => {
    // Pages with details take 1 ms a component, but one of them came back in half that; listed
    // pages take 0.7 ms a component and the details are cheap: listing is 1.4× as fast.
    const { planner, pages } = drive(
      {
        pageMs: (page, index) => (page.withDetails ? (index === 4 ? 0.5 : 1) : 0.7) * page.size,
        batchMs: () => 50
      },
      20_000
    )
    // Listing from the first probe on: two listed pages beside two with details, then listing.
    expect(pages.slice(4, 10)).toEqual(['1000', '1000L', '1000', '1000L', '1000', '1000L'])
    expect(planner.listing).toBe(true)
    expect(planner.describe()).toMatch(
      /measured 1\.4× as fast as pages with details; switched 1×\)$/
    )
  })

  it('does not go back to paging on one lucky page with details while listing', () => {
    // Details are most of a page's time. The first page with details asked after listed pages in
    // a row (paging measured again while listing) comes back in a fifth of its usual time.
    let listedInARow = 0
    let lucky = 0
    const { planner } = drive(
      {
        pageMs: (page) => {
          if (!page.withDetails) {
            listedInARow++
            return 50 + page.size * 0.1
          }
          const again = listedInARow >= 3
          listedInARow = 0
          if (again && lucky++ === 0) return 300
          return 50 + page.size * 1.6
        },
        batchMs: (size) => 50 + size * 1.5
      },
      30_000
    )
    expect(lucky).toBeGreaterThan(0)
    expect(planner.listing).toBe(true)
    expect(planner.describe()).toMatch(/switched 1×\)$/)
  })

  it('goes back to paging when the listing waits for details that cannot keep up', () => {
    // By their own times the details would keep up in three lanes (listing 2.9× as fast), but the
    // client cannot run them side by side: the listing waits two seconds before every page.
    const planner = new ExportPlanner(ADAPTIVE)
    const answer = (page: PlannedPage, waitedMs: number) => {
      if (waitedMs) planner.listingWaited(waitedMs)
      planner.pageAnswered(page, page.size, 50 + page.size * (page.withDetails ? 1.6 : 0.1), 1)
      if (page.withDetails) return
      planner.queuedForDetails(page.size)
      for (let sent = 0; sent < page.size; sent += 250) planner.detailsBatchAnswered(250, 250, 425)
    }
    for (let i = 0; i < 20 && !planner.listing; i++) answer(planner.nextPage(), 0)
    expect(planner.listing).toBe(true)
    expect(planner.describe()).toMatch(/measured 2\.9× as fast/)
    for (let i = 0; i < 3; i++) answer(planner.nextPage(), 2_000)
    expect(planner.listing).toBe(false)
    expect(planner.describe()).toMatch(
      /measured 0\.\d× as fast as pages with details; switched 2×\)$/
    )
  })
})
