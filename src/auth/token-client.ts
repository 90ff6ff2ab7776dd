import type { Deadline } from '../api/deadline.js'
import { AltiumApiError, RetryableError, type TokenExpiredError } from '../api/errors.js'
import { requestWithTimeout, isRetryableStatus, retryableStatusError } from '../api/http.js'
import type { ProxySettings } from '../api/proxy.js'
import { withRetry, type RetryPolicy } from '../api/retry.js'
import type { Logger } from '../logger.js'
import type { RunStats } from '../run-stats.js'
import { describeCredentials, type Credentials } from './credentials.js'

/** Hands out the bearer token and renews it when the API says it has expired. */
export interface TokenProvider {
  get(): Promise<string>
  /**
   * A fresh token to replace `expired`, which the API refused as `rejection` says; renews only
   * once however many requests saw it expire.
   */
  renew(expired: string, rejection?: TokenExpiredError): Promise<string>
}

export interface TokenEndpoint {
  url: string
  /** GovCloud: `secure=1` on every request. */
  secure: boolean
  scope: string
  timeoutMs: number
  retry: RetryPolicy
  /** The run's deadline (`deadline-minutes`). */
  deadline?: Deadline
  /** The company proxy, if the runner names one. */
  proxy?: ProxySettings
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

  async renew(_expired: string, rejection?: TokenExpiredError): Promise<string> {
    const said = rejection ? ` (${rejection.message})` : ''
    const context = { requestId: rejection?.requestId }
    if (rejection?.reason === 'invalid') {
      throw new AltiumApiError(
        `The API refused the token in \`access-token\` as invalid${said}, and a ready token ` +
          'cannot be renewed. Either the workspace is hosted in another region and the request ' +
          'went to the wrong host (set `discover-endpoint: true`, or set `api-url` to the ' +
          "workspace's regional endpoint), or the token was revoked or created for another " +
          'workspace: create a new one in Altium 365 (Admin → Developer) and update the secret.',
        context
      )
    }
    throw new AltiumApiError(
      `The API says the token in \`access-token\` has expired or was revoked${said}, and a ready ` +
        'token cannot be renewed. Create a new one in Altium 365 (Admin → Developer) and update ' +
        'the secret, or use the refresh-token set (`client-id`, `client-secret`, `refresh-token`).',
      context
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
  renew(expired: string, rejection?: TokenExpiredError): Promise<string> {
    let renewal = this.renewals.get(expired)
    if (!renewal) {
      this.stats.tokenRenewals++
      this.logger.info(
        rejection?.reason === 'invalid'
          ? 'The API refused the access token as invalid; requesting a new one to try once more.'
          : 'The access token expired; requesting a new one.'
      )
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
    const url = this.endpoint.url
    const token = await withRetry(
      async () => {
        this.stats.tokenRequests++
        const response = await requestWithTimeout(
          url,
          {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              accept: 'application/json'
            },
            body
          },
          {
            timeoutMs: this.endpoint.timeoutMs,
            deadline: this.endpoint.deadline,
            proxy: this.endpoint.proxy
          }
        )
        if (isRetryableStatus(response.status)) throw retryableStatusError(url, response)
        const text = await response.text()
        if (response.status !== 200) throw this.rejection(response.status, text)
        const parsed = parseJson(text)
        // A cut-off or HTML answer (a proxy page) is a transport accident: try again.
        if (parsed === undefined) {
          const type = (response.headers.get('content-type') ?? 'no content type').split(';')[0]
          throw new RetryableError(
            `${url} answered HTTP 200 with a body that is not JSON (${type}, ${text.length} characters)`
          )
        }
        return parsed as TokenResponse
      },
      this.endpoint.retry,
      (error, delayMs) => {
        this.stats.retries++
        this.logger.info(`Token request failed (${error.message}); retrying in ${delayMs} ms.`)
      },
      this.endpoint.deadline
    ).catch((error: unknown) => {
      if (error instanceof RetryableError) {
        throw new AltiumApiError(
          `The token endpoint ${url} gave no usable answer after ` +
            `${this.endpoint.retry.attempts} tries: ${error.message}. Check \`token-url\` and the ` +
            'service status, then run again.',
          { endpoint: url }
        )
      }
      if (error instanceof AltiumApiError) throw error.within({ endpoint: url })
      throw error
    })
    if (typeof token?.access_token !== 'string' || token.access_token === '') {
      throw new AltiumApiError(
        `The token endpoint ${url} answered without an access token. Check ` +
          '`token-url` points at the token endpoint of your realm.',
        { endpoint: url }
      )
    }
    this.logger.addSecret(token.access_token, 'The access token the token endpoint returned')
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
    this.logger.addSecret(returned, 'The refresh token the token endpoint returned')
    if (this.credentials.kind !== 'refresh-token' || returned === this.refreshToken) return
    this.refreshToken = returned
    this.logger.warning(
      'The token endpoint rotated the refresh token. This run uses the new one until it ends, ' +
        'but the secret stored in `refresh-token` will stop working once the service drops the ' +
        'old token, and the action cannot update a GitHub secret. If a later run fails with ' +
        'invalid_grant, create a new refresh token in Altium 365 (Admin → Developer) and update ' +
        'the secret.'
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
        `The ${what} was refused: wrong, expired or revoked` +
        (this.credentials.kind === 'refresh-token'
          ? ', or replaced when the service rotated it in an earlier run'
          : '') +
        '. Create a new one (Altium 365: Admin → Developer) and update the secret.',
      invalid_client:
        'The client id or client secret was refused. Check `client-id` and `client-secret` belong ' +
        'to the same app or token, and that `realm` matches where they were created.',
      unauthorized_client:
        this.credentials.kind === 'password'
          ? 'The password grant must be enabled for your app by Nexar; until it is, use a ' +
            'refresh token or a ready access token.'
          : 'This client may not use the refresh-token grant: create the token in Altium 365 ' +
            '(Admin → Developer) with the Refresh Token option on, or use a ready access token.',
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
