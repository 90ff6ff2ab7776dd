import type { PageSizeSetting } from './page-size.js'

/**
 * How the export fetches the library. `adaptive` (what the action runs) starts with plain paging
 * and lists then fetches details only when the run measures that it wins; the other two are
 * fixed, for comparison in the benchmark and for the fallback.
 */
export const STRATEGY_CHOICES = ['adaptive', 'paging', 'list-then-details'] as const
export type StrategyChoice = (typeof STRATEGY_CHOICES)[number]

/**
 * - `paging`: pages with every field, `details` included.
 * - `probing-listing`: paging, while one page listed without `details` has its details fetched
 *   by id, to measure what listing would cost.
 * - `listing`: pages without `details`; details by id (then by name) in parallel batches.
 * - `probing-paging`: listing, while one page with every field measures what paging costs now.
 */
export type PlannerState = 'paging' | 'probing-listing' | 'listing' | 'probing-paging'

/** The next page to ask for. */
export interface PlannedPage {
  size: number
  withDetails: boolean
}

export interface PlannerSettings {
  pageSize: PageSizeSetting
  /** Requests in flight at once, the listing's included; 1 never lists. */
  concurrency: number
  /** Whether any field needed lies under `details`; without, there is nothing to list apart. */
  needsDetails: boolean
  choice: StrategyChoice
  /** Why this choice, when the caller made it (a fallback). */
  because?: string
}
