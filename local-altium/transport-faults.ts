// Faults of the wire and the service in front of the gateway: error pages, rate limits, silence,
// resets, cut-off and non-JSON bodies, redirects. One roll per request keeps a seed repeatable.
import type { ServerResponse } from 'node:http'
import { gzipBomb } from './hostile-faults.js'
import { json, type Reply } from './http-io.js'
import type { StandInFaults } from './options.js'
import type { StandInState } from './state.js'

type Endpoint = 'graphql' | 'token'

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable'
}

/** What a load balancer in front of the gateway answers when the backend fails. */
export function htmlErrorPage(status: number): Reply {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body:
      `<html>\r\n<head><title>${title}</title></head>\r\n` +
      `<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
  }
}

function limitExceeded(status: number, requestId: string, headers: Record<string, string> = {}) {
  return json(
    status,
    {
      data: null,
      errors: [
        {
          message: 'Too many requests. Please retry later.',
          extensions: { code: 'LIMIT_EXCEEDED' }
        }
      ],
      extensions: { requestId }
    },
    headers
  )
}

/** No answer at all: the socket stays open until the client gives up (or the stand-in closes). */
function hang(): Reply {
  return { status: 0, body: '', deliver: () => {} }
}

/** Headers and half a body, then a TCP reset. */
function resetMidBody(): Reply {
  const body = JSON.stringify({ data: { desLibrary: { components: { totalCount: 1 } } } })
  return {
    status: 200,
    body: '',
    deliver: (res: ServerResponse) => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body))
      })
      res.write(body.slice(0, body.length / 2), () => {
        setTimeout(() => {
          const socket = res.socket
          if (socket && 'resetAndDestroy' in socket) socket.resetAndDestroy()
          else res.destroy()
        }, 10)
      })
    }
  }
}

/** A complete HTTP exchange whose JSON stops half way (content-length matches the short body). */
function truncated(whole: string): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: whole.slice(0, Math.floor(whole.length / 2))
  }
}

/** A proxy's sign-in page where JSON was expected. */
function notJson(): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form>…</form></body></html>\n'
  }
}

function redirect(location: string): Reply {
  return { status: 307, headers: { location }, body: '' }
}

function strikes(faults: StandInFaults, endpoint: Endpoint): boolean {
  const on = faults.transportFaultsOn ?? 'graphql'
  return on === 'both' || on === endpoint
}

function withinBudget(state: StandInState): boolean {
  const budget = state.options.faults.faultBudget
  return budget === undefined || state.stats.faultsInjected < budget
}

/** Rates side by side on one roll: the first range the roll falls in wins. */
function pick(
  state: StandInState,
  roll: number,
  ranges: [number | undefined, () => Reply][]
): Reply | undefined {
  let ceiling = 0
  for (const [rate, reply] of ranges) {
    ceiling += rate ?? 0
    if (roll < ceiling) {
      state.stats.faultsInjected++
      return reply()
    }
  }
  return undefined
}

/** `whole` is the JSON a truncated answer is cut from. */
function wireRanges(faults: StandInFaults, whole: string): [number | undefined, () => Reply][] {
  return [
    [faults.hangRate, hang],
    [faults.resetRate, resetMidBody],
    [faults.truncatedRate, () => truncated(whole)],
    [faults.notJsonRate, notJson]
  ]
}

/** The fault for this GraphQL request, if one strikes. */
export function graphqlFault(state: StandInState, requestId: string): Reply | undefined {
  const { faults } = state.options
  const roll = state.faultRng.next()
  if (!withinBudget(state)) return undefined
  if (faults.redirectTo && strikes(faults, 'graphql')) {
    state.stats.faultsInjected++
    return redirect(faults.redirectTo)
  }
  return pick(state, roll, [
    [faults.unavailableRate, () => htmlErrorPage(faults.unavailableStatus ?? 503)],
    [
      faults.rateLimitRate,
      () => limitExceeded(429, requestId, { 'retry-after': faults.retryAfter ?? '1' })
    ],
    [faults.limitExceededRate, () => limitExceeded(200, requestId)],
    [faults.gzipBombRate, () => gzipBomb(faults.gzipBombBytes)],
    ...(strikes(faults, 'graphql')
      ? wireRanges(
          faults,
          JSON.stringify({ data: { desLibrary: null }, extensions: { requestId } })
        )
      : [])
  ])
}

/** The fault for this token request, if one strikes. */
export function tokenFault(state: StandInState): Reply | undefined {
  const { faults } = state.options
  const roll = state.tokenFaultRng.next()
  if (!withinBudget(state)) return undefined
  if (faults.redirectTo && strikes(faults, 'token')) {
    state.stats.faultsInjected++
    return redirect(faults.redirectTo)
  }
  return pick(state, roll, [
    [faults.tokenUnavailableRate, () => htmlErrorPage(503)],
    ...(strikes(faults, 'token')
      ? wireRanges(
          faults,
          JSON.stringify({ token_type: 'Bearer', expires_in: 14400, scope: 'openid' })
        )
      : [])
  ])
}

/** `tokenError`: the credential was revoked or disabled after `tokenErrorAfterGrants` grants. */
export function refusedGrant(state: StandInState): Reply | undefined {
  const { tokenError, tokenErrorAfterGrants = 0 } = state.options.faults
  if (!tokenError) return undefined
  const granted = Object.values(state.stats.tokenGrants).reduce((sum, n) => sum + n, 0)
  if (granted < tokenErrorAfterGrants) return undefined
  state.stats.faultsInjected++
  const descriptions: Record<string, string> = {
    invalid_grant: 'The refresh token is invalid, expired or revoked.',
    invalid_client: 'Invalid client or client credentials.',
    unauthorized_client: 'The client is not allowed to use this grant type.',
    access_denied: 'Access denied.'
  }
  const extra = state.options.faults.hostileText ?? ''
  return json(
    400,
    { error: tokenError, error_description: `${descriptions[tokenError]}${extra}` },
    { 'cache-control': 'no-store' }
  )
}
