// A latency model for the GraphQL endpoint: how long the real gateway would take to answer, and
// which requests its cost analysis would refuse. Off unless `latency` is given in the options.
import {
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode
} from 'graphql'
import { argumentValue } from './operation-shape.js'
import { fieldsOf } from './paging.js'
import type { StandInState } from './state.js'
import type { StandInRequestRecord } from './stats.js'

/**
 * Time per request = `baseMs` + for each component answered `componentMs` + `fieldMs` per field
 * selected on it + `detailsMs` when `details` is selected (the API's own description of
 * `details`: "More component data, consider using only with desComponentById").
 */
export interface LatencyModel {
  /** Round trip and the gateway's fixed work, per request. */
  baseMs: number
  /** Per component in the answer, whatever is selected. */
  componentMs: number
  /** Per component and selected field (objects and leaves alike). */
  fieldMs: number
  /** Per component whose `details` is selected: the expensive downstream lookup. */
  detailsMs: number
  /**
   * HotChocolate-style cost analysis, before execution: items asked for (`first`, or the number
   * of ids) × weighted fields per item above this fails the request with `HC0047`.
   */
  costLimit: number
  /** Weight of each field under `details` in the cost (other fields weigh 1). */
  detailsCostWeight: number
  /** Requests the gateway works on at once for one client; more wait for a free slot. */
  capacity: number
}

/**
 * The default model. The numbers are assumptions, chosen so that a page of 100 with every column's
 * fields passes the cost limit (the public samples page like that) and a page of 1,000 with
 * `details` does not, that `details` dominates the time of a component, and that the bench of
 * 100,000 components stays within minutes.
 */
export const DEFAULT_LATENCY_MODEL: LatencyModel = {
  baseMs: 50,
  componentMs: 0.02,
  fieldMs: 0.002,
  detailsMs: 0.3,
  costLimit: 50_000,
  detailsCostWeight: 10,
  capacity: 8
}

/** `true` for the default model, or some of its numbers changed. */
export type LatencySetting = boolean | Partial<LatencyModel>

export function resolveLatencyModel(setting: LatencySetting | undefined): LatencyModel | undefined {
  if (!setting) return undefined
  return setting === true ? DEFAULT_LATENCY_MODEL : { ...DEFAULT_LATENCY_MODEL, ...setting }
}

/** One list of components in the answer, and what each of its items costs. */
interface ItemList {
  /** Response keys (aliases) from `data` to the list. */
  path: string[]
  requested: number
  msPerItem: number
  costPerItem: number
}

export interface RequestCost {
  lists: ItemList[]
  /** The cost analysis's figure for the whole request. */
  cost: number
}

const DEFAULT_PAGE_SIZE = 10

/** What a request asks for, read from its document before it runs. */
export function analyseRequest(
  model: LatencyModel,
  query: string,
  variables: Record<string, unknown>,
  operationName: string | undefined
): RequestCost {
  let document: DocumentNode
  try {
    document = parse(query)
  } catch {
    return { lists: [], cost: 0 }
  }
  const fragments: Record<string, FragmentDefinitionNode> = {}
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d
  }
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION &&
      (operationName === undefined || d.name?.value === operationName)
  )
  const lists: ItemList[] = []
  const item = (path: string[], requested: number, selection: SelectionSetNode | undefined) => {
    const { fields, detailsFields } = countItemFields(selection, fragments)
    lists.push({
      path,
      requested,
      msPerItem:
        model.componentMs + model.fieldMs * fields + (detailsFields > 0 ? model.detailsMs : 0),
      costPerItem: fields - detailsFields + model.detailsCostWeight * detailsFields
    })
  }
  for (const root of fieldsOf(operation?.selectionSet, fragments)) {
    const key = responseKey(root)
    if (root.name.value === 'desComponentsByIds') {
      const ids = argumentValue(root.arguments, 'ids', variables)
      item([key], Array.isArray(ids) ? ids.length : 1, root.selectionSet)
    } else if (root.name.value === 'desComponentById') {
      item([key], 1, root.selectionSet)
    } else if (root.name.value === 'desLibrary') {
      for (const connection of fieldsOf(root.selectionSet, fragments)) {
        if (connection.name.value !== 'components') continue
        const first = argumentValue(connection.arguments, 'first', variables)
        const last = argumentValue(connection.arguments, 'last', variables)
        const requested = Number(first ?? last ?? DEFAULT_PAGE_SIZE) || 0
        for (const part of fieldsOf(connection.selectionSet, fragments)) {
          if (part.name.value === 'nodes') {
            item([key, responseKey(connection), responseKey(part)], requested, part.selectionSet)
          }
        }
      }
    }
  }
  return { lists, cost: lists.reduce((sum, l) => sum + l.requested * l.costPerItem, 0) }
}

/** Milliseconds the gateway would take for this answer. */
export function modelledMs(model: LatencyModel, request: RequestCost, result: unknown): number {
  let ms = model.baseMs
  for (const list of request.lists) {
    let items: unknown = (result as { data?: unknown })?.data
    for (const key of list.path) items = (items as Record<string, unknown> | null)?.[key]
    if (!Array.isArray(items)) continue
    for (const entry of items) {
      // A DesErrorPayload is cheap: nothing was looked up.
      const failed = entry && typeof entry === 'object' && 'message' in entry && !('id' in entry)
      ms += failed ? model.componentMs : list.msPerItem
    }
  }
  return ms
}

/** The gateway's slots for one client: at most `capacity` requests are worked on at once. */
class Slots {
  private busy = 0
  private readonly waiting: (() => void)[] = []

  constructor(readonly capacity: number) {}

  async take(): Promise<void> {
    if (this.busy < this.capacity) {
      this.busy++
      return
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  give(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.busy--
  }
}

const slotsByState = new WeakMap<StandInState, Slots>()

function slotsFor(state: StandInState, capacity: number): Slots {
  let slots = slotsByState.get(state)
  if (!slots || slots.capacity !== capacity) {
    slots = new Slots(capacity)
    slotsByState.set(state, slots)
  }
  return slots
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `execute` the way the modelled gateway would: waits for a free slot, refuses a request
 * whose cost is above the limit (`HC0047`, no data, as the cost analysis runs before execution),
 * and answers no sooner than the model says. The modelled time goes into the request log.
 */
export async function underLatencyModel(
  state: StandInState,
  query: string,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  log: StandInRequestRecord,
  execute: () => Promise<ExecutionResult>
): Promise<ExecutionResult> {
  const model = resolveLatencyModel(state.options.latency)
  if (!model) return execute()
  const request = analyseRequest(model, query, variables, operationName)
  const slots = slotsFor(state, model.capacity)
  await slots.take()
  const started = performance.now()
  try {
    if (request.cost > model.costLimit) {
      log.modelMs = model.baseMs
      await sleep(model.baseMs)
      return {
        errors: [
          new GraphQLError('The maximum allowed field cost was exceeded.', {
            extensions: { code: 'HC0047', fieldCost: request.cost, maxFieldCost: model.costLimit }
          })
        ]
      }
    }
    const result = await execute()
    log.modelMs = modelledMs(model, request, result)
    await sleep(log.modelMs - (performance.now() - started))
    return result
  } finally {
    slots.give()
  }
}

function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value
}

/** Fields selected per item, and how many of them are the component's `details` or under it. */
function countItemFields(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  underDetails = false,
  depth = 0
): { fields: number; detailsFields: number } {
  let fields = 0
  let detailsFields = 0
  for (const field of fieldsOf(selectionSet, fragments)) {
    if (field.name.value === '__typename') continue
    // Only DesComponent.details is the expensive lookup; revision.details is not.
    const inDetails = underDetails || (depth === 0 && field.name.value === 'details')
    const inner = countItemFields(field.selectionSet, fragments, inDetails, depth + 1)
    fields += 1 + inner.fields
    detailsFields += (inDetails ? 1 : 0) + inner.detailsFields
  }
  return { fields, detailsFields }
}
