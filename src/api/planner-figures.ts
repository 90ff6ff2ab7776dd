// The figures the export planner decides on: how it keeps timings and what it projects.

/** Listing plus details must measure this much faster than pages with details to be chosen. */
export const SWITCH_MARGIN = 1.3
/**
 * Once listing, the export goes back to paging when listing measures below this share of paging's
 * speed: clearly slower, not one noisy figure (which would flap between the two).
 */
export const SWITCH_BACK_BELOW = 0.85
/** Pages in one way before the other is measured again; doubled each time it is confirmed. */
export const FIRST_RECHECK_PAGES = 8
/** Figures a rate keeps: the recent ones, so that the middle one ignores a slow outlier. */
const KEPT_FIGURES = 3
/**
 * Figures of each way a probe gathers before it decides: one page is one draw of the server's
 * noise (a slow backend, a cold connection, a busy client), and a decision on it flaps.
 */
export const PROBE_FIGURES = 2
/** Pages of the way being measured a probe asks at most, when its pages keep giving no figure. */
export const MOST_PROBE_PAGES = 4

/**
 * Milliseconds per component over the last few requests, as their middle figure (the lower one of
 * two): one slow request (a busy backend, a cold connection) does not decide anything alone.
 */
export class Rate {
  private size = -1
  private figures: number[] = []

  /** `size` set: figures from another size are forgotten (a page's base cost is per request). */
  record(components: number, ms: number, size?: number): void {
    if (size !== undefined && size !== this.size) {
      this.size = size
      this.figures = []
    }
    this.figures.push(ms / components)
    if (this.figures.length > KEPT_FIGURES) this.figures.shift()
  }

  /** Forgets older figures: a probe measures afresh. */
  reset(): void {
    this.figures = []
  }

  /** Figures kept at `size`. */
  count(size: number): number {
    return size === this.size ? this.figures.length : 0
  }

  /**
   * The median of the figures kept (of two, their mean), or undefined before any: the same
   * statistic for every way, so that neither is judged on its luckiest page.
   */
  perComponent(): number | undefined {
    const n = this.figures.length
    if (!n) return undefined
    const sorted = [...this.figures].sort((a, b) => a - b)
    const middle = Math.floor(n / 2)
    return n % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}

/**
 * What the planner waits for before it compares listing with paging: `PROBE_FIGURES` listed
 * pages, each followed by a page with details (the two ways measured side by side), and all their
 * details.
 */
export interface Probe {
  /** Listed pages asked in this probe. */
  listedPages: number
  /** A listed page is asked and not yet answered. */
  listedPending: boolean
  /** A page with details answered after the last listed page: paging measured next to it. */
  pagedAfter: boolean
  /** Listed pages whose components were handed over for details. */
  queuedPages: number
  /** Components of the probe's pages sent for details. */
  queued: number
  detailsLeft: number
  namesLeft: number
}

/** What the run has measured of listing, per component; undefined where it has no figure yet. */
export interface ListingFigures {
  light: number | undefined
  details: number | undefined
  names: number | undefined
  /** The share of components asked by id that the id lookup did not find. */
  missedShare: number
  /** Detail requests in flight beside the listing. */
  lanes: number
}

/**
 * Projected time per component listing: the listing, or the details (and the name lookups of the
 * ones not found by id) in parallel lanes beside it, whichever is slower.
 */
export function projectedListingMs(f: ListingFigures): number | undefined {
  if (f.light === undefined || f.details === undefined) return undefined
  const names = f.missedShare > 0 ? f.names : 0
  if (names === undefined) return undefined
  return Math.max(f.light, (f.details + f.missedShare * names) / f.lanes)
}

export const thousands = (n: number) => n.toLocaleString('en-US')

/** Why the planner chose as it did, for the log and the summary's Strategy row. */
export function strategyReason(f: {
  ratio: number
  costRefusedAt: number
  missedShare: number
  names: number | undefined
  details: number | undefined
}): string {
  const parts = [`listing + details measured ${f.ratio.toFixed(1)}× as fast as pages with details`]
  if (f.costRefusedAt) {
    parts.push(`pages with details refused for cost at ${thousands(f.costRefusedAt)}`)
  }
  const { missedShare, names, details } = f
  if (
    missedShare > 0 &&
    names !== undefined &&
    details !== undefined &&
    missedShare * names > details
  ) {
    parts.push(`name lookups ${names.toFixed(0)} ms a component`)
  }
  return parts.join('; ')
}
