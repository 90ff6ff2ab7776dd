// The stand-in's supply data: what the generator plants, and how the gateway serves stock.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  generateLibrary,
  startStandIn,
  type LibraryComponent,
  type StandIn
} from '../../local-altium/index.js'

const SUPPLY =
  'manufacturerParts { companyName supplierParts { stocks { locationName quantity } prices { price } } }'
const PAGE = `query Supply { desLibrary { components(first: 100) { nodes { id ${SUPPLY} } } } }`

interface ServedComponent {
  id: string
  manufacturerParts: {
    supplierParts: {
      stocks: { locationName: string; quantity: number | string }[] | null
      prices: { price: number }[] | null
    }[]
  }[]
}

async function gql<T>(altium: StandIn, query: string, variables = {}): Promise<T> {
  const response = await fetch(altium.apiUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${altium.credentials.accessToken}`
    },
    body: JSON.stringify({ query, variables })
  })
  const body = (await response.json()) as { data: T; errors?: unknown }
  expect(body.errors).toBeUndefined()
  return body.data
}

/** Every stock quantity of the served components, in order, as sent. */
function quantities(components: ServedComponent[]): (number | string)[] {
  return components.flatMap((c) =>
    c.manufacturerParts.flatMap((p) =>
      p.supplierParts.flatMap((s) => (s.stocks ?? []).map((stock) => stock.quantity))
    )
  )
}

function generatedQuantities(components: LibraryComponent[]): number[] {
  return components.flatMap((c) =>
    c.manufacturerParts.flatMap((p) =>
      p.supplierParts.flatMap((s) => (s.stocks ?? []).map((stock) => stock.quantity))
    )
  )
}

describe('the generated supply data', () => {
  const library = generateLibrary(3, 400)
  const parts = library.flatMap((c) => c.manufacturerParts)
  const stockOf = (c: LibraryComponent) => generatedQuantities([c]).reduce((a, b) => a + b, 0)

  it('has sold-out entries, components sold out everywhere, and parts without supplier or stock', () => {
    expect(generatedQuantities(library).filter((q) => q === 0).length).toBeGreaterThan(10)
    const soldOut = library.filter((c) => generatedQuantities([c]).length > 0 && stockOf(c) === 0)
    expect(soldOut.length).toBeGreaterThan(0)
    expect(parts.some((p) => p.supplierParts.length === 0)).toBe(true)
    expect(parts.some((p) => p.supplierParts.some((s) => s.stocks === null))).toBe(true)
    expect(parts.some((p) => p.octopartId === null)).toBe(true)
    expect(parts.some((p) => p.octopartId !== null)).toBe(true)
  })

  it('has single- and multi-sourced components, one with a manufacturer spelt two ways', () => {
    const makers = (c: LibraryComponent) =>
      new Set(c.manufacturerParts.map((p) => p.companyName.trim().toLowerCase())).size
    expect(library.some((c) => c.manufacturerParts.length === 1)).toBe(true)
    expect(library.some((c) => makers(c) >= 2)).toBe(true)
    const twoWays = library.filter((c) =>
      c.manufacturerParts.some((p, i) =>
        c.manufacturerParts.some(
          (q, j) =>
            i !== j &&
            p.companyName !== q.companyName &&
            p.companyName.trim().toLowerCase() === q.companyName.trim().toLowerCase()
        )
      )
    )
    expect(twoWays.length).toBeGreaterThan(0)
  })
})

describe('stock as the stand-in serves it', () => {
  let altium: StandIn
  beforeAll(async () => {
    altium = await startStandIn({ seed: 5, componentCount: 100 })
  })
  afterAll(() => altium.close())

  it('moves between requests, keeps 0 at 0, and stays within half of the generated quantity', async () => {
    type Page = { desLibrary: { components: { nodes: ServedComponent[] } } }
    const first = quantities((await gql<Page>(altium, PAGE)).desLibrary.components.nodes)
    const second = quantities((await gql<Page>(altium, PAGE)).desLibrary.components.nodes)
    const generated = generatedQuantities(altium.library)
    expect(first).toHaveLength(generated.length)
    expect(first.map(Number)).not.toEqual(second.map(Number))
    // Outside its range a quantity shows as itself beside the range, so the failure names it.
    const outside = (served: (number | string)[]) =>
      served.flatMap((quantity, k) => {
        const q = Number(quantity)
        const base = generated[k]
        const low = base === 0 ? 0 : Math.ceil(base / 2)
        const high = base + Math.floor(base / 2)
        return q >= low && q <= high ? [] : [`${quantity} for ${base}`]
      })
    expect(outside(first)).toEqual([])
    expect(outside(second)).toEqual([])
    expect(first.filter((q, k) => generated[k] === 0 && Number(q) !== 0)).toEqual([])
    expect(generated.filter((q) => q === 0).length).toBeGreaterThan(0)
    // Decimal arrives as a number or as text, as it may from the real gateway.
    expect(first.some((q) => typeof q === 'string')).toBe(true)
    expect(first.some((q) => typeof q === 'number')).toBe(true)
  })

  it('serves the same sequence for the same seed', async () => {
    const twin = await startStandIn({ seed: 5, componentCount: 100 })
    const fresh = await startStandIn({ seed: 5, componentCount: 100 })
    try {
      type Page = { desLibrary: { components: { nodes: ServedComponent[] } } }
      const a = quantities((await gql<Page>(twin, PAGE)).desLibrary.components.nodes)
      const b = quantities((await gql<Page>(fresh, PAGE)).desLibrary.components.nodes)
      expect(a).toEqual(b)
    } finally {
      await Promise.all([twin.close(), fresh.close()])
    }
  })

  it('serves stocks and prices with library components only, not by id', async () => {
    const stocked = altium.library.find(
      (c) => c.isManaged && c.manufacturerParts.some((p) => p.supplierParts.some((s) => s.stocks))
    ) as LibraryComponent
    const data = await gql<{
      desComponentById: ServedComponent
      desComponentsByIds: ServedComponent[]
    }>(
      altium,
      `query ($id: ID!) { desComponentById(id: $id) { id ${SUPPLY} }
        desComponentsByIds(ids: [$id]) { ... on DesComponent { id ${SUPPLY} } } }`,
      { id: stocked.id }
    )
    const supplierParts = (c: ServedComponent) =>
      c.manufacturerParts.flatMap((p) => p.supplierParts)
    expect(supplierParts(data.desComponentById).some((s) => s.stocks !== null)).toBe(true)
    const byIds = supplierParts(data.desComponentsByIds[0])
    expect(byIds.length).toBeGreaterThan(0)
    expect(byIds.every((s) => s.stocks === null && s.prices === null)).toBe(true)
  })

  it('records each request’s query, so a test can see what it selected', async () => {
    altium.resetStats()
    await gql(altium, PAGE)
    expect(altium.stats.requests.map((r) => r.query)).toEqual([PAGE])
  })
})
