// Everything a request handler needs to know about the running stand-in.
import type { StandInIdentity } from './identity.js'
import type { LibraryCatalog } from './library-catalog.js'
import type { ResolvedOptions } from './options.js'
import type { Rng } from './prng.js'
import type { SignedUrlMinter } from './signed-urls.js'
import type { StandInStats } from './stats.js'
import type { TokenStore } from './token-store.js'

export interface StandInState {
  options: ResolvedOptions
  catalog: LibraryCatalog
  origin: string
  identity: StandInIdentity
  tokens: TokenStore
  stats: StandInStats
  urls: SignedUrlMinter
  /** Fault rolls for GraphQL requests, one per request. */
  faultRng: Rng
  /** Fault rolls for token requests, one per request. */
  tokenFaultRng: Rng
  /** GraphQL requests executed so far: the served stock moves with it (supply.ts). */
  executedRequests: number
}

/** Per-request context handed to resolvers. */
export interface RequestContext {
  state: StandInState
  /** Region of the path the request came in on (/regional/<region>/...), or null. */
  region: string | null
  /** This request's number among those executed, from 1. */
  request: number
}
