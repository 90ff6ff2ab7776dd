import { AltiumApiError, describeErrors, type GraphqlErrorEntry } from './errors.js'

/** `page-size`: a fixed number, or `auto` to find the largest size the server takes. */
export type PageSizeSetting = number | 'auto'

/** Where `page-size: auto` starts: the size the public samples use, which every server accepts. */
export const AUTO_FIRST_SIZE = 100
/** The largest page the action asks for; the public samples show connections accepting 1,000. */
export const MAX_PAGE_SIZE = 1000

/**
 * The size of the next request's page (or batch of ids). A fixed size stays put until the server
 * refuses it. `auto` doubles after every page the server answered at the first try, up to 1,000;
 * a refused page, or one that needed retries (timeouts, 5xx), brings it back down, and it never
 * grows past that point again: the size that worked is kept for the rest of the run.
 */
export class PageSizer {
  private current: number
  private ceiling: number
  private readonly grows: boolean

  /** `startAt` replaces the first size of `auto` (a size already known to be accepted). */
  constructor(setting: PageSizeSetting, startAt?: number) {
    this.grows = setting === 'auto'
    this.current =
      setting === 'auto' ? Math.min(startAt ?? AUTO_FIRST_SIZE, MAX_PAGE_SIZE) : setting
    this.ceiling = setting === 'auto' ? MAX_PAGE_SIZE : setting
  }

  get size(): number {
    return this.current
  }

  /** The size will not grow any more: the largest allowed, or the one the server settled on. */
  get atLargest(): boolean {
    return this.current >= this.ceiling
  }

  /** A page of `asked` items came back; `tries` above 1 means it needed retries. */
  answered(asked: number, tries = 1): void {
    if (tries > 1) return this.strained(asked)
    if (this.grows && asked === this.current) {
      this.current = Math.min(this.current * 2, this.ceiling)
    }
  }

  /**
   * The server refused a page of `asked` items (`HC0051`, `HC0047`): go to the size it allows
   * when it says one, otherwise halve. Returns the new size.
   */
  refused(
    asked: number,
    errors: GraphqlErrorEntry[],
    context: { endpoint: string; requestId?: string }
  ): number {
    if (asked <= 1) {
      throw new AltiumApiError(
        `The Altium API at ${context.endpoint} refused even a page of one component: ` +
          `${describeErrors(errors)}. Report it to Altium with the request id.`,
        context
      )
    }
    const allowed = errors
      .map((error) => Number(error.extensions?.maxAllowedItems))
      .find((max) => Number.isInteger(max) && max > 0 && max < asked)
    this.lowerTo(allowed ?? Math.max(Math.floor(asked / 2), 1))
    return this.current
  }

  /**
   * A page that needed retries: with `auto`, a size above the first one is halved (the server
   * may be struggling with it) and not grown past again. The first size is never blamed: a
   * server that fails on 100 fails for other reasons.
   */
  private strained(asked: number): void {
    if (!this.grows || asked <= AUTO_FIRST_SIZE) return
    this.lowerTo(Math.max(Math.floor(asked / 2), AUTO_FIRST_SIZE))
  }

  /** The server caps every page at `size` (learnt from another kind of page). */
  capAt(size: number): void {
    this.lowerTo(size)
  }

  private lowerTo(size: number): void {
    this.ceiling = Math.min(this.ceiling, size)
    this.current = Math.min(this.current, size)
  }
}
