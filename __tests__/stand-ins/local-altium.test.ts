// Behaviour of the local Altium stand-in, exercised over HTTP with plain fetch.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import {
  buildSchema,
  getNamedType,
  isObjectType,
  isScalarType,
  isEnumType,
  type GraphQLObjectType
} from 'graphql'
import { readFileSync } from 'node:fs'
import { startStandIn, type StandIn, type StandInOptions } from '../../local-altium/index.js'

interface GraphQLErrorBody {
  message: string
  path?: (string | number)[]
  extensions?: Record<string, unknown>
}

interface GraphQLBody<TData> {
  data?: TData | null
  errors?: GraphQLErrorBody[]
  extensions?: { requestId?: string }
}

interface Reply<TData> {
  status: number
  headers: Headers
  text: string
  body: GraphQLBody<TData>
}

interface PageInfo {
  hasNextPage: boolean
  hasPreviousPage: boolean
  startCursor: string | null
  endCursor: string | null
}

interface ComponentsData {
  desLibrary: {
    components: {
      totalCount: number
      pageInfo: PageInfo
      nodes: { id: string; name: string; comment: string; description: string }[]
    } | null
  }
}

interface TokenReply {
  status: number
  body: Record<string, unknown>
}

async function gql<TData = Record<string, unknown>>(
  url: string,
  query: string,
  options: {
    token?: string | null
    variables?: Record<string, unknown>
    operationName?: string
    headers?: Record<string, string>
  } = {}
): Promise<Reply<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      query,
      variables: options.variables,
      operationName: options.operationName
    })
  })
  const text = await response.text()
  let body: GraphQLBody<TData> = {}
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    body = JSON.parse(text) as GraphQLBody<TData>
  }
  return { status: response.status, headers: response.headers, text, body }
}

async function requestToken(
  standIn: StandIn,
  fields: Record<string, string>,
  basic?: [string, string]
): Promise<TokenReply> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
  if (basic) {
    const pair = `${encodeURIComponent(basic[0])}:${encodeURIComponent(basic[1])}`
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`
  }
  const response = await fetch(standIn.tokenUrl, {
    method: 'POST',
    headers,
    body: new URLSearchParams(fields)
  })
  const text = await response.text()
  const isJson = (response.headers.get('content-type') ?? '').includes('json')
  return {
    status: response.status,
    body: isJson ? (JSON.parse(text) as Record<string, unknown>) : { html: text }
  }
}

function refreshForm(standIn: StandIn, overrides: Record<string, string> = {}) {
  const { clientId, clientSecret, refreshToken } = standIn.credentials
  return {
    grant_type: 'refresh_token',
    client_id: clientId,
    client_secret: clientSecret,
    refresh_token: refreshToken,
    ...overrides
  }
}

function passwordForm(standIn: StandIn, overrides: Record<string, string> = {}) {
  const { clientId, clientSecret, username, password } = standIn.credentials
  return {
    grant_type: 'password',
    client_id: clientId,
    client_secret: clientSecret,
    username,
    password,
    ...overrides
  }
}

async function freshAccessToken(standIn: StandIn): Promise<string> {
  const reply = await requestToken(standIn, refreshForm(standIn))
  expect(reply.status).toBe(200)
  return reply.body.access_token as string
}

function jwtPayload(token: string): Record<string, unknown> {
  const parts = token.split('.')
  expect(parts).toHaveLength(3)
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>
}

const PAGE_QUERY = `
  query Page($first: Int, $after: String) {
    desLibrary {
      components(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        nodes { id name comment description }
      }
    }
  }`

const NAME_QUERY = '{ desLibrary { components(first: 5) { totalCount nodes { id name } } } }'

describe('local Altium stand-in', () => {
  let standIn: StandIn
  const defaults: Partial<StandInOptions> = {
    maxPageSize: undefined,
    authStyle: undefined,
    tokenExpiresAfterCalls: undefined,
    passwordGrant: undefined,
    requireSecure: undefined,
    rotateRefreshTokens: undefined,
    requireRegionalEndpoint: undefined,
    faults: undefined
  }

  beforeAll(async () => {
    standIn = await startStandIn({ seed: 7, componentCount: 60 })
  })

  afterEach(() => {
    standIn.setOptions(defaults)
    standIn.resetStats()
  })

  afterAll(async () => {
    await standIn.close()
  })

  describe('token endpoint', () => {
    it('exchanges a refresh token sent with body credentials for a JWT-shaped access token', async () => {
      const reply = await requestToken(standIn, refreshForm(standIn))
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({
        expires_in: 14400,
        token_type: 'Bearer',
        refresh_token: standIn.credentials.refreshToken
      })
      const scope = reply.body.scope as string
      expect(scope.split(' ')).toEqual(
        expect.arrayContaining([expect.stringMatching(/^a365:workspace:[0-9a-f-]{36}$/)])
      )
      const payload = jwtPayload(reply.body.access_token as string)
      expect(payload).toMatchObject({
        client_id: standIn.credentials.clientId,
        iss: expect.any(String),
        workspaceId: expect.any(String)
      })
      expect(payload.scope).toContain(`a365:workspace:${payload.workspaceId as string}`)
      expect(payload.exp).toBeGreaterThan(Date.now() / 1000 + 14000)
      expect(standIn.stats.tokenGrants).toEqual({ refresh_token: 1 })
      expect(standIn.stats.issuedTokens).toEqual([reply.body.access_token])
    })

    it('accepts HTTP Basic client credentials and tolerates a scope parameter', async () => {
      const { clientId, clientSecret, refreshToken } = standIn.credentials
      const reply = await requestToken(
        standIn,
        {
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          scope: 'design.domain user.access offline_access'
        },
        [clientId, clientSecret]
      )
      expect(reply.status).toBe(200)
      expect(reply.body.token_type).toBe('Bearer')
    })

    it('issues a different access token on every exchange and keeps the refresh token reusable', async () => {
      const first = await requestToken(standIn, refreshForm(standIn))
      const second = await requestToken(standIn, refreshForm(standIn))
      expect(first.body.access_token).not.toBe(second.body.access_token)
      expect(second.body.refresh_token).toBe(standIn.credentials.refreshToken)
    })

    it('supports the password grant, with 24 h tokens in nexar style', async () => {
      standIn.setOptions({ authStyle: 'nexar' })
      const reply = await requestToken(standIn, passwordForm(standIn))
      expect(reply.status).toBe(200)
      expect(reply.body.expires_in).toBe(86400)
      expect(standIn.stats.tokenGrants).toEqual({ password: 1 })
    })

    it.each([
      ['a wrong refresh token', 'refresh', { refresh_token: 'F'.repeat(64) }, 'invalid_grant'],
      ['a wrong password', 'password', { password: 'not-the-password' }, 'invalid_grant'],
      ['a wrong user name', 'password', { username: 'someone@else.example' }, 'invalid_grant'],
      ['a wrong client id', 'refresh', { client_id: 'not-a-client' }, 'invalid_client'],
      ['a wrong client secret', 'refresh', { client_secret: 'wrong' }, 'invalid_client'],
      [
        'an unknown grant type',
        'refresh',
        { grant_type: 'urn:example:magic' },
        'unsupported_grant_type'
      ]
    ] as const)('answers %s with HTTP 400 %s', async (_label, grant, overrides, error) => {
      const form =
        grant === 'refresh' ? refreshForm(standIn, overrides) : passwordForm(standIn, overrides)
      const reply = await requestToken(standIn, form)
      expect(reply.status).toBe(400)
      expect(reply.body).toEqual({ error, error_description: expect.any(String) })
      expect(standIn.stats.issuedTokens).toHaveLength(0)
    })

    it('answers unauthorized_client when the password grant is disabled', async () => {
      standIn.setOptions({ passwordGrant: false })
      const reply = await requestToken(standIn, passwordForm(standIn))
      expect(reply.status).toBe(400)
      expect(reply.body.error).toBe('unauthorized_client')
    })

    it('rejects basic credentials with a wrong secret as invalid_client', async () => {
      const { clientId, refreshToken } = standIn.credentials
      const reply = await requestToken(
        standIn,
        { grant_type: 'refresh_token', refresh_token: refreshToken },
        [clientId, 'wrong-secret']
      )
      expect(reply.status).toBe(400)
      expect(reply.body.error).toBe('invalid_client')
    })

    it('requires secure=1 when the realm is secure', async () => {
      standIn.setOptions({ requireSecure: true })
      const without = await requestToken(standIn, refreshForm(standIn))
      expect(without.status).toBe(400)
      expect(without.body.error).toBe('access_denied')
      const withSecure = await requestToken(standIn, refreshForm(standIn, { secure: '1' }))
      expect(withSecure.status).toBe(200)
      expect(jwtPayload(withSecure.body.access_token as string).secure).toBe('1')
    })

    it('invalidates the old refresh token when rotation is on', async () => {
      // Own instance: a rotated-away refresh token stays revoked for the life of the server.
      const rotating = await startStandIn({ rotateRefreshTokens: true })
      try {
        const original = rotating.credentials.refreshToken
        const first = await requestToken(rotating, refreshForm(rotating))
        const rotated = first.body.refresh_token as string
        expect(rotated).not.toBe(original)
        const reused = await requestToken(rotating, refreshForm(rotating))
        expect(reused.status).toBe(400)
        expect(reused.body.error).toBe('invalid_grant')
        const next = await requestToken(rotating, refreshForm(rotating, { refresh_token: rotated }))
        expect(next.status).toBe(200)
        expect(next.body.refresh_token).not.toBe(rotated)
      } finally {
        await rotating.close()
      }
    })

    it('answers 503 with HTML at the configured token fault rate', async () => {
      standIn.setOptions({ faults: { tokenUnavailableRate: 1 } })
      const reply = await requestToken(standIn, refreshForm(standIn))
      expect(reply.status).toBe(503)
      expect(reply.body.html).toContain('<html>')
      expect(standIn.stats.faultsInjected).toBe(1)
    })
  })

  describe('GraphQL authentication', () => {
    it.each([
      '/graphql',
      '/graphql/',
      '/api/graphql',
      '/api/graphql/',
      '/napi/gateway/graphql',
      '/svc/napi/gateway/graphql/',
      '/regional/eur/api/graphql',
      '/regional/eur/napi/gateway/graphql/'
    ])('serves %s with the long-lived access token', async (path) => {
      const reply = await gql<ComponentsData>(`${standIn.origin}${path}`, NAME_QUERY, {
        token: standIn.credentials.accessToken
      })
      expect(reply.status).toBe(200)
      expect(reply.body.errors).toBeUndefined()
      expect(reply.body.data?.desLibrary.components?.totalCount).toBe(60)
    })

    it('serves the SDL on GET ?sdl without a token', async () => {
      standIn.setOptions({ faults: { unavailableRate: 1 } })
      const response = await fetch(`${standIn.origin}/api/graphql/?sdl`)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('type DesComponent implements Node')
      expect(standIn.stats.faultsInjected).toBe(0)
    })

    it('answers a missing or unknown token with 401 AUTH_INVALID_TOKEN', async () => {
      for (const token of [null, 'not-a-token']) {
        const reply = await gql(standIn.apiUrl, NAME_QUERY, { token })
        expect(reply.status).toBe(401)
        expect(reply.body.errors?.[0].extensions?.code).toBe('AUTH_INVALID_TOKEN')
        expect(reply.body.extensions?.requestId).toEqual(expect.any(String))
      }
      expect(standIn.stats.requests.map((r) => r.hasAuth)).toEqual([false, true])
    })

    it('answers an unknown token with 200 AuthInvalidToken in nexar style', async () => {
      standIn.setOptions({ authStyle: 'nexar' })
      const reply = await gql(standIn.apiUrl, NAME_QUERY, { token: 'not-a-token' })
      expect(reply.status).toBe(200)
      expect(reply.body.errors?.[0]).toMatchObject({
        message: 'Token validation failed. Please provide a valid access token.',
        extensions: { code: 'AuthInvalidToken' }
      })
    })

    it('accepts issued tokens until they expire after the configured number of calls (401)', async () => {
      standIn.setOptions({ tokenExpiresAfterCalls: 2 })
      const token = await freshAccessToken(standIn)
      const statuses: number[] = []
      for (let i = 0; i < 3; i++)
        statuses.push((await gql(standIn.apiUrl, NAME_QUERY, { token })).status)
      expect(statuses).toEqual([200, 200, 401])
      const expired = await gql(standIn.apiUrl, NAME_QUERY, { token })
      expect(expired.body.errors?.[0].extensions?.code).toBe('AUTH_EXPIRED_TOKEN')
      const renewed = await gql(standIn.apiUrl, NAME_QUERY, {
        token: await freshAccessToken(standIn)
      })
      expect(renewed.status).toBe(200)
      const longLived = await gql(standIn.apiUrl, NAME_QUERY, {
        token: standIn.credentials.accessToken
      })
      expect(longLived.status).toBe(200)
    })

    it('reports expired tokens as 200 AuthExpiredToken in nexar style', async () => {
      standIn.setOptions({ tokenExpiresAfterCalls: 1, authStyle: 'nexar' })
      const token = await freshAccessToken(standIn)
      expect((await gql(standIn.apiUrl, NAME_QUERY, { token })).status).toBe(200)
      const expired = await gql(standIn.apiUrl, NAME_QUERY, { token })
      expect(expired.status).toBe(200)
      expect(expired.body.errors?.[0].extensions?.code).toBe('AuthExpiredToken')
    })

    it('puts a unique requestId on every GraphQL response', async () => {
      const token = standIn.credentials.accessToken
      const replies = [
        await gql(standIn.apiUrl, NAME_QUERY, { token }),
        await gql(standIn.apiUrl, NAME_QUERY, { token }),
        await gql(standIn.apiUrl, '{ nope }', { token }),
        await gql(standIn.apiUrl, NAME_QUERY)
      ]
      const ids = replies.map((r) => r.body.extensions?.requestId)
      expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true)
      expect(new Set(ids).size).toBe(ids.length)
    })
  })

  describe('library queries', () => {
    it('pages through 2,345 components exactly once each, in a stable order', async () => {
      const big = await startStandIn({ seed: 3, componentCount: 2345 })
      try {
        const seen: string[] = []
        let after: string | null = null
        let totalCount = -1
        for (let page = 0; page < 30; page++) {
          const reply: Reply<ComponentsData> = await gql<ComponentsData>(big.apiUrl, PAGE_QUERY, {
            token: big.credentials.accessToken,
            variables: { first: 100, after }
          })
          const components = reply.body.data?.desLibrary.components
          if (!components) throw new Error(reply.text)
          totalCount = components.totalCount
          seen.push(...components.nodes.map((n) => n.id))
          if (!components.pageInfo.hasNextPage) break
          after = components.pageInfo.endCursor
        }
        expect(totalCount).toBe(2345)
        expect(seen).toEqual(big.library.map((c) => c.id))
        expect(new Set(seen).size).toBe(2345)
        expect(big.stats.libraryRequests).toBe(24)
        expect(big.stats.requests[1]).toMatchObject({ first: 100, after: expect.any(String) })
      } finally {
        await big.close()
      }
    })

    it('returns 10 components when first is omitted', async () => {
      const reply = await gql<ComponentsData>(standIn.apiUrl, PAGE_QUERY, {
        token: standIn.credentials.accessToken
      })
      const components = reply.body.data?.desLibrary.components
      expect(components?.nodes).toHaveLength(10)
      expect(components?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false })
    })

    it('rejects first above the maximum with HotChocolate HC0051 and a null connection', async () => {
      standIn.setOptions({ maxPageSize: 50 })
      const reply = await gql<ComponentsData>(standIn.apiUrl, PAGE_QUERY, {
        token: standIn.credentials.accessToken,
        variables: { first: 51 }
      })
      expect(reply.status).toBe(200)
      expect(reply.body.data).toEqual({ desLibrary: { components: null } })
      expect(reply.body.errors).toHaveLength(1)
      expect(reply.body.errors?.[0]).toMatchObject({
        message: 'The maximum allowed items per page were exceeded.',
        path: ['desLibrary', 'components'],
        extensions: {
          code: 'HC0051',
          field: 'DesLibrary.components',
          requestedItems: 51,
          maxAllowedItems: 50
        }
      })
    })

    it('filters with exact, case-sensitive equality on name, comment and description', async () => {
      const target = standIn.library[17]
      const query = `query Find($where: DesComponentFilterInput) {
        desLibrary { components(first: 100, where: $where) { totalCount nodes { id } } } }`
      const find = async (where: Record<string, unknown>) =>
        (
          await gql<ComponentsData>(standIn.apiUrl, query, {
            token: standIn.credentials.accessToken,
            variables: { where }
          })
        ).body.data?.desLibrary.components
      expect((await find({ name: { eq: target.name } }))?.nodes).toEqual([{ id: target.id }])
      expect((await find({ name: { eq: target.name.toLowerCase() } }))?.totalCount).toBe(0)
      expect((await find({ name: { eq: target.name.slice(0, -1) } }))?.totalCount).toBe(0)
      const both = await find({
        comment: { eq: target.comment },
        description: { eq: target.description }
      })
      const expected = standIn.library.filter(
        (c) => c.comment === target.comment && c.description === target.description
      )
      expect(both?.totalCount).toBe(expected.length)
      expect(both?.nodes.map((n) => n.id)).toEqual(expected.map((c) => c.id))
    })

    it('fails validation for a field the gateway does not have', async () => {
      const reply = await gql(
        standIn.apiUrl,
        '{ desLibrary { components { nodes { id partNumber } } } }',
        { token: standIn.credentials.accessToken }
      )
      expect(reply.status).toBe(200)
      expect(reply.body.data).toBeUndefined()
      expect(reply.body.errors?.[0].message).toMatch(/Cannot query field "partNumber"/)
    })

    it('answers validation errors with 400 for graphql-response+json clients', async () => {
      const reply = await gql(standIn.apiUrl, '{ desLibrary { nope } }', {
        token: standIn.credentials.accessToken,
        headers: { accept: 'application/graphql-response+json, application/json' }
      })
      expect(reply.status).toBe(400)
      expect(reply.headers.get('content-type')).toContain('application/graphql-response+json')
    })

    it('denies an unknown workspace with AUTH_WORKSPACE_ACCESS and null data', async () => {
      const query =
        'query ($url: String) { desLibrary(workspaceUrl: $url) { components(first: 1) { totalCount } } }'
      const denied = await gql(standIn.apiUrl, query, {
        token: standIn.credentials.accessToken,
        variables: { url: 'https://someone-else.365.altium.com/' }
      })
      expect(denied.body.data).toBeNull()
      expect(denied.body.errors).toEqual([
        expect.objectContaining({
          message: 'The workspace cannot be accessed.',
          path: ['desLibrary'],
          extensions: { code: 'AUTH_WORKSPACE_ACCESS' }
        })
      ])
      for (const url of ['https://ACME.365.altium.com', standIn.workspaceUrl, null]) {
        const allowed = await gql(standIn.apiUrl, query, {
          token: standIn.credentials.accessToken,
          variables: { url }
        })
        expect(allowed.body.errors).toBeUndefined()
      }
    })

    it('looks components up by id and reports unknown or unmanaged ids as DesErrorPayload', async () => {
      const managed = standIn.library.find((c) => c.isManaged)
      const unmanaged = standIn.library.find((c) => !c.isManaged)
      if (!managed || !unmanaged) throw new Error('library lacks managed or unmanaged components')
      const reply = await gql<{
        desComponentById: { name: string } | null
        desComponentsByIds: { __typename: string; name?: string; message?: string }[]
      }>(
        standIn.apiUrl,
        `query ($id: ID!, $ids: [ID!]!) {
          desComponentById(id: $id) { name }
          desComponentsByIds(ids: $ids) {
            __typename
            ... on DesComponent { name }
            ... on DesErrorPayload { message }
          }
        }`,
        {
          token: standIn.credentials.accessToken,
          variables: { id: managed.id, ids: [managed.id, 'RGVzTm9wZQ==', unmanaged.id] }
        }
      )
      expect(reply.body.errors).toBeUndefined()
      expect(reply.body.data?.desComponentById).toEqual({ name: managed.name })
      expect(reply.body.data?.desComponentsByIds.map((i) => i.__typename)).toEqual([
        'DesComponent',
        'DesErrorPayload',
        'DesErrorPayload'
      ])
    })

    it('mints different download and image URLs on every request', async () => {
      const withModels = standIn.library.findIndex((c) => c.details.footprints.length > 0)
      const query = `query ($first: Int) { desLibrary { components(first: $first) { nodes {
        details { footprints { dataDownloadUrl imageFullSizeUrl imageThumbnailUrl } } } } } }`
      const urls = async () => {
        const reply = await gql<{
          desLibrary: {
            components: { nodes: { details: { footprints: Record<string, string>[] } }[] }
          }
        }>(standIn.apiUrl, query, {
          token: standIn.credentials.accessToken,
          variables: { first: withModels + 1 }
        })
        return reply.body.data?.desLibrary.components.nodes[withModels].details.footprints[0]
      }
      const first = await urls()
      const second = await urls()
      expect(first?.dataDownloadUrl).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/files\/.+\?expires=\d+&n=\d+&signature=[0-9a-f]+$/
      )
      for (const field of ['dataDownloadUrl', 'imageFullSizeUrl', 'imageThumbnailUrl']) {
        expect(first?.[field]).not.toBe(second?.[field])
      }
    })

    it('serves every selectable DesComponent field of every component without errors', async () => {
      const schema = buildSchema(
        readFileSync(new URL('../../local-altium/schema.graphql', import.meta.url), 'utf8')
      )
      const select = (type: GraphQLObjectType, depth: number): string =>
        Object.values(type.getFields())
          .filter((field) => field.args.every((arg) => !arg.type.toString().endsWith('!')))
          .map((field) => {
            const named = getNamedType(field.type)
            if (isScalarType(named) || isEnumType(named)) return field.name
            if (!isObjectType(named) || depth === 0) return ''
            if (named.name.endsWith('Connection')) return ''
            return `${field.name} { __typename ${select(named, depth - 1)} }`
          })
          .join(' ')
      const componentType = schema.getType('DesComponent') as GraphQLObjectType
      const query = `{ desLibrary { components(first: 100) { nodes { ${select(componentType, 4)} } } } }`
      const reply = await gql<ComponentsData>(standIn.apiUrl, query, {
        token: standIn.credentials.accessToken
      })
      expect(reply.body.errors).toBeUndefined()
      expect(reply.body.data?.desLibrary.components?.nodes).toHaveLength(60)
    })
  })

  describe('workspace discovery and regions', () => {
    const DISCOVERY =
      '{ desWorkspaceInfos { url authId workspaceId isDefault name vendor location { name apiServiceUrl filesServiceUrl apiVoyagerUrl } } }'

    interface DiscoveryData {
      desWorkspaceInfos: {
        url: string
        workspaceId: string
        location: { name: string; apiServiceUrl: string }
      }[]
    }

    it('lists the stand-in workspace with its regional endpoint, which answers library queries', async () => {
      const reply = await gql<DiscoveryData>(standIn.apiUrl, DISCOVERY, {
        token: standIn.credentials.accessToken
      })
      const workspaces = reply.body.data?.desWorkspaceInfos ?? []
      expect(workspaces).toHaveLength(2)
      const home = workspaces.find((w) => w.url === standIn.workspaceUrl)
      expect(home?.location).toMatchObject({
        name: 'Europe',
        apiServiceUrl: standIn.regionalApiUrl
      })
      expect(home?.workspaceId).toMatch(/^grid:global::platform:workspace\/[0-9a-f-]{36}$/)
      expect(standIn.stats.discoveryRequests).toBe(1)
      const library = await gql<ComponentsData>(home?.location.apiServiceUrl ?? '', NAME_QUERY, {
        token: standIn.credentials.accessToken
      })
      expect(library.body.data?.desLibrary.components?.totalCount).toBe(60)
    })

    it('rejects library queries off the regional endpoint when the region matters', async () => {
      standIn.setOptions({ requireRegionalEndpoint: true })
      const token = standIn.credentials.accessToken
      const global = await gql(standIn.apiUrl, NAME_QUERY, { token })
      expect(global.status).toBe(200)
      expect(global.body.errors?.[0]).toMatchObject({
        message: 'Token validation failed. Please provide a valid access token.',
        extensions: { code: 'AuthInvalidToken' }
      })
      const discovery = await gql<DiscoveryData>(standIn.apiUrl, DISCOVERY, { token })
      expect(discovery.body.errors).toBeUndefined()
      const otherRegion = discovery.body.data?.desWorkspaceInfos.find(
        (w) => w.url !== standIn.workspaceUrl
      )
      const wrong = await gql(otherRegion?.location.apiServiceUrl ?? '', NAME_QUERY, { token })
      expect(wrong.body.errors?.[0].extensions?.code).toBe('AuthInvalidToken')
      const regional = await gql<ComponentsData>(standIn.regionalApiUrl, NAME_QUERY, { token })
      expect(regional.body.data?.desLibrary.components?.totalCount).toBe(60)
    })
  })

  describe('fault injection', () => {
    async function statuses(count: number): Promise<number[]> {
      const out: number[] = []
      for (let i = 0; i < count; i++) {
        out.push(
          (await gql(standIn.apiUrl, NAME_QUERY, { token: standIn.credentials.accessToken })).status
        )
      }
      return out
    }

    it('answers about the configured share of requests with 503 HTML, the same way for a seed', async () => {
      standIn.setOptions({ faults: { unavailableRate: 0.3 } })
      const run = await statuses(200)
      const unavailable = run.filter((s) => s === 503).length
      expect(unavailable).toBeGreaterThan(40)
      expect(unavailable).toBeLessThan(80)
      expect(run.every((s) => s === 503 || s === 200)).toBe(true)
      expect(standIn.stats.faultsInjected).toBe(unavailable)

      standIn.setOptions({ faults: { unavailableRate: 0.3 } })
      expect(await statuses(200)).toEqual(run)
      standIn.setOptions({ seed: 8, faults: { unavailableRate: 0.3 } })
      expect(await statuses(200)).not.toEqual(run)
      standIn.setOptions({ seed: 7 })
    })

    it('answers the configured share with 429, Retry-After and LIMIT_EXCEEDED', async () => {
      standIn.setOptions({ faults: { rateLimitRate: 0.5 } })
      const replies = []
      for (let i = 0; i < 60; i++) {
        replies.push(
          await gql(standIn.apiUrl, NAME_QUERY, { token: standIn.credentials.accessToken })
        )
      }
      const limited = replies.filter((r) => r.status === 429)
      expect(limited.length).toBeGreaterThan(15)
      expect(limited.length).toBeLessThan(45)
      expect(limited[0].headers.get('retry-after')).toBe('1')
      expect(limited[0].body.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED')
    })

    it('repeats the received cursor as endCursor when the cursor is stuck', async () => {
      standIn.setOptions({ faults: { stuckCursor: true } })
      const token = standIn.credentials.accessToken
      const first = await gql<ComponentsData>(standIn.apiUrl, PAGE_QUERY, {
        token,
        variables: { first: 5 }
      })
      const after = first.body.data?.desLibrary.components?.pageInfo.endCursor
      expect(after).toEqual(expect.any(String))
      const second = await gql<ComponentsData>(standIn.apiUrl, PAGE_QUERY, {
        token,
        variables: { first: 5, after }
      })
      const page = second.body.data?.desLibrary.components
      expect(page?.pageInfo.endCursor).toBe(after)
      expect(page?.pageInfo.hasNextPage).toBe(true)
      expect(page?.nodes.map((n) => n.id)).toEqual(standIn.library.slice(5, 10).map((c) => c.id))
    })

    it('never ends the pages and keeps advancing the cursor past the end', async () => {
      standIn.setOptions({ faults: { endlessPages: true } })
      const token = standIn.credentials.accessToken
      let after: string | null | undefined = null
      const sizes: number[] = []
      const cursors: string[] = []
      for (let i = 0; i < 5; i++) {
        const reply: Reply<ComponentsData> = await gql<ComponentsData>(standIn.apiUrl, PAGE_QUERY, {
          token,
          variables: { first: 25, after }
        })
        const page = reply.body.data?.desLibrary.components
        expect(page?.pageInfo.hasNextPage).toBe(true)
        sizes.push(page?.nodes.length ?? -1)
        after = page?.pageInfo.endCursor
        cursors.push(after ?? '')
      }
      expect(sizes).toEqual([25, 25, 10, 0, 0])
      expect(new Set(cursors).size).toBe(5)
    })

    it('fails pages whose field cost exceeds the limit with HC0047', async () => {
      standIn.setOptions({ faults: { costLimit: 200 } })
      const token = standIn.credentials.accessToken
      const costly = await gql<ComponentsData>(standIn.apiUrl, PAGE_QUERY, {
        token,
        variables: { first: 100 }
      })
      expect(costly.body.data?.desLibrary.components).toBeNull()
      expect(costly.body.errors?.[0]).toMatchObject({
        message: 'The maximum allowed field cost was exceeded.',
        extensions: { code: 'HC0047', fieldCost: 400, maxFieldCost: 200 }
      })
      const cheap = await gql<ComponentsData>(standIn.apiUrl, PAGE_QUERY, {
        token,
        variables: { first: 50 }
      })
      expect(cheap.body.errors).toBeUndefined()
      expect(cheap.body.data?.desLibrary.components?.nodes).toHaveLength(50)
    })
    it('reports a totalCount that disagrees with the rows when told to', async () => {
      standIn.setOptions({ faults: { totalCountOffset: 3 } })
      const reply = await gql<ComponentsData>(standIn.apiUrl, PAGE_QUERY, {
        token: standIn.credentials.accessToken,
        variables: { first: 5 }
      })
      expect(reply.body.data?.desLibrary.components?.totalCount).toBe(standIn.library.length + 3)
      expect(reply.body.data?.desLibrary.components?.nodes).toHaveLength(5)
    })

    it('answers with data and errors together when partial data is switched on', async () => {
      standIn.setOptions({ faults: { partialData: true } })
      const reply = await gql<{
        desLibrary: { components: { nodes: { id: string; folder: unknown }[] } }
      }>(
        standIn.apiUrl,
        '{ desLibrary { components(first: 3) { nodes { id folder { path } } } } }',
        {
          token: standIn.credentials.accessToken
        }
      )
      const nodes = reply.body.data?.desLibrary.components.nodes
      expect(nodes?.map((n) => n.id)).toEqual(standIn.library.slice(0, 3).map((c) => c.id))
      expect(nodes?.[0].folder).toBeNull()
      expect(reply.body.errors).toEqual([
        expect.objectContaining({
          path: ['desLibrary', 'components', 'nodes', 0, 'folder'],
          extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' }
        })
      ])
    })
  })

  describe('command line', () => {
    it('prints one JSON line with URLs and credentials and stops cleanly on SIGTERM', async () => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'local-altium/cli.ts',
          '--components',
          '12',
          '--seed',
          '5',
          '--host-name',
          'cli-test.365.altium.com'
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] }
      )
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code))
      )
      try {
        const lines = createInterface({ input: child.stdout })
        const line = await new Promise<string>((resolve, reject) => {
          lines.once('line', resolve)
          child.once('exit', () => reject(new Error('stand-in CLI exited before printing')))
        })
        const info = JSON.parse(line) as {
          apiUrl: string
          workspaceUrl: string
          componentCount: number
          credentials: { accessToken: string }
        }
        expect(info).toMatchObject({
          workspaceUrl: 'https://cli-test.365.altium.com/',
          componentCount: 12
        })
        const reply = await gql<ComponentsData>(info.apiUrl, NAME_QUERY, {
          token: info.credentials.accessToken
        })
        expect(reply.body.data?.desLibrary.components?.totalCount).toBe(12)
      } finally {
        child.kill('SIGTERM')
      }
      expect(await exited).toBe(0)
    })
  })
})
