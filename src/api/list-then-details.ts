import type { ComponentNode } from '../library/component-node.js'
import { inFolder, type ComponentSink } from '../library/records.js'
import type { Logger } from '../logger.js'
import {
  ComponentDetailsClient,
  type DetailsAnswer,
  type ListedComponent
} from './component-details.js'
import type { AltiumGraphqlClient } from './graphql-client.js'
import { pageThroughLibrary, type PagingResult } from './library-pages.js'
import type { PageSizer } from './page-size.js'

export interface ListThenDetailsPlan {
  workspaceUrl: string
  where: Record<string, { eq: string }> | null
  /** The client-side folder filter: components outside it need no details. */
  folder?: string
  /** The first page asks for everything, so that a small library takes one request. */
  fullQuery: string
  /** Later pages ask for everything but `details`. */
  lightQuery: string
  /** Dotted paths under the component that start with `details.`. */
  detailFields: string[]
  listSizer: PageSizer
  /** Ids per `desComponentsByIds` request. */
  batchSizer: PageSizer
  /** Names per lookup request. */
  nameSizer: PageSizer
  /** Requests in flight at once, the listing's included. */
  concurrency: number
}

export type ListThenDetailsOutcome =
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
}

/**
 * The fewest listed components allowed to wait for details before the listing pauses, so that
 * small pages still leave enough for batches of a useful size.
 */
const MIN_WAITING_LIMIT = 500

/** Thrown into the listing to stop it once the details cannot be fetched this way. */
class StopListing extends Error {}

/**
 * The export the API's own advice points to (`details` is "more component data, consider using
 * only with desComponentById"): page through the library without `details`, and fetch the
 * details of each page's components by id in batches, several at once, while the next page is
 * listed. What the id lookup does not find is looked up by name. If the server refuses either
 * lookup, or a component stays unfound, the caller falls back to plain paging, so the file is
 * the same either way.
 *
 * A component goes to `sink` once it has its details; until then it waits here, by id. The
 * listing pauses while more wait than two pages hold (or `MIN_WAITING_LIMIT`), so that a fast
 * listing does not pile the library up in memory ahead of slower detail requests.
 */
export async function listThenDetails(
  client: AltiumGraphqlClient,
  plan: ListThenDetailsPlan,
  sink: ComponentSink,
  logger: Logger
): Promise<ListThenDetailsOutcome> {
  const lookup = new ComponentDetailsClient(client, plan.workspaceUrl, plan.detailFields)
  const waitingForDetails = new Map<string, ComponentNode[]>()
  const unfound: ListedComponent[] = []
  // Two lanes of components waiting for details: by name (unmanaged, or not found by id), and by
  // id. What a lane does not find moves on to `missing`.
  const byName: Lane = {
    label: 'lookup by name',
    queue: [],
    sizer: plan.nameSizer,
    missing: unfound,
    fetch: (batch) => lookup.byName(batch)
  }
  const byId: Lane = {
    label: 'desComponentsByIds',
    queue: [],
    sizer: plan.batchSizer,
    missing: byName.queue,
    fetch: (batch) => lookup.byIds(batch.map((component) => component.id))
  }
  let listing = true
  let listingPaused = false
  let resumeListing = () => {}
  let running = 0
  let mostWaiting = 0
  let foundByName = 0
  let refusal: string | undefined
  let failure: unknown
  let wake = () => {}

  // A component found neither way means plain paging: no need to go on.
  const stopped = () => refusal !== undefined || failure !== undefined || unfound.length > 0
  // While the listing runs it holds one of the slots; while it pauses the details may use it.
  const listingSlot = () => (listing && !listingPaused ? 1 : 0)
  const freeSlots = () => Math.max(plan.concurrency - listingSlot(), 0) - running
  const listingMayGoOn = () =>
    stopped() ||
    (waitingForDetails.size < Math.max(2 * plan.listSizer.size, MIN_WAITING_LIMIT) &&
      running < plan.concurrency)

  const ask = async (lane: Lane, batch: ListedComponent[]) => {
    const answer = await lane.fetch(batch)
    if (answer.kind === 'too-large') {
      lane.sizer.refused(batch.length, answer.errors, { endpoint: client.endpoint })
      lane.queue.unshift(...batch)
    } else if (answer.kind === 'refused') {
      refusal ??= `${lane.label}: ${answer.reason}`
    } else {
      lane.sizer.answered(batch.length)
      const complete: ComponentNode[] = []
      batch.forEach((listed, index) => {
        const details = answer.details[index]
        if (!details) return void lane.missing.push(listed)
        // The same id listed twice waits once and is completed by the first answer.
        for (const component of waitingForDetails.get(listed.id) ?? []) {
          component.details = details
          complete.push(component)
        }
        waitingForDetails.delete(listed.id)
        if (lane === byName) foundByName++
      })
      sink.add(complete)
    }
  }

  // Starts as many requests as there are free slots, by id first; a batch that is not full
  // only while the listing is done or paused.
  const pump = () => {
    while (!stopped() && freeSlots() > 0) {
      const lane = [byId, byName].find(
        ({ queue, sizer }) =>
          queue.length && (!listing || listingPaused || queue.length >= sizer.size)
      )
      if (!lane) return
      running++
      ask(lane, lane.queue.splice(0, lane.sizer.size))
        .catch((error: unknown) => (failure ??= error))
        .finally(() => {
          running--
          // Marked as running before anything else can take its slot.
          if (listingPaused && listingMayGoOn()) {
            listingPaused = false
            resumeListing()
          }
          pump()
          wake()
        })
    }
  }
  const waiting = () => byId.queue.length + byName.queue.length
  const settled = () =>
    new Promise<void>((resolve) => {
      wake = resolve
      if (running === 0 && (stopped() || !waiting())) resolve()
    })

  let paging: PagingResult | undefined
  try {
    paging = await pageThroughLibrary(
      client,
      {
        workspaceUrl: plan.workspaceUrl,
        where: plan.where,
        sizer: plan.listSizer,
        queryFor: (pageNumber) => (pageNumber === 0 ? plan.fullQuery : plan.lightQuery),
        onPage: async (page, pageNumber) => {
          if (stopped()) throw new StopListing()
          if (pageNumber === 0) return sink.add(page)
          // Components outside the folder filter need no details: they are dropped anyway.
          const outside: ComponentNode[] = []
          for (const component of page) {
            if (!inFolder(component.folder?.path, plan.folder)) {
              outside.push(component)
              continue
            }
            const waiting = waitingForDetails.get(component.id)
            if (waiting) {
              waiting.push(component)
              continue
            }
            waitingForDetails.set(component.id, [component])
            mostWaiting = Math.max(mostWaiting, waitingForDetails.size)
            // The schema warns that unmanaged components may not be found by id.
            const lane = component.isManaged === false ? byName : byId
            lane.queue.push({ id: component.id, name: component.name ?? '' })
          }
          sink.add(outside)
          if (!listingMayGoOn()) {
            listingPaused = true
            const resumed = new Promise<void>((resolve) => (resumeListing = resolve))
            pump()
            await resumed
            if (stopped()) throw new StopListing()
          }
          pump()
        }
      },
      logger
    )
  } catch (error) {
    if (!(error instanceof StopListing)) failure ??= error
  }
  listing = false
  pump()
  while (running > 0 || (!stopped() && waiting())) await settled()
  if (failure !== undefined) throw failure
  if (refusal !== undefined) return { kind: 'fallback', reason: refusal }
  if (unfound.length) {
    return {
      kind: 'fallback',
      reason: `${unfound.length} components were found neither by id nor by name`
    }
  }
  if (!paging || waitingForDetails.size) {
    return { kind: 'fallback', reason: `${waitingForDetails.size} components got no details` }
  }
  logger.debug(`At most ${mostWaiting} listed components waited for their details at once.`)
  if (foundByName) logger.info(`${foundByName} components were found by name instead of by id.`)
  return { kind: 'done', paging }
}
