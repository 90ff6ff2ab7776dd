import type { ComponentNode } from '../library/component-node.js'
import { inFolder, type ComponentSink } from '../library/records.js'
import type { Logger } from '../logger.js'
import {
  ComponentDetailsClient,
  type DetailsAnswer,
  type ListedComponent
} from './component-details.js'
import type { GraphqlErrorEntry } from './errors.js'
import type { ExportPlanner } from './export-planner.js'
import type { PlannedPage } from './strategy.js'
import type { AltiumGraphqlClient } from './graphql-client.js'
import { pageThroughLibrary, type PageChooser, type PagingResult } from './library-pages.js'
import type { PageSizer } from './page-size.js'

export interface AdaptivePlan {
  workspaceUrl: string
  where: Record<string, { eq: string }> | null
  /** The client-side folder filter: components outside it need no details. */
  folder?: string
  /** Pages with every field. */
  fullQuery: string
  /** Pages with everything but `details`. */
  lightQuery: string
  /** Dotted paths under the component that start with `details.`. */
  detailFields: string[]
  /** Ids per `desComponentsByIds` request. */
  batchSizer: PageSizer
  /** Names per lookup request. */
  nameSizer: PageSizer
  /** Requests in flight at once, the listing's included. */
  concurrency: number
  /** Hears the server's `totalCount` with each page (progress). */
  onTotal?(totalCount: number): void
}

export type AdaptiveOutcome =
  | { kind: 'done'; paging: PagingResult }
  /** The server would not answer for details, or some were never found: page in full instead. */
  | { kind: 'fallback'; reason: string }

/** One way of asking for details, with the components waiting for it. */
interface Lane {
  /** Names the lookup in the reason for a fallback. */
  label: string
  queue: ListedComponent[]
  sizer: PageSizer
  /** Where the components this lookup does not find go next. */
  missing: ListedComponent[]
  fetch(batch: ListedComponent[]): Promise<DetailsAnswer>
  /** Tells the planner how long a batch took; `partial` when it was smaller than batches go. */
  measured(asked: number, found: number, ms: number, partial: boolean): void
}

/**
 * The fewest listed components allowed to wait for details before the listing pauses, so that
 * small pages still leave enough for batches of a useful size.
 */
const MIN_WAITING_LIMIT = 500

/** Thrown into the listing to stop it once the details cannot be fetched this way. */
class StopListing extends Error {}

/**
 * Runs the export the planner steers: pages one after another (each needs the cursor of the one
 * before), each with every field or, while the planner lists, without `details`. The details of
 * listed components come by id in batches, several at once beside the listing; what the id lookup
 * does not find is looked up by name. If the server refuses either lookup, or a component stays
 * unfound, the caller pages again from the start with every field, so the file is the same.
 *
 * A component goes to `sink` once it is complete; until then it waits here, by id. The listing
 * pauses while more wait than two pages hold (or `MIN_WAITING_LIMIT`), so that a fast listing does
 * not pile the library up in memory ahead of slower detail requests.
 */
export class AdaptiveExport implements PageChooser {
  private readonly lookup: ComponentDetailsClient
  private readonly waitingForDetails = new Map<string, ComponentNode[]>()
  private readonly unfound: ListedComponent[] = []
  private readonly byName: Lane
  private readonly byId: Lane
  private listing: 'running' | 'paused' | 'done' = 'running'
  private resumeListing = () => {}
  private wake = () => {}
  private running = 0
  private mostWaiting = 0
  private foundByName = 0
  private refusal?: string
  private failure?: unknown
  /** The page asked last; pages go one at a time, so it is also the one being handed over. */
  private page: PlannedPage = { size: 0, withDetails: true }

  constructor(
    private readonly client: AltiumGraphqlClient,
    private readonly plan: AdaptivePlan,
    private readonly planner: ExportPlanner,
    private readonly sink: ComponentSink,
    private readonly logger: Logger
  ) {
    this.lookup = new ComponentDetailsClient(client, plan.workspaceUrl, plan.detailFields)
    this.byName = {
      label: 'lookup by name',
      queue: [],
      sizer: plan.nameSizer,
      missing: this.unfound,
      fetch: (batch) => this.lookup.byName(batch),
      measured: (asked, _found, ms, partial) => planner.nameLookupAnswered(asked, ms, partial)
    }
    // Every listed component is asked by id first, unmanaged ones included: a server may find
    // them, and only what it does not find costs a (filtered, possibly slow) name lookup.
    this.byId = {
      label: 'desComponentsByIds',
      queue: [],
      sizer: plan.batchSizer,
      missing: this.byName.queue,
      fetch: (batch) => this.lookup.byIds(batch.map((component) => component.id)),
      measured: (asked, found, ms, partial) =>
        planner.detailsBatchAnswered(asked, found, ms, partial)
    }
  }

  async run(): Promise<AdaptiveOutcome> {
    let paging: PagingResult | undefined
    try {
      paging = await pageThroughLibrary(
        this.client,
        {
          workspaceUrl: this.plan.workspaceUrl,
          where: this.plan.where,
          pages: this,
          onTotal: this.plan.onTotal,
          onPage: (components) => this.onPage(components)
        },
        this.logger
      )
    } catch (error) {
      if (!(error instanceof StopListing)) this.failure ??= error
    }
    this.listing = 'done'
    this.pump()
    while (this.running > 0 || (!this.stopped() && this.waiting())) await this.settled()
    if (this.failure !== undefined) throw this.failure
    if (this.refusal !== undefined) return { kind: 'fallback', reason: this.refusal }
    if (this.unfound.length) {
      return {
        kind: 'fallback',
        reason: `${this.unfound.length} components were found neither by id nor by name`
      }
    }
    if (!paging || this.waitingForDetails.size) {
      return {
        kind: 'fallback',
        reason: `${this.waitingForDetails.size} components got no details`
      }
    }
    if (this.mostWaiting) {
      this.logger.debug(
        `At most ${this.mostWaiting} listed components waited for their details at once.`
      )
    }
    if (this.foundByName) {
      this.logger.info(`${this.foundByName} components were found by name instead of by id.`)
    }
    return { kind: 'done', paging }
  }

  next(): { first: number; query: string } {
    this.page = this.planner.nextPage()
    return {
      first: this.page.size,
      query: this.page.withDetails ? this.plan.fullQuery : this.plan.lightQuery
    }
  }

  refused(
    _first: number,
    errors: GraphqlErrorEntry[],
    context: { endpoint: string; requestId?: string }
  ): number {
    return this.planner.pageRefused(this.page, errors, context)
  }

  answered(_first: number, received: number, ms: number, tries: number): void {
    this.planner.pageAnswered(this.page, received, ms, tries)
  }

  private async onPage(page: ComponentNode[]): Promise<void> {
    if (this.stopped()) throw new StopListing()
    if (this.page.withDetails) return this.sink.add(page)
    // Components outside the folder filter need no details: they are dropped anyway.
    const outside: ComponentNode[] = []
    let queued = 0
    for (const component of page) {
      if (!inFolder(component.folder?.path, this.plan.folder)) {
        outside.push(component)
        continue
      }
      queued++
      const waiting = this.waitingForDetails.get(component.id)
      if (waiting) {
        waiting.push(component)
        continue
      }
      this.waitingForDetails.set(component.id, [component])
      this.mostWaiting = Math.max(this.mostWaiting, this.waitingForDetails.size)
      this.byId.queue.push({ id: component.id, name: component.name ?? '' })
    }
    this.sink.add(outside)
    this.planner.queuedForDetails(queued)
    if (!this.listingMayGoOn()) {
      this.listing = 'paused'
      const resumed = new Promise<void>((resolve) => (this.resumeListing = resolve))
      const pausedAt = performance.now()
      this.pump()
      await resumed
      this.planner.listingWaited(performance.now() - pausedAt)
      if (this.stopped()) throw new StopListing()
    }
    this.pump()
  }

  /** A component found neither way means plain paging: no need to go on. */
  private stopped(): boolean {
    return this.refusal !== undefined || this.failure !== undefined || this.unfound.length > 0
  }

  private waiting(): number {
    return this.byId.queue.length + this.byName.queue.length
  }

  /** While the listing runs it holds one of the slots; while it pauses the details may use it. */
  private freeSlots(): number {
    const listingSlot = this.listing === 'running' ? 1 : 0
    return Math.max(this.plan.concurrency - listingSlot, 0) - this.running
  }

  private listingMayGoOn(): boolean {
    const limit = Math.max(2 * this.planner.pageSize, MIN_WAITING_LIMIT)
    return (
      this.stopped() ||
      (this.waitingForDetails.size < limit && this.running < this.plan.concurrency)
    )
  }

  /**
   * Starts as many requests as there are free slots, by id first; a batch that is not full only
   * when no listed page is about to fill it (the listing is done, paused, or not listing).
   */
  private pump(): void {
    while (!this.stopped() && this.freeSlots() > 0) {
      const partial = this.listing !== 'running' || this.planner.detailsMayGoPartial
      const lane = [this.byId, this.byName].find(
        ({ queue, sizer }) => queue.length && (partial || queue.length >= sizer.size)
      )
      if (!lane) return
      this.running++
      this.ask(lane, lane.queue.splice(0, lane.sizer.size))
        .catch((error: unknown) => (this.failure ??= error))
        .finally(() => this.batchDone())
    }
  }

  private batchDone(): void {
    this.running--
    // Marked as running before anything else can take its slot.
    if (this.listing === 'paused' && this.listingMayGoOn()) {
      this.listing = 'running'
      this.resumeListing()
    }
    this.pump()
    this.wake()
  }

  private async ask(lane: Lane, batch: ListedComponent[]): Promise<void> {
    const partial = batch.length < lane.sizer.size
    const asked = performance.now()
    const answer = await lane.fetch(batch)
    const ms = performance.now() - asked
    if (answer.kind === 'too-large') {
      lane.sizer.refused(batch.length, answer.errors, { endpoint: this.client.endpoint })
      lane.queue.unshift(...batch)
      return
    }
    if (answer.kind === 'refused') {
      this.refusal ??= `${lane.label}: ${answer.reason}`
      return
    }
    lane.sizer.answered(batch.length)
    const complete: ComponentNode[] = []
    let found = 0
    batch.forEach((listed, index) => {
      const details = answer.details[index]
      if (!details) return void lane.missing.push(listed)
      found++
      // The same id listed twice waits once and is completed by the first answer.
      for (const component of this.waitingForDetails.get(listed.id) ?? []) {
        component.details = details
        complete.push(component)
      }
      this.waitingForDetails.delete(listed.id)
    })
    if (lane === this.byName) this.foundByName += found
    lane.measured(batch.length, found, ms, partial)
    this.sink.add(complete)
  }

  private settled(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve
      if (this.running === 0 && (this.stopped() || !this.waiting())) resolve()
    })
  }
}
