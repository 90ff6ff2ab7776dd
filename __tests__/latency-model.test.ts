/** The stand-in's latency model: what a request costs, and that the endpoint honours it. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startStandIn, type StandIn } from '../local-altium/index.js'
import { analyseRequest, DEFAULT_LATENCY_MODEL, modelledMs } from '../local-altium/latency-model.js'
import { libraryPageQuery } from '../src/api/library-query.js'
import { columnById, defaultColumnIds, type Column } from '../src/library/columns.js'
import { fieldsFor } from '../src/library/records.js'

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
