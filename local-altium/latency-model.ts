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
import { resolveLatencyModel, type LatencyModel, type LatencySetting } from './server-models.js'
export interface RequestCost {
  lists: ItemList[]
  /** The cost analysis's figure for the whole request. */
  cost: number
}

const DEFAULT_PAGE_SIZE = 10

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
