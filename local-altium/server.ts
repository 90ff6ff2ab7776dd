// The local Altium stand-in: token endpoint plus GraphQL gateway on 127.0.0.1.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildSchema } from 'graphql'
import { handleGraphQLRequest } from './graphql-endpoint.js'
import { readBody, json, send, type Reply } from './http-io.js'
import { createIdentity, type StandInCredentials } from './identity.js'
import { buildCatalog } from './library-catalog.js'
import { generateLibrary } from './library-generator.js'
import type { LibraryComponent } from './library-types.js'
import {
  mergeOptions,
  resolveOptions,
  type ResolvedOptions,
  type StandInOptions
} from './options.js'
import { Rng } from './prng.js'
import { SignedUrlMinter } from './signed-urls.js'
import type { StandInState } from './state.js'
import { clearStats, createStats, type StandInRequestRecord, type StandInStats } from './stats.js'
import { handleTokenRequest } from './token-endpoint.js'
import { TokenStore } from './token-store.js'
import { HOME_REGION, regionalApiUrl, workspaceUrlOf } from './workspaces.js'

const SDL = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')
const SCHEMA = buildSchema(SDL)

export interface StandIn {
  /** http://127.0.0.1:<port> */
  readonly origin: string
  readonly tokenUrl: string
  /** Non-regional GraphQL endpoint: origin + /graphql. */
  readonly apiUrl: string
  /** The home region's endpoint, as desWorkspaceInfos reports it in location.apiServiceUrl. */
  readonly regionalApiUrl: string
  /** https://<workspaceHost>/ */
  readonly workspaceUrl: string
  readonly credentials: StandInCredentials
  /** The components currently served, in paging order. */
  readonly library: LibraryComponent[]
  /** Live counters; resetStats() clears this same object. */
  readonly stats: StandInStats
  /** Current effective options. */
  readonly options: Readonly<ResolvedOptions>
  /** Changes behaviour between runs; faults and seed restart the fault sequence. */
  setOptions(partial: Partial<StandInOptions>): void
  setLibrary(components: LibraryComponent[]): void
  resetStats(): void
  close(): Promise<void>
}

const GRAPHQL_PATHS = [
  '/graphql',
  '/api/graphql',
  '/napi/gateway/graphql',
  '/svc/napi/gateway/graphql'
]

type Route =
  | { kind: 'token' }
  | { kind: 'graphql'; region: string | null }
  | { kind: 'openid-configuration' }
  | { kind: 'unknown' }

function route(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (path === '/connect/token') return { kind: 'token' }
  if (path === '/.well-known/openid-configuration') return { kind: 'openid-configuration' }
  const regional = /^\/regional\/([a-z0-9-]+)(\/.*)$/.exec(path)
  const rest = regional ? regional[2] : path
  if (GRAPHQL_PATHS.includes(rest))
    return { kind: 'graphql', region: regional ? regional[1] : null }
  return { kind: 'unknown' }
}

function libraryFor(options: ResolvedOptions, given?: LibraryComponent[]): LibraryComponent[] {
  return given ?? generateLibrary(options.seed, options.componentCount)
}

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const resolved = resolveOptions(options)
  const seeded = createIdentity(resolved.seed)
  const identity = { ...seeded, credentials: { ...seeded.credentials, ...options.credentials } }
  let library = libraryFor(resolved, options.library)
  const state: StandInState = {
    options: resolved,
    catalog: buildCatalog(library),
    origin: '',
    identity,
    tokens: new TokenStore(identity),
    stats: createStats(),
    urls: new SignedUrlMinter(() => state.origin, identity.signingSecret),
    faultRng: new Rng(resolved.seed, 'faults'),
    tokenFaultRng: new Rng(resolved.seed, 'token-faults'),
    executedRequests: 0
  }

  async function dispatch(req: IncomingMessage, log: StandInRequestRecord): Promise<Reply> {
    const url = new URL(req.url ?? '/', state.origin)
    const target = route(url.pathname)
    if (target.kind === 'token') {
      if (req.method !== 'POST') return json(405, { error: 'invalid_request' }, { allow: 'POST' })
      return handleTokenRequest(state, req.headers, await readBody(req), log)
    }
    if (target.kind === 'graphql') {
      if (req.method === 'GET' && url.searchParams.has('sdl')) {
        return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: SDL }
      }
      if (req.method !== 'POST') {
        return json(
          405,
          {
            errors: [{ message: 'Send queries with POST; GET serves only ?sdl.' }],
            extensions: { requestId: randomUUID() }
          },
          {
            allow: 'GET, POST'
          }
        )
      }
      const body = await readBody(req)
      // Requests being answered at once, so tests can check a client's concurrency bound.
      state.stats.graphqlInFlight++
      state.stats.maxGraphqlInFlight = Math.max(
        state.stats.maxGraphqlInFlight,
        state.stats.graphqlInFlight
      )
      try {
        return await handleGraphQLRequest(state, SCHEMA, req.headers, body, target.region, log)
      } finally {
        state.stats.graphqlInFlight--
      }
    }
    if (target.kind === 'openid-configuration') {
      return json(200, {
        issuer: state.origin,
        token_endpoint: `${state.origin}/connect/token`,
        grant_types_supported: ['refresh_token', 'password'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post']
      })
    }
    return json(404, { error: 'not_found', path: url.pathname })
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const log: StandInRequestRecord = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      status: 0,
      hasAuth: typeof req.headers.authorization === 'string'
    }
    dispatch(req, log)
      .catch((error: unknown) =>
        json(500, { errors: [{ message: `Stand-in failure: ${String(error)}` }] })
      )
      .then((reply) => {
        log.status = reply.status
        state.stats.requests.push(log)
        send(res, reply)
      })
      .catch(() => res.destroy())
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(resolved.port, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  state.origin = `http://127.0.0.1:${port}`

  function setLibrary(components: LibraryComponent[]): void {
    library = components
    state.catalog = buildCatalog(components)
  }

  let closing: Promise<void> | undefined
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()))
      // Keep-alive sockets would otherwise hold the process (and jest) open.
      server.closeAllConnections()
    })
    return closing
  }

  return {
    origin: state.origin,
    tokenUrl: `${state.origin}/connect/token`,
    apiUrl: `${state.origin}/graphql`,
    regionalApiUrl: regionalApiUrl(state.origin, HOME_REGION),
    get workspaceUrl() {
      return workspaceUrlOf(state.options.workspaceHost)
    },
    credentials: identity.credentials,
    get library() {
      return library
    },
    get stats() {
      return state.stats
    },
    get options() {
      return state.options
    },
    setOptions(partial) {
      state.options = mergeOptions(state.options, partial)
      if ('faults' in partial || 'seed' in partial) {
        state.faultRng = new Rng(state.options.seed, 'faults')
        state.tokenFaultRng = new Rng(state.options.seed, 'token-faults')
      }
      if (partial.library) setLibrary(partial.library)
      else if ('seed' in partial || 'componentCount' in partial)
        setLibrary(libraryFor(state.options))
    },
    setLibrary,
    resetStats() {
      clearStats(state.stats)
    },
    close
  }
}
