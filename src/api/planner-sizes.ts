import type { GraphqlErrorEntry } from './errors.js'
import { hasCode } from './errors.js'
import { MAX_PAGE_SIZE, PageSizer, type PageSizeSetting } from './page-size.js'
import type { PlannedPage } from './strategy.js'

/**
 * The export planner's two page sizes: of pages with `details` and of pages listed without. Each
 * grows while the server accepts it; a cap the server states (`HC0051`) holds for both.
 */
export class PlannerPageSizes {
  readonly full: PageSizer
  private lightSizer?: PageSizer
  /** The largest page of any kind the server allows (`HC0051`), once it said so. */
  private cap = Number.POSITIVE_INFINITY
  /** The size of the last page answered with and without `details`. */
  private lastFull = 0
  private lastLight = 0

  constructor(private readonly setting: PageSizeSetting) {
    this.full = new PageSizer(setting)
  }

  /**
   * Listing is measured at the largest page the server may take without details: the cap it
   * stated, or the largest the action asks for (a refusal costs one request and lowers it).
   */
  get light(): PageSizer {
    if (!this.lightSizer) {
      this.lightSizer = new PageSizer(this.setting, Math.min(this.cap, MAX_PAGE_SIZE))
      if (this.cap < Number.POSITIVE_INFINITY) this.lightSizer.capAt(this.cap)
    }
    return this.lightSizer
  }

  of(page: PlannedPage): PageSizer {
    return page.withDetails ? this.full : this.light
  }

  answered(page: PlannedPage, tries: number): void {
    this.of(page).answered(page.size, tries)
    if (page.withDetails) this.lastFull = page.size
    else this.lastLight = page.size
  }

  /** The size of the last page answered the way the export goes now, else the next one's. */
  lastUsed(listing: boolean): number {
    return (listing ? this.lastLight : this.lastFull) || (listing ? this.light : this.full).size
  }

  /** The server refused `page`; returns the size to ask next. */
  refused(
    page: PlannedPage,
    errors: GraphqlErrorEntry[],
    context: { endpoint: string; requestId?: string }
  ): number {
    const smaller = this.of(page).refused(page.size, errors, context)
    if (hasCode(errors, 'HC0051')) {
      this.cap = Math.min(this.cap, smaller)
      this.full.capAt(this.cap)
      this.lightSizer?.capAt(this.cap)
    }
    return smaller
  }
}
