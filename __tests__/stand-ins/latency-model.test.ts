/** The stand-in's latency model: what a request costs, and that the endpoint honours it. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { analyseRequest, modelledMs, withNoise } from '../../local-altium/latency-model.js'
import {
  DEFAULT_LATENCY_MODEL,
  resolveLatencyModel,
  SERVER_MODELS,
  type LatencyModel
} from '../../local-altium/server-models.js'
import { Rng } from '../../local-altium/prng.js'
import { libraryPageQuery } from '../../src/api/library-query.js'
import { columnById, defaultColumnIds, type Column } from '../../src/library/columns.js'
import { fieldsFor } from '../../src/library/records.js'

const FIELDS = [...fieldsFor(defaultColumnIds(3).map((id) => columnById(id) as Column))]
const FULL = libraryPageQuery(FIELDS)
const LIGHT = libraryPageQuery(FIELDS.filter((field) => !field.startsWith('details.')))
const model = DEFAULT_LATENCY_MODEL

describe('the latency model', () => {
  it('lets a page of 100 with every column pass its cost limit, and refuses 1,000 of them', () => {
    const hundred = analyseRequest(model, FULL, { first: 100 }, undefined)
    const thousand = analyseRequest(model, FULL, { first: 1000 }, undefined)
    expect(hundred.cost).toBeLessThanOrEqual(model.costLimit)
    expect(thousand.cost).toBeGreaterThan(model.costLimit)
    // Without details, a page of 1,000 passes.
    expect(analyseRequest(model, LIGHT, { first: 1000 }, undefined).cost).toBeLessThan(
      model.costLimit
    )
  })

  it('charges details only for the component’s own details, not revision.details', () => {
    const [full] = analyseRequest(model, FULL, { first: 1 }, undefined).lists
    const [light] = analyseRequest(model, LIGHT, { first: 1 }, undefined).lists
    expect(full.msPerItem - light.msPerItem).toBeGreaterThanOrEqual(model.detailsMs)
    expect(light.msPerItem).toBeLessThan(model.detailsMs)
  })

  it('counts desComponentsByIds by its ids, and an error payload as cheap', () => {
    const query =
      'query ($ids: [ID!]!) { desComponentsByIds(ids: $ids) { ... on DesComponent { id details { parameters { name value } } } ... on DesErrorPayload { message } } }'
    const request = analyseRequest(model, query, { ids: ['a', 'b', 'c'] }, undefined)
    expect(request.lists[0].requested).toBe(3)
    const answer = {
      data: { desComponentsByIds: [{ id: 'a', details: {} }, { message: 'not found' }] }
    }
    expect(modelledMs(model, request, answer)).toBeCloseTo(
      model.baseMs + request.lists[0].msPerItem + model.componentMs
    )
  })
})

describe('the stand-in under the latency model', () => {
  let altium: StandIn
  beforeAll(async () => {
    altium = await startStandIn({ componentCount: 300, maxPageSize: 1000, latency: true })
  })
  afterAll(() => altium.close())

  const post = (query: string, variables: Record<string, unknown>) =>
    fetch(altium.apiUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${altium.credentials.accessToken}`
      },
      body: JSON.stringify({ query, variables })
    })

  it('refuses a page above the cost limit with HC0047 and no data', async () => {
    const response = await post(FULL, { first: 1000 })
    const body = (await response.json()) as { data?: unknown; errors: { extensions: object }[] }
    expect(body.data).toBeUndefined()
    expect(body.errors[0].extensions).toMatchObject({
      code: 'HC0047',
      maxFieldCost: model.costLimit
    })
  })

  it('answers no sooner than the model says, and logs what it charged', async () => {
    altium.resetStats()
    const started = performance.now()
    const response = await post(FULL, { first: 200 })
    await response.json()
    const elapsed = performance.now() - started
    const charged = altium.stats.requests[0].modelMs as number
    expect(charged).toBeGreaterThan(model.baseMs + 200 * model.detailsMs)
    expect(elapsed).toBeGreaterThanOrEqual(charged - 1)
  })
})

describe('the server models', () => {
  const NAME_LOOKUP =
    'query ComponentsByName($workspaceUrl: String, $n0: String) { c0: desLibrary(workspaceUrl: ' +
    '$workspaceUrl) { components(first: 5, where: { name: { eq: $n0 } }) { nodes { id ' +
    'details { parameters { name value } } } } } }'
  const page = (size: number) => ({
    data: {
      desLibrary: { components: { nodes: Array.from({ length: size }, () => ({ id: 'x' })) } }
    }
  })
  const ms = (m: LatencyModel, query: string, size: number, librarySize = 10_000) =>
    modelledMs(m, analyseRequest(m, query, { first: size }, undefined), page(size), librarySize)
  const cost = (m: LatencyModel, query: string, size: number) =>
    analyseRequest(m, query, { first: size }, undefined).cost

  it('fixed: the same time for any page, with or without details, and no cost limit', () => {
    const fixed = SERVER_MODELS.fixed
    expect(ms(fixed, FULL, 1000)).toBe(100)
    expect(ms(fixed, LIGHT, 100)).toBe(100)
    expect(cost(fixed, FULL, 1000)).toBeLessThan(fixed.costLimit)
  })

  it('per-component is the default model', () => {
    expect(resolveLatencyModel(true)).toBe(DEFAULT_LATENCY_MODEL)
    expect(resolveLatencyModel('per-component')).toBe(DEFAULT_LATENCY_MODEL)
    expect(ms(DEFAULT_LATENCY_MODEL, FULL, 1000)).toBeGreaterThan(
      3 * ms(DEFAULT_LATENCY_MODEL, LIGHT, 1000)
    )
  })

  it('cost-limited: refuses 1,000 with details, accepts 1,000 listed, and details cost little time', () => {
    const limited = SERVER_MODELS['cost-limited']
    expect(cost(limited, FULL, 1000)).toBeGreaterThan(limited.costLimit)
    expect(cost(limited, FULL, 200)).toBeLessThanOrEqual(limited.costLimit)
    expect(cost(limited, LIGHT, 1000)).toBeLessThanOrEqual(limited.costLimit)
    expect(ms(limited, FULL, 200) - ms(limited, LIGHT, 200)).toBeLessThan(10)
  })

  it('slow-details: details are most of a page’s time, and nothing is refused for cost', () => {
    const slow = SERVER_MODELS['slow-details']
    const full = ms(slow, FULL, 1000)
    const light = ms(slow, LIGHT, 1000)
    expect(full - light).toBeGreaterThan(0.8 * full)
    expect(cost(slow, FULL, 1000)).toBeLessThan(slow.costLimit)
  })

  it('slow-filter: a filtered list takes longer the larger the library; a plain page does not', () => {
    const scan = SERVER_MODELS['slow-filter']
    const answer = { data: { c0: { components: { nodes: [{ id: 'x' }] } } } }
    const lookup = (librarySize: number) =>
      modelledMs(scan, analyseRequest(scan, NAME_LOOKUP, {}, undefined), answer, librarySize)
    expect(lookup(100_000) - lookup(10_000)).toBeCloseTo(90_000 * scan.filterScanMs)
    // 20 names a request: two seconds on a library of 100,000.
    expect(20 * (lookup(100_000) - scan.baseMs)).toBeGreaterThanOrEqual(2000)
    expect(ms(scan, FULL, 1000, 100_000)).toBe(ms(scan, FULL, 1000, 10_000))
  })

  it('mixed: seeded noise, within its bounds, with a few slow requests', () => {
    const mixed = SERVER_MODELS.mixed
    const rng = new Rng(mixed.noiseSeed, 'test')
    const times = Array.from({ length: 2000 }, () => withNoise(mixed, 100, rng.next(), rng.next()))
    const slow = times.filter((t) => t > 100 * (1 + mixed.jitter))
    expect(Math.min(...times)).toBeGreaterThanOrEqual(100 * (1 - mixed.jitter))
    expect(Math.max(...times)).toBeLessThanOrEqual(100 * (1 + mixed.jitter) * mixed.slowFactor)
    expect(slow.length / times.length).toBeGreaterThan(mixed.slowRate / 2)
    expect(slow.length / times.length).toBeLessThan(mixed.slowRate * 2)
    // Its cost limit lies between what a page of 100 and one of 1,000 with details cost.
    expect(cost(mixed, FULL, 100)).toBeLessThan(mixed.costLimit)
    expect(cost(mixed, FULL, 1000)).toBeGreaterThan(mixed.costLimit)
  })

  it('numbers can be changed from a named model', () => {
    expect(resolveLatencyModel({ server: 'fixed', baseMs: 5 })).toMatchObject({
      baseMs: 5,
      detailsMs: 0,
      costLimit: Number.POSITIVE_INFINITY
    })
  })
})

describe('the stand-in under each server model', () => {
  let altium: StandIn
  beforeAll(async () => {
    altium = await startStandIn({ componentCount: 300, maxPageSize: 100 })
  })
  afterAll(() => altium.close())

  const post = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(altium.apiUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${altium.credentials.accessToken}`
      },
      body: JSON.stringify({ query, variables })
    })
    return (await response.json()) as { errors?: { extensions: { code: string } }[] }
  }

  it('caps pages at 100 (HC0051) under the fixed model', async () => {
    altium.setOptions({ latency: { server: 'fixed', baseMs: 1 }, maxPageSize: 100 })
    expect((await post(FULL, { first: 100 })).errors).toBeUndefined()
    expect((await post(FULL, { first: 200 })).errors?.[0].extensions.code).toBe('HC0051')
  })

  it('gives the mixed model’s noise the same times for the same requests under one seed', async () => {
    const times = async () => {
      altium.setOptions({ latency: { server: 'mixed', baseMs: 4 }, maxPageSize: 100 })
      altium.resetStats()
      for (let i = 0; i < 40; i++) await post(LIGHT, { first: 10 })
      return altium.stats.requests.map((request) => request.modelMs as number)
    }
    const first = await times()
    expect(await times()).toEqual(first)
    expect(new Set(first.map((t) => t.toFixed(3))).size).toBeGreaterThan(20)
  })
})
