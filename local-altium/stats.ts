// Live counters a test reads to see what a client actually did against the stand-in.

export interface StandInRequestRecord {
  method: string
  path: string
  status: number
  hasAuth: boolean
  operationName?: string
  /** The GraphQL document, so a test can see which fields a request selected. */
  query?: string
  /** `first` of the desLibrary.components field, when the query has one. */
  first?: number
  /** `after` of the desLibrary.components field, when the query has one. */
  after?: string
  /** grant_type of a token request. */
  grantType?: string
  /** What the latency model charged for this request, when it is on. */
  modelMs?: number
}

export interface StandInStats {
  tokenRequests: number
  /** Successful token grants by grant_type. */
  tokenGrants: Record<string, number>
  graphqlRequests: number
  /** GraphQL requests whose query selects desLibrary.components. */
  libraryRequests: number
  /** GraphQL requests whose query selects desWorkspaceInfos or desWorkspaceLocations. */
  discoveryRequests: number
  faultsInjected: number
  /** GraphQL requests being answered right now, and the most there were at once. */
  graphqlInFlight: number
  maxGraphqlInFlight: number
  issuedTokens: string[]
  /** Refresh tokens handed out by rotation (rotateRefreshTokens). */
  issuedRefreshTokens: string[]
  requests: StandInRequestRecord[]
}

export function createStats(): StandInStats {
  return {
    tokenRequests: 0,
    tokenGrants: {},
    graphqlRequests: 0,
    libraryRequests: 0,
    discoveryRequests: 0,
    faultsInjected: 0,
    graphqlInFlight: 0,
    maxGraphqlInFlight: 0,
    issuedTokens: [],
    issuedRefreshTokens: [],
    requests: []
  }
}

/** Clears in place, so a test holding the stats object keeps seeing live numbers. */
export function clearStats(stats: StandInStats): void {
  // Requests still being answered stay counted, so the figure never goes below zero.
  Object.assign(stats, createStats(), { graphqlInFlight: stats.graphqlInFlight })
}
