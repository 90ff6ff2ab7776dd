import { hasCode, type GraphqlErrorEntry } from './errors.js'
import {
  FIRST_RECHECK_PAGES,
  MOST_PROBE_PAGES,
  PROBE_FIGURES,
  projectedListingMs,
  strategyReason,
  thousands,
  Rate,
  SWITCH_BACK_BELOW,
  SWITCH_MARGIN,
  type Probe
} from './planner-figures.js'
import { PlannerPageSizes } from './planner-sizes.js'
import type { PlannedPage, PlannerSettings, PlannerState } from './strategy.js'

/**
 * Chooses, page by page, between plain paging and listing plus details by id, from what the run
 * measures: it starts with plain paging (the safe choice on any server), grows the page while the
 * server accepts it, then once lists one page without `details` and fetches its details, and
 * switches only when the projected time per component is clearly lower that way, or pages with
 * `details` are refused for cost at sizes a listing is accepted at. Listing is measured against
 * paging again as the run goes, less often each time it is confirmed.
 *
 * Pure: the export reports what happened (sizes, components, milliseconds) and asks what next.
 */
export class ExportPlanner {
  private readonly sizes: PlannerPageSizes
  private state: PlannerState = 'paging'
  private readonly full = new Rate()
  private readonly light = new Rate()
  private readonly details = new Rate()
  private readonly names = new Rate()
  private idsAsked = 0
  private idsMissed = 0
  /** The largest page with `details` the server refused for its cost (`HC0047`), for the log. */
  private costRefusedAt = 0
  private pagesAnswered = 0
  /** Milliseconds the listing waited for details since its last page: part of listing's cost. */
  private listingWaitedMs = 0
  private pagesInState = 0
  private recheckAfter = 0
  private probe?: Probe
  /** Pages with details asked while probing paging. */
  private pagingProbePages = 0
  private reason: string
  private switches = 0

  constructor(private readonly settings: PlannerSettings) {
    this.sizes = new PlannerPageSizes(settings.pageSize)
    if (!settings.needsDetails) this.reason = 'no column needs details'
    else if (settings.concurrency <= 1) this.reason = 'concurrency 1'
    else if (settings.choice === 'paging') this.reason = settings.because ?? 'chosen'
    else if (settings.choice === 'list-then-details') {
      this.reason = settings.because ?? 'chosen'
      this.state = 'listing'
    } else this.reason = 'the library ended before listing could be measured'
  }

  /** Whether the pages go without `details` now (a probe page aside). */
  get listing(): boolean {
    return this.state === 'listing' || this.state === 'probing-paging'
  }

  /** Batches of details may go before they are full: no listed page is about to fill them. */
  get detailsMayGoPartial(): boolean {
    return this.state !== 'listing'
  }

  /** Detail requests that may run beside the listing. */
  get detailLanes(): number {
    return Math.max(this.settings.concurrency - 1, 1)
  }

  /** The size of the next page. */
  get pageSize(): number {
    return (this.listing ? this.sizes.light : this.sizes.full).size
  }

  /** The size of the pages the export went with last. */
  get pageSizeUsed(): number {
    return this.sizes.lastUsed(this.listing)
  }

  nextPage(): PlannedPage {
    const full = { size: this.sizes.full.size, withDetails: true }
    switch (this.state) {
      case 'paging':
        if (!this.listingDue()) return full
        this.enter('probing-listing')
        this.probe = {
          listedPages: 0,
          listedPending: false,
          pagedAfter: true,
          queuedPages: 0,
          queued: 0,
          detailsLeft: 0,
          namesLeft: 0
        }
        this.light.reset()
        this.details.reset()
        return this.probeListedPage(this.probe)
      case 'probing-listing': {
        // Listed and paged pages alternate until listing has its figures.
        const probe = this.probe
        if (!probe || probe.listedPending || !probe.pagedAfter || this.probeHasListing(probe)) {
          return full
        }
        return this.probeListedPage(probe)
      }
      case 'listing':
        // A forced listing asks for everything on the first page: a small library is one request.
        if (this.pagesAnswered === 0) return full
        if (this.settings.choice === 'adaptive' && this.recheckDue()) {
          this.enter('probing-paging')
          this.full.reset()
          this.pagingProbePages = 1
          return full
        }
        return { size: this.sizes.light.size, withDetails: false }
      case 'probing-paging':
        // Pages with details until paging has its figures; the listing goes on between none.
        if (!this.probeHasPaging()) {
          this.pagingProbePages++
          return full
        }
        return { size: this.sizes.light.size, withDetails: false }
    }
  }

  /** A page came back with `received` components, after `tries` tries and `ms` in all. */
  pageAnswered(page: PlannedPage, received: number, ms: number, tries: number): void {
    this.sizes.answered(page, tries)
    this.pagesAnswered++
    this.pagesInState++
    // A page that needed retries says nothing about the server's speed, nor does the short last
    // page (its request's fixed cost is spread over fewer components).
    if (received === page.size && tries === 1) {
      if (page.withDetails) this.full.record(received, ms, page.size)
      else this.light.record(received, ms + this.listingWaitedMs, page.size)
    }
    if (!page.withDetails) this.listingWaitedMs = 0
    if (this.state === 'probing-listing' && this.probe) {
      if (page.withDetails) this.probe.pagedAfter = true
      else this.probe.listedPending = false
      this.finishProbe()
    } else if (this.state === 'probing-paging' && page.withDetails) {
      if (this.probeHasPaging()) this.compare()
    } else if (this.state === 'listing') {
      this.reconsider()
    }
  }

  /**
   * The listing waited `ms` for detail requests to catch up before its next page: the time counts
   * in that page's figure, so that listing is judged on what it delivers, not on what it projects
   * (details that cannot keep up, on a busy server or a busy client, make listing slower).
   */
  listingWaited(ms: number): void {
    this.listingWaitedMs += ms
  }

  /** The export sent `count` components of the last page listed without details for details. */
  queuedForDetails(count: number): void {
    const probe = this.probe
    if (this.state !== 'probing-listing' || !probe || probe.queuedPages >= probe.listedPages) return
    probe.queuedPages++
    probe.queued += count
    probe.detailsLeft += count
    this.finishProbe()
  }

  /** The server refused a page for its size or cost; returns the size to ask next. */
  pageRefused(
    page: PlannedPage,
    errors: GraphqlErrorEntry[],
    context: { endpoint: string; requestId?: string }
  ): number {
    if (page.withDetails && hasCode(errors, 'HC0047')) {
      this.costRefusedAt = Math.max(this.costRefusedAt, page.size)
    }
    // A probe page refused is no measurement: the next page goes the way it went before.
    if (this.state === 'probing-listing' && !page.withDetails) {
      this.probe = undefined
      this.state = 'paging'
    } else if (this.state === 'probing-paging' && page.withDetails) {
      this.state = 'listing'
    }
    return this.sizes.refused(page, errors, context)
  }

  /**
   * A batch of `asked` ids came back in `ms`, `found` of them with their details. A `partial` batch
   * (smaller than the batches go, sent to finish) counts only while there is no other figure: its
   * request's fixed cost spread over fewer components would make listing look slower than it is.
   */
  detailsBatchAnswered(asked: number, found: number, ms: number, partial = false): void {
    if (!partial || this.details.perComponent() === undefined) this.details.record(asked, ms)
    this.idsAsked += asked
    this.idsMissed += asked - found
    if (this.probe) {
      this.probe.detailsLeft -= asked
      this.probe.namesLeft += asked - found
    }
    this.afterDetails()
  }

  /** A lookup of `asked` names came back in `ms`; `partial` as for `detailsBatchAnswered`. */
  nameLookupAnswered(asked: number, ms: number, partial = false): void {
    if (!partial || this.names.perComponent() === undefined) this.names.record(asked, ms)
    if (this.probe) this.probe.namesLeft -= asked
    this.afterDetails()
  }

  /** One line for the log and the summary: which strategy ran, and why. */
  describe(): string {
    const size = thousands(this.pageSizeUsed)
    const what = this.listing
      ? `listing + details by id, ${size} per page, ${this.detailLanes} detail requests at once`
      : `plain paging, ${size} per page`
    const switched = this.switches ? `; switched ${this.switches}×` : ''
    return `Strategy: ${what} (${this.reason}${switched})`
  }

  private afterDetails(): void {
    if (this.state === 'probing-listing') this.finishProbe()
    else if (this.state === 'listing') this.reconsider()
  }

  /** Time to measure listing: adaptive, the page has stopped growing and paging is measured. */
  private listingDue(): boolean {
    return (
      this.settings.choice === 'adaptive' &&
      this.settings.needsDetails &&
      this.settings.concurrency > 1 &&
      this.sizes.full.atLargest &&
      this.full.count(this.sizes.full.size) >= 1 &&
      this.recheckDue()
    )
  }

  private recheckDue(): boolean {
    return this.pagesInState >= this.recheckAfter
  }

  /** Asks the next listed page of a probe. */
  private probeListedPage(probe: Probe): PlannedPage {
    probe.listedPages++
    probe.listedPending = true
    probe.pagedAfter = false
    return { size: this.sizes.light.size, withDetails: false }
  }

  /** The probe has its figures of listing, or has asked as many listed pages as it may. */
  private probeHasListing(probe: Probe): boolean {
    return (
      this.light.count(this.sizes.light.size) >= PROBE_FIGURES ||
      probe.listedPages >= MOST_PROBE_PAGES
    )
  }

  /** Paging has its figures since it was probed again, or the probe has asked its most pages. */
  private probeHasPaging(): boolean {
    return (
      this.full.count(this.sizes.full.size) >= PROBE_FIGURES ||
      this.pagingProbePages >= MOST_PROBE_PAGES
    )
  }

  private finishProbe(): void {
    const probe = this.probe
    if (!probe || probe.listedPending || !probe.pagedAfter) return
    if (probe.queuedPages < probe.listedPages || !this.probeHasListing(probe)) return
    if (probe.detailsLeft > 0 || probe.namesLeft > 0) return
    this.probe = undefined
    // A page with nothing to fetch details for (the folder filter) measured nothing.
    if (probe.queued === 0) return this.confirm('paging')
    this.compare()
  }

  /** Projected time per component listing, details in parallel lanes beside it. */
  private listingMs(): number | undefined {
    return projectedListingMs({
      light: this.light.perComponent(),
      details: this.details.perComponent(),
      names: this.names.perComponent(),
      missedShare: this.idsAsked ? this.idsMissed / this.idsAsked : 0,
      lanes: this.detailLanes
    })
  }

  /** How many times as fast listing measures as paging; undefined until both are measured. */
  private ratio(): number | undefined {
    // Medians against medians; the margin to switch is what keeps the safe way in a doubt.
    const full = this.full.perComponent()
    const listing = this.listingMs()
    if (full === undefined || listing === undefined || listing <= 0) return undefined
    return full / listing
  }

  /** After a probe of either way: switch, or stay and measure again later. */
  private compare(): void {
    const ratio = this.ratio()
    const from = this.state === 'probing-listing' ? 'paging' : 'listing'
    if (ratio === undefined) return this.confirm(from)
    const listingWins = from === 'paging' ? ratio >= SWITCH_MARGIN : ratio >= SWITCH_BACK_BELOW
    this.reason = this.because(ratio)
    if (listingWins === (from === 'listing')) return this.confirm(from)
    this.switchTo(listingWins ? 'listing' : 'paging')
  }

  /** While listing: back to paging as soon as listing measures clearly slower (slow names). */
  private reconsider(): void {
    if (this.settings.choice !== 'adaptive') return
    const ratio = this.ratio()
    if (ratio === undefined || ratio >= SWITCH_BACK_BELOW) return
    this.reason = this.because(ratio)
    this.switchTo('paging')
  }

  private switchTo(state: 'paging' | 'listing'): void {
    this.switches++
    // Each switch waits longer before the next measurement, so that noise cannot make it flap.
    this.recheckAfter = Math.max(FIRST_RECHECK_PAGES, this.recheckAfter * 2)
    this.enter(state)
  }

  private confirm(state: 'paging' | 'listing'): void {
    this.recheckAfter = Math.max(FIRST_RECHECK_PAGES, this.recheckAfter * 2)
    this.enter(state)
  }

  private enter(state: PlannerState): void {
    this.state = state
    this.pagesInState = 0
    this.listingWaitedMs = 0
  }

  private because(ratio: number): string {
    return strategyReason({
      ratio,
      costRefusedAt: this.costRefusedAt,
      missedShare: this.idsAsked ? this.idsMissed / this.idsAsked : 0,
      names: this.names.perComponent(),
      details: this.details.perComponent()
    })
  }
}
