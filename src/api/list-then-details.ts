import type { ComponentNode } from '../library/component-node.js'
import { inFolder } from '../library/records.js'
import type { Logger } from '../logger.js'
import {
  ComponentDetailsClient,
  type ComponentDetails,
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
  | {
      kind: 'done'
      components: ComponentNode[]
      paging: PagingResult
    }
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

/** Thrown into the listing to stop it once the details cannot be fetched this way. */
class StopListing extends Error {}

/**
 * The export the API's own advice points to (`details` is "more component data, consider using
 * only with desComponentById"): page through the library without `details`, and fetch the
 * details of each page's components by id in batches, several at once, while the next page is
 * listed. What the id lookup does not find is looked up by name. If the server refuses either
 * lookup, or a component stays unfound, the caller falls back to plain paging, so the file is
 * the same either way.
 */
export async function listThenDetails(
  client: AltiumGraphqlClient,
  plan: ListThenDetailsPlan,
  logger: Logger
): Promise<ListThenDetailsOutcome> {
  const lookup = new ComponentDetailsClient(client, plan.workspaceUrl, plan.detailFields)
  const components: ComponentNode[] = []
  const found = new Map<string, ComponentDetails>()
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
  let running = 0
  let foundByName = 0
  let refusal: string | undefined
  let failure: unknown
  let wake = () => {}

  const stopped = () => refusal !== undefined || failure !== undefined
  // While the listing runs it holds one of the slots.
  const freeSlots = () => Math.max(plan.concurrency - (listing ? 1 : 0), 0) - running

  const ask = async (lane: Lane, batch: ListedComponent[]) => {
    const answer = await lane.fetch(batch)
    if (answer.kind === 'too-large') {
      lane.sizer.refused(batch.length, answer.errors, { endpoint: client.endpoint })
      lane.queue.unshift(...batch)
    } else if (answer.kind === 'refused') {
      refusal ??= `${lane.label}: ${answer.reason}`
    } else {
      lane.sizer.answered(batch.length)
      batch.forEach((component, index) => {
        const details = answer.details[index]
        if (!details) return void lane.missing.push(component)
        found.set(component.id, details)
        if (lane === byName) foundByName++
      })
    }
  }

  // Starts as many requests as there are free slots, by id first; a batch that is not full
  // only once the listing is done.
  const pump = () => {
    while (!stopped() && freeSlots() > 0) {
      const lane = [byId, byName].find(
        ({ queue, sizer }) => queue.length && (!listing || queue.length >= sizer.size)
      )
      if (!lane) return
      running++
      ask(lane, lane.queue.splice(0, lane.sizer.size))
        .catch((error: unknown) => (failure ??= error))
        .finally(() => {
          running--
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
        onPage: (page, pageNumber) => {
          if (stopped()) throw new StopListing()
          components.push(...page)
          if (pageNumber === 0) return
          for (const component of page) {
            if (!inFolder(component.folder?.path, plan.folder)) continue
            // The schema warns that unmanaged components may not be found by id.
            const lane = component.isManaged === false ? byName : byId
            lane.queue.push({ id: component.id, name: component.name ?? '' })
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
  if (refusal !== undefined || !paging) return { kind: 'fallback', reason: refusal ?? 'stopped' }
  if (unfound.length) {
    return {
      kind: 'fallback',
      reason: `${unfound.length} components were found neither by id nor by name`
    }
  }

  for (const component of components) {
    const details = found.get(component.id)
    if (details) component.details = details
  }
  if (foundByName) logger.info(`${foundByName} components were found by name instead of by id.`)
  return { kind: 'done', components, paging }
}
