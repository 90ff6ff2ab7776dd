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
import { Rng } from './prng.js'
import type { StandInState } from './state.js'
import type { StandInRequestRecord } from './stats.js'

/**
 * Time per request = `baseMs` + for each component answered `componentMs` + `fieldMs` per field
 * selected on it + `detailsMs` when `details` is selected (the API's own description of
 * `details`: "More component data, consider using only with desComponentById") + `filterScanMs`
 * per component of the library for each list filtered with `where`; then the noise, if any.
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
  /**
   * Per component of the whole library, for each list filtered with `where` (a name lookup, a
   * filtered page): a gateway whose filter scans instead of using an index.
   */
  filterScanMs: number
  /** Each request's time is scaled by a seeded factor in [1 - jitter, 1 + jitter]. */
  jitter: number
  /** Fraction of requests that take `slowFactor` times as long (a busy backend). */
  slowRate: number
  slowFactor: number
  /** Seeds the noise, so that one seed gives the same sequence of request times. */
  noiseSeed: number
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
  capacity: 8,
  filterScanMs: 0,
  jitter: 0,
  slowRate: 0,
  slowFactor: 1,
  noiseSeed: 1
}

/** No per-component time, no cost limit, no noise: the base of the other server models. */
const FLAT: LatencyModel = {
  ...DEFAULT_LATENCY_MODEL,
  componentMs: 0,
  fieldMs: 0,
  detailsMs: 0,
  costLimit: Number.POSITIVE_INFINITY
}

/**
 * Guesses at how the real gateway may behave, none of them known to be right: the export has to
 * be fast on each. Combine any with a page cap (`maxPageSize`: 100 or 1,000, `HC0051`).
 */
export const SERVER_MODELS = {
  /** A constant time per request, whatever the page size or the fields selected. */
  fixed: { ...FLAT, baseMs: 100 },
  /** Time per component, `details` the costly part, pages with `details` refused above a cost. */
  'per-component': DEFAULT_LATENCY_MODEL,
  /** Cheap in time, but a page of 1,000 with `details` is refused for its cost (`HC0047`). */
  'cost-limited': {
    ...FLAT,
    baseMs: 60,
    componentMs: 0.02,
    fieldMs: 0.002,
    detailsMs: 0.02,
    costLimit: 40_000,
    detailsCostWeight: 10
  },
  /** `details` dominates the server's time; no cost limit. */
  'slow-details': { ...FLAT, baseMs: 50, componentMs: 0.02, fieldMs: 0.002, detailsMs: 1.5 },
  /** A `where` filter scans the whole library: name lookups slow down as the library grows. */
  'slow-filter': {
    ...FLAT,
    baseMs: 50,
    componentMs: 0.02,
    fieldMs: 0.002,
    detailsMs: 0.05,
    filterScanMs: 0.001
  },
  /**
   * Seeded noise that no rule was tuned on: jitter on every request, occasional slow ones, a cost
   * limit at an odd figure and per-component costs between the other models'.
   */
  mixed: {
    ...FLAT,
    baseMs: 70,
    componentMs: 0.012,
    fieldMs: 0.0017,
    detailsMs: 0.13,
    costLimit: 37_300,
    detailsCostWeight: 7,
    capacity: 6,
    filterScanMs: 0.0003,
    jitter: 0.35,
    slowRate: 0.04,
    slowFactor: 4,
    noiseSeed: 20261204
  }
} satisfies Record<string, LatencyModel>

export type ServerModelName = keyof typeof SERVER_MODELS
export const SERVER_MODEL_NAMES = Object.keys(SERVER_MODELS) as ServerModelName[]

export function isServerModelName(name: string): name is ServerModelName {
  return Object.hasOwn(SERVER_MODELS, name)
}

/**
 * `true` for the default model (`per-component`), a server model by name, or numbers changed
 * from one (`server` names it; the default model otherwise).
 */
export type LatencySetting =
  boolean | ServerModelName | (Partial<LatencyModel> & { server?: ServerModelName })

export function resolveLatencyModel(setting: LatencySetting | undefined): LatencyModel | undefined {
  if (!setting) return undefined
  if (setting === true) return DEFAULT_LATENCY_MODEL
  if (typeof setting === 'string') return SERVER_MODELS[setting]
  const { server, ...numbers } = setting
  return { ...(server ? SERVER_MODELS[server] : DEFAULT_LATENCY_MODEL), ...numbers }
}

/** One list of components in the answer, and what each of its items costs. */
interface ItemList {
  /** Response keys (aliases) from `data` to the list. */
  path: string[]
  requested: number
  msPerItem: number
  costPerItem: number
  /** The list is filtered with `where`: the gateway scans the library for it. */
  filtered: boolean
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
  const item = (
    path: string[],
    requested: number,
    selection: SelectionSetNode | undefined,
    filtered = false
  ) => {
    const { fields, detailsFields } = countItemFields(selection, fragments)
    lists.push({
      path,
      requested,
      filtered,
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
        const filtered = isFiltered(connection, variables)
        for (const part of fieldsOf(connection.selectionSet, fragments)) {
          if (part.name.value === 'nodes') {
            const path = [key, responseKey(connection), responseKey(part)]
            item(path, requested, part.selectionSet, filtered)
          }
        }
      }
    }
  }
  return { lists, cost: lists.reduce((sum, l) => sum + l.requested * l.costPerItem, 0) }
}

/**
 * Milliseconds the gateway would take for this answer, before noise. `librarySize` is what a
 * filtered list scans.
 */
export function modelledMs(
  model: LatencyModel,
  request: RequestCost,
  result: unknown,
  librarySize = 0
): number {
  let ms = model.baseMs
  for (const list of request.lists) {
    if (list.filtered) ms += model.filterScanMs * librarySize
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

/** A request's time with the model's noise: `roll` and `slowRoll` are uniform in [0, 1). */
export function withNoise(model: LatencyModel, ms: number, roll: number, slowRoll: number): number {
  const jittered = ms * (1 + model.jitter * (2 * roll - 1))
  return slowRoll < model.slowRate ? jittered * model.slowFactor : jittered
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

/** The gateway's side of one stand-in: its slots, and the noise's random sequence. */
interface Gateway {
  setting: LatencySetting
  model: LatencyModel
  slots: Slots
  noise: Rng
}

const gatewayByState = new WeakMap<StandInState, Gateway>()

/** Another setting starts the noise afresh (and the slots, when their number changes). */
function gatewayFor(state: StandInState, setting: LatencySetting): Gateway {
  let gateway = gatewayByState.get(state)
  if (!gateway || gateway.setting !== setting) {
    const model = resolveLatencyModel(setting) as LatencyModel
    const slots =
      gateway?.slots.capacity === model.capacity ? gateway.slots : new Slots(model.capacity)
    gateway = { setting, model, slots, noise: new Rng(model.noiseSeed, 'latency-noise') }
    gatewayByState.set(state, gateway)
  }
  return gateway
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
  const setting = state.options.latency
  if (!setting) return execute()
  const { model, slots, noise } = gatewayFor(state, setting)
  const request = analyseRequest(model, query, variables, operationName)
  // Rolled in arrival order, so that a seed gives the same times to the same sequence of requests.
  const noisy = (ms: number) => withNoise(model, ms, noise.next(), noise.next())
  await slots.take()
  const started = performance.now()
  try {
    if (request.cost > model.costLimit) {
      log.modelMs = noisy(model.baseMs)
      await sleep(log.modelMs)
      return {
        errors: [
          new GraphQLError('The maximum allowed field cost was exceeded.', {
            extensions: { code: 'HC0047', fieldCost: request.cost, maxFieldCost: model.costLimit }
          })
        ]
      }
    }
    const result = await execute()
    log.modelMs = noisy(modelledMs(model, request, result, state.catalog.components.length))
    await sleep(log.modelMs - (performance.now() - started))
    return result
  } finally {
    slots.give()
  }
}

/** `where` given inline, or as a variable that holds a filter. */
function isFiltered(connection: FieldNode, variables: Record<string, unknown>): boolean {
  const where = connection.arguments?.find((argument) => argument.name.value === 'where')?.value
  if (!where) return false
  if (where.kind === Kind.OBJECT) return true
  return where.kind === Kind.VARIABLE && variables[where.name.value] != null
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
