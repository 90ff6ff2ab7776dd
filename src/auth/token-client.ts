import { AltiumApiError, RetryableError } from '../api/errors.js'
import { fetchWithTimeout, isRetryableStatus, retryableStatusError } from '../api/http.js'
import { withRetry, type RetryPolicy } from '../api/retry.js'
import type { Logger } from '../logger.js'
import type { RunStats } from '../run-stats.js'
import { describeCredentials, type Credentials } from './credentials.js'

/** Hands out the bearer token and renews it when the API says it has expired. */
export interface TokenProvider {
  get(): Promise<string>
  /** A fresh token to replace `expired`; renews only once however many requests saw it expire. */
  renew(expired: string): Promise<string>
}

export interface TokenEndpoint {
  url: string
  /** GovCloud: `secure=1` on every request. */
  secure: boolean
  scope: string
  timeoutMs: number
  retry: RetryPolicy
}

/** Builds the provider for the credential set in use. */
export function createTokenProvider(
  credentials: Credentials,
  endpoint: TokenEndpoint,
  logger: Logger,
  stats: RunStats
): TokenProvider {
  return credentials.kind === 'access-token'
    ? new ReadyTokenProvider(credentials.accessToken)
    : new GrantTokenProvider(credentials, endpoint, logger, stats)
}

/** A long-lived token given by the user: nothing to renew it from. */
class ReadyTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {}

  async get(): Promise<string> {
    return this.token
  }

  async renew(): Promise<string> {
    throw new AltiumApiError(
      'The API says the token in `access-token` has expired or was revoked, and a ready token ' +
        'cannot be renewed. Create a new one in Altium 365 (Admin → Developer) and update the ' +
        'secret, or use the refresh-token set (`client-id`, `client-secret`, `refresh-token`).'
    )
  }
}

interface TokenResponse {
  access_token?: unknown
  refresh_token?: unknown
  expires_in?: unknown
}

/** Exchanges the refresh-token or password set at the token endpoint. */
class GrantTokenProvider implements TokenProvider {
  private current?: Promise<string>
  private readonly renewals = new Map<string, Promise<string>>()
  private refreshToken?: string

  constructor(
    private readonly credentials: Exclude<Credentials, { kind: 'access-token' }>,
    private readonly endpoint: TokenEndpoint,
    private readonly logger: Logger,
    private readonly stats: RunStats
  ) {
    if (credentials.kind === 'refresh-token') this.refreshToken = credentials.refreshToken
  }

  get(): Promise<string> {
    return this.current ?? this.startRequest()
  }

  /** Requests that saw the same token expire share one renewal. */
  renew(expired: string): Promise<string> {
    let renewal = this.renewals.get(expired)
    if (!renewal) {
      this.stats.tokenRenewals++
      this.logger.info('The access token expired; requesting a new one.')
      renewal = this.startRequest()
      this.renewals.set(expired, renewal)
    }
    return renewal
  }

  /** One token request at a time; a failed one is forgotten so that the next call tries again. */
  private startRequest(): Promise<string> {
    const request = this.requestToken()
    this.current = request
    request.catch(() => {
      if (this.current === request) this.current = undefined
    })
    return request
  }

  private async requestToken(): Promise<string> {
    const body = this.grantParameters()
    const response = await withRetry(
      async () => {
        this.stats.tokenRequests++
        const response = await fetchWithTimeout(
          this.endpoint.url,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              accept: 'application/json'
            },
            body
          },
          this.endpoint.timeoutMs
        )
        if (isRetryableStatus(response.status))
          throw retryableStatusError(this.endpoint.url, response)
        return { status: response.status, text: await response.text() }
      },
      this.endpoint.retry,
      (error, delayMs) => {
        this.stats.retries++
        this.logger.info(`Token request failed (${error.message}); retrying in ${delayMs} ms.`)
      }
    ).catch((error: unknown) => {
      if (error instanceof RetryableError) {
        throw new AltiumApiError(
          `The token endpoint ${this.endpoint.url} could not be reached after ` +
            `${this.endpoint.retry.attempts} tries: ${error.message}. Check \`token-url\` and the ` +
            'service status, then run again.'
        )
      }
      throw error
    })
    if (response.status !== 200) throw this.rejection(response.status, response.text)
    const token = parseJson(response.text) as TokenResponse | undefined
    if (typeof token?.access_token !== 'string' || token.access_token === '') {
      throw new AltiumApiError(
        `The token endpoint ${this.endpoint.url} answered without an access token. Check ` +
          '`token-url` points at the token endpoint of your realm.'
      )
    }
    this.logger.addSecret(token.access_token)
    this.keepRotatedRefreshToken(token.refresh_token)
    return token.access_token
  }

  private grantParameters(): URLSearchParams {
    const c = this.credentials
    const parameters = new URLSearchParams(
      c.kind === 'refresh-token'
        ? {
            grant_type: 'refresh_token',
            refresh_token: this.refreshToken ?? c.refreshToken,
            client_id: c.clientId,
            client_secret: c.clientSecret
          }
        : {
            grant_type: 'password',
            username: c.username,
            password: c.password,
            client_id: c.clientId,
            client_secret: c.clientSecret,
            scope: this.endpoint.scope
          }
    )
    if (this.endpoint.secure) parameters.set('secure', '1')
    return parameters
  }

  /** A server that rotates refresh tokens invalidates the old one: use the new one from now on. */
  private keepRotatedRefreshToken(returned: unknown): void {
    if (typeof returned !== 'string' || returned === '') return
    this.logger.addSecret(returned)
    if (this.credentials.kind !== 'refresh-token' || returned === this.refreshToken) return
    this.refreshToken = returned
    this.logger.warning(
      'The token endpoint rotated the refresh token. This run uses the new one, but the stored ' +
        'secret may stop working: if the next run fails with invalid_grant, create a new refresh ' +
        'token in Altium 365 (Admin → Developer) and update the secret.'
    )
  }

  private rejection(status: number, text: string): AltiumApiError {
    const body = parseJson(text) as { error?: unknown; error_description?: unknown } | undefined
    const code = typeof body?.error === 'string' ? body.error : `HTTP ${status}`
    const description =
      typeof body?.error_description === 'string' ? ` (${body.error_description})` : ''
    const used = describeCredentials(this.credentials)
    const what = this.credentials.kind === 'password' ? 'username and password' : 'refresh token'
    const advice: Record<string, string> = {
      invalid_grant:
        `The ${what} was refused: wrong, expired or revoked. Create a new one ` +
        '(Altium 365: Admin → Developer) and update the secret.',
      invalid_client:
        'The client id or client secret was refused. Check `client-id` and `client-secret` belong ' +
        'to the same app or token, and that `realm` matches where they were created.',
      unauthorized_client:
        `This client may not use the ${this.credentials.kind} grant. The password grant must be ` +
        'enabled for your app by Nexar; otherwise use a refresh token or a ready access token.',
      access_denied:
        'Access was denied. A GovCloud workspace needs `realm: altium-365-gov`; a Commercial one ' +
        'must not use it.'
    }
    return new AltiumApiError(
      `The token endpoint ${this.endpoint.url} rejected ${used}: ${code}${description}. ` +
        (advice[code] ?? 'Check the credentials and `token-url`.')
    )
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
