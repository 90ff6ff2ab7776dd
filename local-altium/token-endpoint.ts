// POST /connect/token, shaped like the IdentityServer behind auth.altium.com / identity.nexar.com.
import type { IncomingHttpHeaders } from 'node:http'
import { workspaceScopes } from './identity.js'
import { json, type Reply } from './http-io.js'
import { echoedForm } from './hostile-faults.js'
import { refusedGrant, tokenFault } from './transport-faults.js'
import type { StandInState } from './state.js'
import type { StandInRequestRecord } from './stats.js'

const A365_LIFETIME_SECONDS = 14400
const NEXAR_LIFETIME_SECONDS = 86400

type OAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'access_denied'

function oauthError(error: OAuthError, description: string): Reply {
  return json(400, { error, error_description: description }, { 'cache-control': 'no-store' })
}

/** Client credentials from HTTP Basic (client_secret_basic) or the form (client_secret_post). */
function clientCredentials(
  authorization: string | undefined,
  form: URLSearchParams
): { id: string; secret: string } | null {
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '')
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon < 0) return null
    const unescape = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '))
    try {
      return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) }
    } catch {
      return null
    }
  }
  const id = form.get('client_id')
  return id === null ? null : { id, secret: form.get('client_secret') ?? '' }
}

function issuer(state: StandInState): string {
  if (state.options.requireSecure) return 'https://auth.365-gov.altium.com'
  return state.options.authStyle === 'nexar'
    ? 'https://identity.nexar.com'
    : 'https://auth.altium.com'
}

export function handleTokenRequest(
  state: StandInState,
  headers: IncomingHttpHeaders,
  body: string,
  log: StandInRequestRecord
): Reply {
  const { options, stats, tokens, identity } = state
  stats.tokenRequests++
  const fault = tokenFault(state) ?? refusedGrant(state)
  if (fault) return fault
  if (options.faults.tokenEchoesForm) {
    stats.faultsInjected++
    return echoedForm(body)
  }
  if (
    !(headers['content-type'] ?? '').toLowerCase().includes('application/x-www-form-urlencoded')
  ) {
    return oauthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded')
  }
  const form = new URLSearchParams(body)
  const grantType = form.get('grant_type') ?? undefined
  log.grantType = grantType
  if (options.requireSecure && form.get('secure') !== '1') {
    return oauthError('access_denied', 'This realm requires secure=1 on every token request.')
  }
  const client = clientCredentials(headers.authorization, form)
  const { credentials } = identity
  if (!client || client.id !== credentials.clientId || client.secret !== credentials.clientSecret) {
    return oauthError('invalid_client', 'Invalid client or client credentials.')
  }
  if (!grantType) return oauthError('invalid_request', 'grant_type is missing.')

  let refreshToken: string
  if (grantType === 'refresh_token') {
    const presented = form.get('refresh_token')
    if (!presented) return oauthError('invalid_request', 'refresh_token is missing.')
    if (!tokens.isRefreshTokenValid(presented)) {
      return oauthError('invalid_grant', 'The refresh token is invalid, expired or revoked.')
    }
    refreshToken = options.rotateRefreshTokens ? tokens.rotateRefreshToken(presented) : presented
    if (refreshToken !== presented) stats.issuedRefreshTokens.push(refreshToken)
  } else if (grantType === 'password') {
    if (!options.passwordGrant) {
      return oauthError(
        'unauthorized_client',
        'The client is not allowed to use the password grant.'
      )
    }
    const username = form.get('username')
    const password = form.get('password')
    if (!username || !password)
      return oauthError('invalid_request', 'username and password are required.')
    if (username !== credentials.username || password !== credentials.password) {
      return oauthError('invalid_grant', 'invalid_username_or_password')
    }
    refreshToken = credentials.refreshToken
  } else if (grantType === 'client_credentials') {
    return oauthError(
      'unauthorized_client',
      'The client is not allowed to use client_credentials for design data.'
    )
  } else {
    return oauthError('unsupported_grant_type', `Grant type '${grantType}' is not supported.`)
  }

  const lifetimeSeconds =
    options.authStyle === 'nexar' ? NEXAR_LIFETIME_SECONDS : A365_LIFETIME_SECONDS
  const accessToken = tokens.issueAccessToken({
    clientId: client.id,
    issuer: issuer(state),
    lifetimeSeconds,
    secure: options.requireSecure
  })
  stats.tokenGrants[grantType] = (stats.tokenGrants[grantType] ?? 0) + 1
  stats.issuedTokens.push(accessToken)
  return json(
    200,
    {
      access_token: accessToken,
      expires_in: lifetimeSeconds,
      token_type: 'Bearer',
      refresh_token: refreshToken,
      scope: workspaceScopes(identity.authId).join(' ')
    },
    { 'cache-control': 'no-store', pragma: 'no-cache' }
  )
}
