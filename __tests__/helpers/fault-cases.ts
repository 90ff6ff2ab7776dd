/**
 * Every fault the local Altium stand-in can throw, as one table: the switches, the inputs, and
 * what the action must do. `faults.e2e.test.ts` runs each row through the built action;
 * `scripts/fault-figures.ts` counts them for docs/troubleshooting.md#how-much-of-this-is-tested.
 * Publishing faults join as more rows (their switches live in their own stand-ins, reached through
 * `prepare` and `inputs`).
 */
import { DEFAULT_CONCURRENCY } from '../../src/constants.js'
import type { FaultCase, FaultCaseResult, SharedServers } from './fault-run.js'
import { HOSTILE_FAILING, HOSTILE_SURVIVED } from './hostile-cases.js'
import { requestRefreshGrant } from './stand-in-client.js'

/** Faults strike until this many have been injected, so that a run can get through them. */
const BUDGET = 3
/** A deadline of 3 s, for faults that never stop: the run must end there, not hang. */
const SHORT_DEADLINE = { 'deadline-minutes': '0.05', 'request-timeout': '1' }
/** Long enough for a healthy answer on a loaded machine, short enough to keep hangs cheap. */
const HANG_TIMEOUT = { 'request-timeout': '2' }
/** Discovery on: the stand-in's inputs say `realm: altium-365`, where `auto` leaves it off. */
const DISCOVERY = { 'discover-endpoint': 'true' }

/**
 * Every expiry led to exactly one renewal: one new grant per "expired" log line, besides the
 * first. (A token request abandoned after its time limit may still have been granted.)
 */
function renewedOncePerExpiry(result: FaultCaseResult): string[] {
  const problems: string[] = []
  if (result.renewals < 1) problems.push('no token renewal happened')
  const expected = result.renewals + 1
  if (result.tokenGrants < expected || result.tokenGrants > expected + result.tokenRetries) {
    problems.push(`${result.tokenGrants} grants for ${result.renewals} renewals`)
  }
  return problems
}

function answered401(times: (n: number) => boolean) {
  return (result: FaultCaseResult): string[] => {
    const n = result.statuses.filter((status) => status === 401).length
    return times(n) ? [] : [`${n} answers were HTTP 401`]
  }
}

function retried(result: FaultCaseResult): string[] {
  return result.retries > 0 && result.faultsInjected > 0
    ? []
    : [`${result.retries} retries after ${result.faultsInjected} faults`]
}

function nothingReachedForeign(_result: FaultCaseResult, shared: SharedServers): string[] {
  return shared.foreign.requests.length === 0
    ? []
    : [`${shared.foreign.requests.length} requests reached the foreign server`]
}

function endedWithin(seconds: number) {
  return (result: FaultCaseResult): string[] =>
    result.elapsedMs < seconds * 1000 ? [] : [`took ${result.elapsedMs} ms`]
}

function all(...checks: ((result: FaultCaseResult, shared: SharedServers) => string[])[]) {
  return (result: FaultCaseResult, shared: SharedServers) =>
    checks.flatMap((check) => check(result, shared))
}

/** Faults the action gets through: the file must be the same bytes as an undisturbed run's. */
export const SURVIVED_FAULTS: FaultCase[] = [
  ...([500, 502, 503] as const).map((status): FaultCase => ({
    behaviour: `retries HTTP ${status} HTML error pages`,
    standIn: { faults: { unavailableRate: 0.5, unavailableStatus: status, faultBudget: BUDGET } },
    outcome: 'survives',
    message: new RegExp(`answered HTTP ${status}; retrying in \\d+ ms`),
    check: retried
  })),
  {
    behaviour: 'waits out 429 LIMIT_EXCEEDED for the Retry-After seconds',
    standIn: { faults: { rateLimitRate: 0.5, retryAfter: '1', faultBudget: 2 } },
    outcome: 'survives',
    message: /answered HTTP 429 \(LIMIT_EXCEEDED\); retrying in 1000 ms/,
    check: retried
  },
  {
    behaviour: 'honours a Retry-After given as an HTTP date',
    standIn: () => ({
      faults: {
        rateLimitRate: 0.5,
        retryAfter: new Date(Date.now() + 1000).toUTCString(),
        faultBudget: 1
      }
    }),
    outcome: 'survives',
    message: /answered HTTP 429 \(LIMIT_EXCEEDED\); retrying in \d+ ms/,
    check: retried
  },
  {
    behaviour: 'retries LIMIT_EXCEEDED sent in an HTTP 200 answer',
    standIn: { faults: { limitExceededRate: 0.5, faultBudget: BUDGET } },
    outcome: 'survives',
    message: /reported LIMIT_EXCEEDED \(too many requests\); retrying/,
    check: retried
  },
  {
    behaviour: 'abandons a request that hangs after request-timeout and retries it',
    standIn: { faults: { hangRate: 0.4, faultBudget: 2 } },
    inputs: HANG_TIMEOUT,
    outcome: 'survives',
    message: /did not answer within 2 s; retrying/,
    check: retried
  },
  {
    behaviour: 'retries an answer cut off by a connection reset',
    standIn: { faults: { resetRate: 0.5, faultBudget: BUDGET } },
    outcome: 'survives',
    message: /broke in the middle of its answer \(ECONNRESET\); retrying/,
    check: retried
  },
  {
    behaviour: 'retries a truncated JSON body',
    standIn: { faults: { truncatedRate: 0.5, faultBudget: BUDGET } },
    outcome: 'survives',
    message: /answered HTTP 200 with a body that is not GraphQL JSON \(application\/json/,
    check: retried
  },
  {
    behaviour: 'retries an HTML page where JSON was expected',
    standIn: { faults: { notJsonRate: 0.5, faultBudget: BUDGET } },
    outcome: 'survives',
    message: /answered HTTP 200 with a body that is not GraphQL JSON \(text\/html/,
    check: retried
  },
  {
    behaviour: 'retries the token endpoint when it answers 503',
    standIn: { tokenExpiresAfterCalls: 2, faults: { tokenUnavailableRate: 0.5, faultBudget: 2 } },
    outcome: 'survives',
    message: /Token request failed \(.*HTTP 503.*\); retrying/,
    check: retried
  },
  {
    behaviour: 'abandons a hanging token request and retries it',
    standIn: { faults: { hangRate: 1, transportFaultsOn: 'token', faultBudget: 1 } },
    inputs: HANG_TIMEOUT,
    outcome: 'survives',
    message: /Token request failed \(.*did not answer within 2 s\); retrying/,
    check: retried
  },
  {
    behaviour: 'retries token answers that are reset, truncated or not JSON',
    standIn: {
      tokenExpiresAfterCalls: 2,
      faults: {
        resetRate: 0.25,
        truncatedRate: 0.25,
        notJsonRate: 0.25,
        transportFaultsOn: 'token',
        faultBudget: BUDGET
      }
    },
    outcome: 'survives',
    message: /Token request failed \(.*(ECONNRESET|not JSON)/,
    check: retried
  },
  {
    behaviour: 'continues with the page size HC0051 allows',
    standIn: { maxPageSize: 7 },
    outcome: 'survives',
    message: /refused the page size; continuing with 7 per page/
  },
  {
    behaviour: 'halves the page size while HC0047 says a page costs too much',
    standIn: { faults: { costLimit: 300 } },
    outcome: 'survives',
    message: /continuing with 10 per page[\s\S]*continuing with 5 per page/
  },
  {
    behaviour: 'renews once per expiry on HTTP 401 AUTH_EXPIRED_TOKEN',
    standIn: { tokenExpiresAfterCalls: 2 },
    // One request at a time, so that each 401 is one expiry (requests in flight together share
    // one renewal, and each of them would count a 401).
    inputs: { concurrency: '1' },
    outcome: 'survives',
    message: /The access token expired; requesting a new one/,
    // Requests in flight together (a page beside a batch of details) may each see the expired
    // token: at least one 401 per renewal, and never more than the requests allowed at once.
    check: all(renewedOncePerExpiry, (result) =>
      answered401((n) => n >= result.renewals && n <= result.renewals * DEFAULT_CONCURRENCY)(result)
    )
  },
  {
    behaviour: 'renews once per expiry on HTTP 200 AuthExpiredToken (Nexar), password set',
    standIn: { authStyle: 'nexar', tokenExpiresAfterCalls: 2 },
    credentials: 'password',
    outcome: 'survives',
    message: /The access token expired; requesting a new one/,
    check: all(
      renewedOncePerExpiry,
      answered401((n) => n === 0)
    )
  },
  {
    behaviour: 'renews once per expiry on HTTP 200 AUTH_EXPIRED_TOKEN',
    standIn: {
      tokenExpiresAfterCalls: 2,
      faults: { authErrorStatus: 200, authErrorSpelling: 'upper-snake' }
    },
    outcome: 'survives',
    message: /The access token expired; requesting a new one/,
    check: all(
      renewedOncePerExpiry,
      answered401((n) => n === 0)
    )
  },
  {
    behaviour: 'renews once per expiry on HTTP 401 AuthExpiredToken',
    standIn: {
      tokenExpiresAfterCalls: 2,
      faults: { authErrorStatus: 401, authErrorSpelling: 'pascal' }
    },
    outcome: 'survives',
    message: /The access token expired; requesting a new one/,
    check: renewedOncePerExpiry
  },
  {
    behaviour: 'uses a rotated refresh token for the rest of the run and warns about the secret',
    standIn: { rotateRefreshTokens: true, tokenExpiresAfterCalls: 2 },
    outcome: 'survives',
    message:
      /::warning::The token endpoint rotated the refresh token\. This run uses the new one .*will stop working/,
    check: renewedOncePerExpiry
  },
  {
    behaviour: 'warns when totalCount disagrees with the rows that arrived',
    standIn: { faults: { totalCountOffset: 3 } },
    outcome: 'survives',
    message: /::warning::The server said the library holds 123 components but 120 arrived/
  },
  {
    behaviour: 'avoids the wrong-region AuthInvalidToken by discovering the regional endpoint',
    standIn: { requireRegionalEndpoint: true },
    inputs: DISCOVERY,
    outcome: 'survives',
    message: /hosted in Europe; using http:\/\/127\.0\.0\.1:\d+\/regional\/eur\/api\/graphql/,
    check: (result) =>
      result.run.outputs['api-url'] === result.regionalApiUrl
        ? []
        : [`api-url output ${result.run.outputs['api-url']}`]
  },
  {
    behaviour: 'gets through every kind of fault at once',
    standIn: {
      tokenExpiresAfterCalls: 3,
      faults: {
        unavailableRate: 0.1,
        rateLimitRate: 0.05,
        retryAfter: '0',
        limitExceededRate: 0.05,
        hangRate: 0.05,
        resetRate: 0.05,
        truncatedRate: 0.05,
        notJsonRate: 0.05,
        faultBudget: 6
      }
    },
    inputs: HANG_TIMEOUT,
    outcome: 'survives',
    message: /retrying in \d+ ms[\s\S]*requesting a new one/,
    check: retried
  },
  {
    behaviour: 'stays on api-url when a discovered endpoint is of another provider',
    standIn: { faults: { discoveredApiUrl: 'https://api.attacker.example/graphql' } },
    inputs: DISCOVERY,
    outcome: 'survives',
    message:
      /::notice::Endpoint discovery named https:\/\/api\.attacker\.example\/graphql, which is not an https address under the same provider.*not sent there, and the export stays on http:\/\/127\.0\.0\.1:\d+\/graphql/,
    check: (result) =>
      /^http:\/\/127\.0\.0\.1:\d+\/graphql$/.test(result.run.outputs['api-url'] ?? '')
        ? []
        : [`api-url output ${result.run.outputs['api-url']}`]
  },
  ...HOSTILE_SURVIVED
]

/** Faults no retry can fix: one clear message, and the previous CSV exactly as it was. */
export const FAILING_FAULTS: FaultCase[] = [
  {
    behaviour: 'ends at the deadline when every answer is a 503 page',
    standIn: { faults: { unavailableRate: 1 } },
    inputs: SHORT_DEADLINE,
    outcome: 'fails',
    message: /(did not finish within 3 s|kept failing after 8 tries).*HTTP 503.*run again later/,
    check: endedWithin(30)
  },
  {
    behaviour: 'gives up after 8 tries of 429 LIMIT_EXCEEDED',
    standIn: { faults: { rateLimitRate: 1, retryAfter: '0' } },
    outcome: 'fails',
    message:
      /kept failing after 8 tries; the last failure: .*HTTP 429 \(LIMIT_EXCEEDED\).*run again later.*request id [\w-]+\)/
  },
  {
    behaviour: 'fails within its deadline when the API hangs',
    standIn: { faults: { hangRate: 1 } },
    inputs: SHORT_DEADLINE,
    outcome: 'fails',
    message:
      /did not finish within 3 s \(`deadline-minutes`\).*did not answer.*run again later.*raise `deadline-minutes`/,
    check: endedWithin(30)
  },
  {
    behaviour: 'fails within its deadline when the token endpoint hangs',
    standIn: { faults: { hangRate: 1, transportFaultsOn: 'token' } },
    inputs: SHORT_DEADLINE,
    outcome: 'fails',
    message:
      /did not finish within 3 s.*connect\/token did not answer.*run again later.*endpoint http:\/\/127\.0\.0\.1:\d+\/connect\/token/,
    check: endedWithin(30)
  },
  {
    behaviour: 'names the reset when every answer breaks off',
    standIn: { faults: { resetRate: 1 } },
    inputs: SHORT_DEADLINE,
    outcome: 'fails',
    message:
      /(did not finish within 3 s|kept failing after 8 tries).*broke in the middle of its answer.*run again later/
  },
  {
    behaviour: 'names the body when every answer is an HTML page',
    standIn: { faults: { notJsonRate: 1 } },
    inputs: SHORT_DEADLINE,
    outcome: 'fails',
    message:
      /(did not finish within 3 s|kept failing after 8 tries).*not GraphQL JSON \(text\/html.*run again later/
  },
  {
    behaviour: 'names the address when nothing listens there',
    inputs: ({ closedUrl }) => ({ ...SHORT_DEADLINE, 'api-url': closedUrl }),
    outcome: 'fails',
    message:
      /(did not finish within 3 s|kept failing after 8 tries).*could not reach http:\/\/127\.0\.0\.1:\d+\/graphql \(ECONNREFUSED\).*run again later/
  },
  {
    behaviour: 'stops on a cursor that does not advance',
    standIn: { faults: { stuckCursor: true } },
    outcome: 'fails',
    message:
      /cursor that does not advance.*no file was written.*report it to Altium with the request id.*request id [\w-]+\)/
  },
  {
    behaviour: 'stops when hasNextPage never ends',
    standIn: { faults: { endlessPages: true } },
    outcome: 'fails',
    message:
      /(kept saying there is a next page|cursor that does not advance).*no file was written.*Run again/
  },
  {
    behaviour: 'refuses partial data and lists the errors',
    standIn: { faults: { partialData: true } },
    outcome: 'fails',
    message:
      /returned errors for https:\/\/acme\.365\.altium\.com\/: The folder service did not answer\. \(DOWNSTREAM_SERVICE_ERROR\).*No file was written.*request id [\w-]+\)/
  },
  {
    behaviour: 'stops when HC0051 refuses even one component per page',
    standIn: { maxPageSize: 0 },
    outcome: 'fails',
    message: /refused even a page of one component: .*\(HC0051\).*Report it to Altium/
  },
  {
    behaviour: 'names the refresh-token set and the fix on invalid_grant',
    inputs: { 'refresh-token': 'wrong-refresh-token-value' },
    outcome: 'fails',
    message:
      /rejected the refresh-token set .*: invalid_grant.*Create a new one .*update the secret.*endpoint http:\/\/127\.0\.0\.1:\d+\/connect\/token, no request id\)/
  },
  {
    behaviour: 'explains invalid_grant when the refresh token is revoked mid-export',
    standIn: {
      tokenExpiresAfterCalls: 2,
      faults: { tokenError: 'invalid_grant', tokenErrorAfterGrants: 1 }
    },
    outcome: 'fails',
    message: /invalid_grant.*refresh token was refused: wrong, expired or revoked.*Create a new one/
  },
  {
    behaviour: 'says a stored refresh token stops working once an earlier run rotated it',
    standIn: { rotateRefreshTokens: true },
    prepare: async ({ altium }) => {
      // The previous run: its refresh exchanged the stored token for a new one.
      await requestRefreshGrant(altium)
    },
    outcome: 'fails',
    message:
      /invalid_grant.*replaced when the service rotated it in an earlier run.*Create a new one/
  },
  {
    behaviour: 'names the client credentials on invalid_client',
    standIn: { faults: { tokenError: 'invalid_client' } },
    outcome: 'fails',
    message: /invalid_client.*Check `client-id` and `client-secret`.*`realm`/
  },
  {
    behaviour: 'says the password grant must be enabled on unauthorized_client',
    standIn: { passwordGrant: false },
    credentials: 'password',
    outcome: 'fails',
    message: /rejected the password set .*unauthorized_client.*password grant must be enabled/
  },
  {
    behaviour: 'says how to get a refresh token the app may use on unauthorized_client',
    standIn: { faults: { tokenError: 'unauthorized_client' } },
    outcome: 'fails',
    message: /unauthorized_client.*Refresh Token option on/
  },
  {
    behaviour: 'names the realm when a GovCloud token endpoint answers access_denied',
    standIn: { requireSecure: true },
    outcome: 'fails',
    message: /access_denied.*`realm: altium-365-gov`/
  },
  {
    behaviour: 'names the workspace and endpoint on AUTH_WORKSPACE_ACCESS',
    standIn: { faults: { workspaceAccessDenied: true } },
    outcome: 'fails',
    message:
      /The workspace https:\/\/acme\.365\.altium\.com\/ cannot be accessed through http:\/\/127\.0\.0\.1:\d+\/graphql.*Check `workspace-url`.*request id [\w-]+\)/
  },
  {
    behaviour: 'names a workspace the credentials cannot open',
    inputs: { ...DISCOVERY, 'workspace-url': 'https://globex-electronics-7731.365.altium.com/' },
    outcome: 'fails',
    message:
      /The workspace https:\/\/globex-electronics-7731\.365\.altium\.com\/ cannot be accessed through .*\/regional\/usw\/api\/graphql.*token was created in this workspace/
  },
  {
    behaviour: 'explains the wrong-region AuthInvalidToken when discovery is off',
    standIn: { requireRegionalEndpoint: true },
    inputs: { 'discover-endpoint': 'false' },
    outcome: 'fails',
    message:
      /rejected a freshly issued token \(.*AuthInvalidToken.*another region.*`discover-endpoint: true`.*request id [\w-]+\)/
  },
  {
    behaviour: 'explains the wrong-region AuthInvalidToken for a ready token',
    standIn: { requireRegionalEndpoint: true },
    inputs: { 'discover-endpoint': 'false' },
    credentials: 'access-token',
    outcome: 'fails',
    message:
      /refused the token in `access-token` as invalid .*AuthInvalidToken.*another region.*`discover-endpoint: true`/
  },
  {
    behaviour: 'says a ready token that the API refuses cannot be renewed',
    inputs: { 'access-token': 'revoked-access-token-value' },
    credentials: 'access-token',
    outcome: 'fails',
    message: /cannot be renewed.*create a new one in Altium 365/
  },
  {
    behaviour: 'refuses a redirect of the API instead of sending the token elsewhere',
    standIn: ({ foreign }) => ({ faults: { redirectTo: foreign.url } }),
    outcome: 'fails',
    message:
      /answered HTTP 307, a redirect to http:\/\/127\.0\.0\.1:\d+\/graphql\. The action does not follow redirects/,
    check: nothingReachedForeign
  },
  {
    behaviour: 'refuses a redirect of the token endpoint instead of sending the secret elsewhere',
    standIn: ({ foreign }) => ({ faults: { redirectTo: foreign.url, transportFaultsOn: 'token' } }),
    outcome: 'fails',
    message:
      /connect\/token answered HTTP 307, a redirect to .*does not follow redirects.*`token-url`/,
    check: nothingReachedForeign
  },
  ...HOSTILE_FAILING
]
