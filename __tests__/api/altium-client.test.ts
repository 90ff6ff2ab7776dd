/**
 * The token endpoint and GraphQL wrappers against the real local stand-in, in process, with a
 * retry policy that does not wait.
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { AltiumApiError } from '../../src/api/errors.js'
import type { Credentials } from '../../src/auth/credentials.js'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { standInClient } from '../helpers/stand-in-client.js'

const NAMES_QUERY = 'query { desLibrary { components(first: 5) { nodes { name } } } }'

let altium: StandIn
beforeAll(async () => {
  altium = await startStandIn({ componentCount: 20 })
})
afterAll(() => altium.close())
beforeEach(() => {
  altium.setOptions({
    faults: {},
    tokenExpiresAfterCalls: undefined,
    authStyle: 'altium-365',
    requireRegionalEndpoint: false
  })
  altium.resetStats()
})

function clientFor(credentials: Credentials, endpoint = altium.apiUrl) {
  return standInClient(altium, { credentials, endpoint })
}

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

const refreshSet = (): Credentials => ({
  kind: 'refresh-token',
  clientId: altium.credentials.clientId,
  clientSecret: altium.credentials.clientSecret,
  refreshToken: altium.credentials.refreshToken
})

describe('the Altium GraphQL client', () => {
  it('fetches one token and reuses it for every request', async () => {
    const { client, stats } = clientFor(refreshSet())
    for (let i = 0; i < 3; i++) {
      const response = await client.request<{ desLibrary: unknown }>(NAMES_QUERY, {})
      expect(response.errors).toBeUndefined()
      expect(response.requestId).toEqual(expect.any(String))
    }
    expect(stats.tokenRequests).toBe(1)
    expect(altium.stats.tokenRequests).toBe(1)
  })

  it('renews the token once when it expires mid-export, and retries the request', async () => {
    altium.setOptions({ tokenExpiresAfterCalls: 2 })
    const { client, stats } = clientFor(refreshSet())
    for (let i = 0; i < 5; i++) await client.request(NAMES_QUERY, {})
    expect(stats.tokenRenewals).toBe(2)
    expect(altium.stats.tokenGrants.refresh_token).toBe(3)
  })

  it('renews only once when several requests see the same token expire together', async () => {
    altium.setOptions({ tokenExpiresAfterCalls: 2 })
    const { client, stats } = clientFor(refreshSet())
    await client.request(NAMES_QUERY, {})
    await client.request(NAMES_QUERY, {})
    await Promise.all([client.request(NAMES_QUERY, {}), client.request(NAMES_QUERY, {})])
    expect(stats.tokenRenewals).toBe(1)
    expect(altium.stats.tokenGrants.refresh_token).toBe(2)
  })

  it('renews again when the requests in flight beside a retry used up its fresh token', async () => {
    // Each token serves two requests: two of five get the first, two of the three retries the
    // second, and the last retry finds its fresh token already spent.
    altium.setOptions({ tokenExpiresAfterCalls: 2 })
    const { client, stats } = clientFor(refreshSet())
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => client.request<{ desLibrary: unknown }>(NAMES_QUERY, {}))
    )
    expect(answers.every((answer) => answer.data?.desLibrary)).toBe(true)
    expect(stats.tokenRenewals).toBe(2)
    expect(altium.stats.tokenGrants.refresh_token).toBe(3)
  })

  it('gives up after the policy attempts with a message naming the endpoint', async () => {
    altium.setOptions({ faults: { unavailableRate: 1 } })
    const { client, stats } = clientFor({
      kind: 'access-token',
      accessToken: altium.credentials.accessToken
    })
    const failure = client.request(NAMES_QUERY, {})
    await expect(failure).rejects.toThrow(AltiumApiError)
    await expect(failure).rejects.toThrow(
      new RegExp(`${altium.apiUrl} kept failing after 4 tries.*HTTP 503`)
    )
    expect(stats.retries).toBe(3)
  })

  it('turns a query the gateway rejects into a message, without retrying', async () => {
    const { client, stats } = clientFor({
      kind: 'access-token',
      accessToken: altium.credentials.accessToken
    })
    await expect(client.request('query { desLibrary { noSuchField } }', {})).rejects.toThrow(
      /refused the request with HTTP 400: Cannot query field "noSuchField"/
    )
    expect(stats.graphqlRequests).toBe(1)
  })

  it('refuses to renew a ready token and says what to do', async () => {
    const { client } = clientFor({ kind: 'access-token', accessToken: 'revoked-token-value' })
    await expect(client.request(NAMES_QUERY, {})).rejects.toThrow(/cannot be renewed/)
  })

  it('reports a token endpoint that stays down after every try', async () => {
    altium.setOptions({ faults: { tokenUnavailableRate: 1 } })
    const { client } = clientFor(refreshSet())
    await expect(client.request(NAMES_QUERY, {})).rejects.toThrow(
      /token endpoint .* gave no usable answer after 4 tries: .*HTTP 503/
    )
  })

  it('names the endpoint when nothing listens there', async () => {
    const closed = await closedPort()
    const { client } = clientFor(
      { kind: 'access-token', accessToken: altium.credentials.accessToken },
      `http://127.0.0.1:${closed}/graphql`
    )
    await expect(client.request(NAMES_QUERY, {})).rejects.toThrow(
      `could not reach http://127.0.0.1:${closed}/graphql (ECONNREFUSED)`
    )
  })

  it('gets through answers cut off by a reset, truncated or not JSON', async () => {
    altium.setOptions({
      faults: { resetRate: 0.3, truncatedRate: 0.3, notJsonRate: 0.3, faultBudget: 3 }
    })
    const { client, stats } = clientFor(refreshSet())
    const response = await client.request<{ desLibrary: unknown }>(NAMES_QUERY, {})
    expect(response.data?.desLibrary).toBeTruthy()
    expect(stats.retries).toBe(3)
    expect(altium.stats.faultsInjected).toBe(3)
  })

  it('retries a token endpoint answer that is cut off or not JSON', async () => {
    altium.setOptions({
      faults: { truncatedRate: 0.5, notJsonRate: 0.5, transportFaultsOn: 'token', faultBudget: 2 }
    })
    const { client, stats } = clientFor(refreshSet())
    await client.request(NAMES_QUERY, {})
    expect(stats.tokenRequests).toBe(3)
    expect(altium.stats.tokenGrants.refresh_token).toBe(1)
  })

  it('refuses a redirect, so that the token never reaches the other host', async () => {
    const elsewhere: string[] = []
    const foreign = createServer((req, res) => {
      elsewhere.push(req.headers.authorization ?? '(none)')
      res.end('{}')
    }).listen(0, '127.0.0.1')
    await once(foreign, 'listening')
    const target = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/graphql`
    try {
      altium.setOptions({ faults: { redirectTo: target } })
      const { client } = clientFor({
        kind: 'access-token',
        accessToken: altium.credentials.accessToken
      })
      await expect(client.request(NAMES_QUERY, {})).rejects.toThrow(
        `answered HTTP 307, a redirect to ${target}. The action does not follow redirects`
      )
      expect(elsewhere).toEqual([])
    } finally {
      foreign.close()
    }
  })

  it('points a ready token refused as invalid at the region and at a new token', async () => {
    altium.setOptions({ requireRegionalEndpoint: true })
    const ready = clientFor({ kind: 'access-token', accessToken: altium.credentials.accessToken })
    const offRegion = ready.client.request(
      'query { desLibrary { components(first: 1) { totalCount } } }',
      {}
    )
    await expect(offRegion).rejects.toThrow(
      /as invalid .*AuthInvalidToken.*another region.*create a new one/
    )
    await expect(offRegion).rejects.toMatchObject({
      context: { endpoint: altium.apiUrl, requestId: expect.any(String) }
    })
  })
})
