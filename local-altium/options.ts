// Knobs of the stand-in, with the defaults a plain Altium 365 workspace would show.
import type { StandInCredentials } from './identity.js'
import type { LatencySetting } from './server-models.js'
import type { LibraryComponent } from './library-types.js'

export type AuthStyle = 'altium-365' | 'nexar'

export interface StandInFaults {
  /** Fraction of GraphQL requests answered 503 with an HTML body. */
  unavailableRate?: number
  /** Fraction of GraphQL requests answered 429 + Retry-After: 1 + LIMIT_EXCEEDED. */
  rateLimitRate?: number
  /** Fraction of token requests answered 503 with an HTML body. */
  tokenUnavailableRate?: number
  /** From the second page on, endCursor repeats the `after` it was given. */
  stuckCursor?: boolean
  /** hasNextPage is always true and endCursor walks on past the end with empty pages. */
  endlessPages?: boolean
  /** first × selected fields per node above this fails the page with HC0047. */
  costLimit?: number
  /** Added to the components' `totalCount`, so that it disagrees with the rows served. */
  totalCountOffset?: number
  /** The first component of each page fails to resolve its folder: `data` and `errors` together. */
  partialData?: boolean
  // Transport and service faults (transport-faults.ts, auth-faults.ts, workspace-faults.ts).
  /** Status of the HTML page `unavailableRate` answers with: 500, 502 or 503 (the default). */
  unavailableStatus?: 500 | 502 | 503
  /** `Retry-After` of the 429 answers of `rateLimitRate`: seconds or an HTTP date. Default '1'. */
  retryAfter?: string
  /** Fraction of GraphQL requests answered 200 with only a LIMIT_EXCEEDED error. */
  limitExceededRate?: number
  /** Fraction of requests never answered: the connection stays open and silent. */
  hangRate?: number
  /** Fraction of requests whose answer is cut off mid-body by a connection reset. */
  resetRate?: number
  /** Fraction of requests answered 200 with a JSON body cut short. */
  truncatedRate?: number
  /** Fraction of requests answered 200 with an HTML page instead of JSON (a proxy's sign-in page). */
  notJsonRate?: number
  /** Every request is answered 307 with this Location (another host). */
  redirectTo?: string
  /** Where hang, reset, truncated, not-JSON and redirect faults strike. Default graphql. */
  transportFaultsOn?: 'graphql' | 'token' | 'both'
  /** After this many injected faults the stand-in behaves again, so that a client can survive. */
  faultBudget?: number
  /** HTTP status of expired or invalid token answers (200 or 401), overriding `authStyle`. */
  authErrorStatus?: 200 | 401
  /** Spelling of auth error codes (AUTH_EXPIRED_TOKEN or AuthExpiredToken), overriding `authStyle`. */
  authErrorSpelling?: 'upper-snake' | 'pascal'
  /** The token endpoint refuses grants with this OAuth error (a revoked or disabled credential). */
  tokenError?: 'invalid_grant' | 'invalid_client' | 'unauthorized_client' | 'access_denied'
  /** Grants that succeed before `tokenError` starts. Default 0. */
  tokenErrorAfterGrants?: number
  /** The home workspace answers AUTH_WORKSPACE_ACCESS, as when the token lost its access. */
  workspaceAccessDenied?: boolean
  /** desWorkspaceInfos reports this apiServiceUrl for the home workspace. */
  discoveredApiUrl?: string
  /** desComponentsByIds is refused as a field this gateway does not know. */
  componentsByIdsRefused?: boolean
  /** Fraction of managed components that desComponentsByIds answers with a DesErrorPayload. */
  componentsByIdsErrorRate?: number
  // Hostile answers (hostile-faults.ts): what a compromised proxy or a careless server could send.
  /**
   * Appended to every text the stand-in writes for people: the workspace's and region's names in
   * desWorkspaceInfos, GraphQL error messages (partial data, workspace access) and the token
   * endpoint's error_description. E.g. `\n::stop-commands::pwned`.
   */
  hostileText?: string
  /** The token endpoint refuses every grant with invalid_request, echoing the form body it got. */
  tokenEchoesForm?: boolean
  /** Fraction of GraphQL requests answered with a gzip body that expands to `gzipBombBytes`. */
  gzipBombRate?: number
  /** What a gzip bomb expands to. Default 1 GiB (about 1 MB on the wire). */
  gzipBombBytes?: number
  /** desComponentsByIds finds unmanaged components too (the schema only says they *may* not be). */
  unmanagedFoundById?: boolean
}

export interface StandInOptions {
  /** Seeds the generated library, the credentials and the fault sequence. Default 1. */
  seed?: number
  /** Size of the generated library. Default 50. */
  componentCount?: number
  /** Serve this library instead of generating one. */
  library?: LibraryComponent[]
  /** Largest `first`/`last` accepted by connections. Default 100. */
  maxPageSize?: number
  /** Credentials to accept instead of the ones made from the seed (e.g. a chosen password). */
  credentials?: Partial<StandInCredentials>
  /** Host of the stand-in workspace URL. Default acme.365.altium.com. */
  workspaceHost?: string
  /** Error style for bad tokens: 401 + AUTH_* (default) or 200 + Auth* (nexar). */
  authStyle?: AuthStyle
  /** Tokens from the token endpoint expire after serving this many GraphQL requests. */
  tokenExpiresAfterCalls?: number
  /** Whether grant_type=password is enabled. Default true. */
  passwordGrant?: boolean
  /** Token requests must carry secure=1, as on GovCloud. Default false. */
  requireSecure?: boolean
  /** Each refresh returns a new refresh token and invalidates the old one. Default false. */
  rotateRefreshTokens?: boolean
  /** Workspace queries only succeed on the workspace's regional endpoint. Default false. */
  requireRegionalEndpoint?: boolean
  faults?: StandInFaults
  /** Answer as slowly as the latency model says, and refuse costly requests (HC0047). Default off. */
  latency?: LatencySetting
  /** TCP port to listen on (127.0.0.1). Default 0, any free port. */
  port?: number
}

export interface ResolvedOptions {
  seed: number
  componentCount: number
  maxPageSize: number
  workspaceHost: string
  authStyle: AuthStyle
  tokenExpiresAfterCalls: number | undefined
  passwordGrant: boolean
  requireSecure: boolean
  rotateRefreshTokens: boolean
  requireRegionalEndpoint: boolean
  faults: StandInFaults
  latency: LatencySetting | undefined
  port: number
}

export function resolveOptions(options: StandInOptions): ResolvedOptions {
  return {
    seed: options.seed ?? 1,
    componentCount: options.componentCount ?? 50,
    maxPageSize: options.maxPageSize ?? 100,
    workspaceHost: options.workspaceHost ?? 'acme.365.altium.com',
    authStyle: options.authStyle ?? 'altium-365',
    tokenExpiresAfterCalls: options.tokenExpiresAfterCalls,
    passwordGrant: options.passwordGrant ?? true,
    requireSecure: options.requireSecure ?? false,
    rotateRefreshTokens: options.rotateRefreshTokens ?? false,
    requireRegionalEndpoint: options.requireRegionalEndpoint ?? false,
    faults: { ...options.faults },
    latency: options.latency,
    port: options.port ?? 0
  }
}

/** Applies a partial update; keys present with `undefined` reset to the default. */
export function mergeOptions(
  current: ResolvedOptions,
  partial: Partial<StandInOptions>
): ResolvedOptions {
  const defaults = resolveOptions({}) as unknown as Record<string, unknown>
  const next = { ...current } as unknown as Record<string, unknown>
  for (const [key, value] of Object.entries(partial)) {
    if (key === 'library') continue
    next[key] =
      value === undefined
        ? defaults[key]
        : key === 'faults'
          ? { ...(value as StandInFaults) }
          : value
  }
  return next as unknown as ResolvedOptions
}
