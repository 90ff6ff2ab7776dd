import { AltiumGraphqlClient } from '../../src/api/graphql-client.js'
import type { RetryPolicy } from '../../src/api/retry.js'
import type { Credentials } from '../../src/auth/credentials.js'
import { createTokenProvider } from '../../src/auth/token-client.js'
import { Logger } from '../../src/logger.js'
import { newRunStats, type RunStats } from '../../src/run-stats.js'
import type { StandIn } from '../../local-altium/index.js'

/** A retry policy that retries at once, so tests of retries take no time. */
export const NO_WAIT: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxRetryAfterMs: 0,
  sleep: async () => {},
  random: () => 0
}

/** The refresh-token credential set of the stand-in. */
export function refreshCredentials(altium: StandIn): Credentials {
  const c = altium.credentials
  return {
    kind: 'refresh-token',
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    refreshToken: c.refreshToken
  }
}

/** A refresh-token grant posted straight to the stand-in's token endpoint, the way a client would. */
export function requestRefreshGrant(
  altium: StandIn,
  refreshToken = altium.credentials.refreshToken
): Promise<Response> {
  const c = altium.credentials
  return fetch(altium.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: c.clientId,
      client_secret: c.clientSecret
    })
  })
}

/** The action's GraphQL client, with its token provider, against the stand-in, in process. */
export function standInClient(
  altium: StandIn,
  options: {
    credentials?: Credentials
    endpoint?: string
    logger?: Logger
    retry?: RetryPolicy
  } = {}
): { client: AltiumGraphqlClient; stats: RunStats } {
  const stats = newRunStats()
  const logger = options.logger ?? new Logger()
  const retry = options.retry ?? NO_WAIT
  const tokens = createTokenProvider(
    options.credentials ?? refreshCredentials(altium),
    { url: altium.tokenUrl, secure: false, scope: 'design.domain', timeoutMs: 5000, retry },
    logger,
    stats
  )
  const client = new AltiumGraphqlClient(options.endpoint ?? altium.apiUrl, tokens, {
    retry,
    timeoutMs: 5000,
    logger,
    stats
  })
  return { client, stats }
}
