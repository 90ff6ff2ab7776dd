// The server models the stand-in can answer as: how long one request takes, by what it asks for,
// and which requests the cost analysis refuses. latency-model.ts applies them to requests.

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
