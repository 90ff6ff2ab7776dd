import { ClientError, GraphQLClient } from 'graphql-request'
import type { TokenProvider } from '../auth/token-client.js'
import type { Logger } from '../logger.js'
import type { RunStats } from '../run-stats.js'
import type { Deadline } from './deadline.js'
import {
  AltiumApiError,
  describeErrors,
  hasCode,
  RetryableError,
  TokenExpiredError,
  type GraphqlErrorEntry
} from './errors.js'
import { requestWithTimeout, isRetryableStatus } from './http.js'
import type { ProxySettings } from './proxy.js'
import { parseRetryAfter, withRetry, type RetryPolicy } from './retry.js'

export interface GraphqlResponse<T> {
  data: T | null | undefined
  errors?: GraphqlErrorEntry[]
  /** The service's `extensions.requestId`, for support requests. */
  requestId?: string
  /** Tries it took: more than one means the server failed or timed out in between. */
  tries?: number
}

export interface GraphqlClientOptions {
  retry: RetryPolicy
  /** How long one request may take (`request-timeout`). */
  timeoutMs: number
  /** The run's deadline (`deadline-minutes`): no request or retry reaches past it. */
  deadline?: Deadline
  /** The company proxy, if the runner names one. */
  proxy?: ProxySettings
  logger: Logger
  stats: RunStats
}

type Variables = Record<string, unknown>

/** A request refused for the number of items it asks for (`HC0051`) or its cost (`HC0047`). */
export const PAGE_SIZE_CODES = ['HC0051', 'HC0047', 'PAGINATION_MAX_ITEMS']

const EXPIRED_CODES = ['AUTH_EXPIRED_TOKEN']
/** Renewals one request may ask for before its token counts as not for this endpoint. */
const MAX_RENEWALS_PER_REQUEST = 2
const INVALID_CODES = ['AUTH_INVALID_TOKEN', 'AUTH_NOT_AUTHENTICATED']

/** What arrived over the wire, for messages about answers that are not GraphQL. */
interface WireAnswer {
  status: number
  contentType: string
  bytes: number
}

/**
 * The Altium GraphQL endpoint. Every request carries the bearer token, is retried on transient
 * failures, and renews the token once when the API says it has expired. GraphQL errors that the
 * caller must judge (page size, workspace access, partial data) come back in the response.
 */
export class AltiumGraphqlClient {
  constructor(
    readonly endpoint: string,
    private readonly tokens: TokenProvider,
    private readonly options: GraphqlClientOptions
  ) {}

  async request<T>(
    document: string,
    variables: Variables,
    kind: 'library' | 'other' = 'other'
  ): Promise<GraphqlResponse<T>> {
    const { retry, logger, stats, deadline } = this.options
    let lastRequestId: string | undefined
    let tries = 0
    return withRetry(
      async () => {
        tries++
        const token = await this.tokens.get()
        try {
          return { ...(await this.send<T>(document, variables, token, kind)), tries }
        } catch (error) {
          if (!(error instanceof TokenExpiredError)) throw error
          lastRequestId = error.requestId
          return { ...(await this.sendRenewed<T>(document, variables, token, error, kind)), tries }
        }
      },
      retry,
      (error, delayMs, attemptNumber) => {
        stats.retries++
        lastRequestId = error.requestId ?? lastRequestId
        logger.info(
          `Request ${attemptNumber} of ${retry.attempts} failed: ${error.message}; retrying in ${delayMs} ms.`
        )
      },
      deadline
    ).catch((error: unknown) => {
      if (error instanceof RetryableError) {
        throw new AltiumApiError(
          `The Altium API at ${this.endpoint} kept failing after ${retry.attempts} tries; the last ` +
            `failure: ${error.message}. This is usually a service outage or rate limit: run again ` +
            'later.',
          { endpoint: this.endpoint, requestId: error.requestId ?? lastRequestId }
        )
      }
      if (error instanceof AltiumApiError) {
        throw error.within({ endpoint: this.endpoint, requestId: lastRequestId })
      }
      throw error
    })
  }

  /**
   * Sends again with a token renewed from `expired`. A renewed token the API calls expired may have
   * been used up by the requests in flight beside this one, so it is renewed once more; one it
   * calls invalid, or a second renewal refused too, means the token is not for this endpoint.
   */
  private async sendRenewed<T>(
    document: string,
    variables: Variables,
    expired: string,
    rejection: TokenExpiredError,
    kind: 'library' | 'other'
  ): Promise<GraphqlResponse<T>> {
    let token = expired
    let reason = rejection
    for (let renewals = 1; ; renewals++) {
      token = await this.tokens.renew(token, reason)
      try {
        return await this.send<T>(document, variables, token, kind)
      } catch (again) {
        if (!(again instanceof TokenExpiredError)) throw again
        if (again.reason === 'invalid' || renewals >= MAX_RENEWALS_PER_REQUEST) {
          throw this.rejectedAfterRenewal(again)
        }
        reason = again
      }
    }
  }

  private async send<T>(
    document: string,
    variables: Variables,
    token: string,
    kind: 'library' | 'other'
  ): Promise<GraphqlResponse<T>> {
    this.options.stats.graphqlRequests++
    if (kind === 'library') this.options.stats.libraryRequests++
    let wire: WireAnswer | undefined
    const client = new GraphQLClient(this.endpoint, {
      headers: { authorization: `Bearer ${token}` },
      errorPolicy: 'all',
      fetch: async (url: string | URL | Request, init?: RequestInit) => {
        const response = await requestWithTimeout(
          url instanceof Request ? url.url : String(url),
          init ?? {},
          {
            timeoutMs: this.options.timeoutMs,
            deadline: this.options.deadline,
            proxy: this.options.proxy
          }
        )
        wire = {
          status: response.status,
          contentType: response.headers.get('content-type') ?? 'no content type',
          bytes: response.body.length
        }
        // graphql-request reads only status, headers and text().
        return response as unknown as Response
      }
    })
    let result: { data?: T; errors?: readonly GraphqlErrorEntry[]; extensions?: unknown }
    try {
      result = await client.rawRequest<T>(document, variables)
    } catch (error) {
      if (error instanceof ClientError) {
        // A page refused by the cost analysis never ran: GraphQL-over-HTTP answers 400, and the
        // caller asks again with a smaller page.
        const refused = refusedForSize<T>(error)
        if (refused) return refused
        throw this.classifyHttpFailure(error)
      }
      if (error instanceof RetryableError || error instanceof AltiumApiError) throw error
      throw new RetryableError(
        `${this.endpoint} answered ${wire ? `HTTP ${wire.status} ` : ''}with a body that is not ` +
          `GraphQL JSON${wire ? ` (${wire.contentType.split(';')[0]}, ${wire.bytes} bytes)` : ''}`
      )
    }
    const errors = result.errors ? [...result.errors] : undefined
    const requestId = requestIdOf(result.extensions)
    if (hasCode(errors, 'LIMIT_EXCEEDED')) {
      throw new RetryableError(
        `${this.endpoint} reported LIMIT_EXCEEDED (too many requests)`,
        undefined,
        requestId
      )
    }
    if (hasCode(errors, ...EXPIRED_CODES)) {
      throw new TokenExpiredError(describeErrors(errors ?? []), 'expired', requestId)
    }
    if (hasCode(errors, ...INVALID_CODES)) {
      throw new TokenExpiredError(describeErrors(errors ?? []), 'invalid', requestId)
    }
    return { data: result.data, errors, requestId }
  }

  private classifyHttpFailure(error: ClientError): Error {
    const { status, headers, errors, extensions } = error.response as {
      status: number
      headers?: Headers
      errors?: GraphqlErrorEntry[]
      extensions?: unknown
    }
    const requestId = requestIdOf(extensions)
    if (status === 401) {
      const reason = hasCode(errors, ...INVALID_CODES) ? 'invalid' : 'expired'
      return new TokenExpiredError(describeErrors(errors ?? []) || 'HTTP 401', reason, requestId)
    }
    if (isRetryableStatus(status)) {
      const limited = hasCode(errors, 'LIMIT_EXCEEDED') ? ' (LIMIT_EXCEEDED)' : ''
      return new RetryableError(
        `${this.endpoint} answered HTTP ${status}${limited}`,
        parseRetryAfter(headers?.get?.('retry-after') ?? null),
        requestId
      )
    }
    const said = errors?.length ? `: ${describeErrors(errors)}` : ''
    return new AltiumApiError(
      `The Altium API at ${this.endpoint} refused the request with HTTP ${status}${said}. ` +
        (status === 403 || status === 404
          ? 'The credentials have no access to this workspace or endpoint: check `workspace-url`, ' +
            '`api-url` and that the token was created in this workspace.'
          : 'Check `api-url` points at the GraphQL endpoint of your realm.'),
      { endpoint: this.endpoint, requestId }
    )
  }

  private rejectedAfterRenewal(error: TokenExpiredError): AltiumApiError {
    return new AltiumApiError(
      `The Altium API at ${this.endpoint} rejected a freshly issued token (${error.message}). ` +
        'The token is not valid for this endpoint: a workspace hosted in another region rejects ' +
        'tokens on the wrong host, so set `discover-endpoint: true` or set `api-url` to the ' +
        "workspace's regional endpoint; also check the token was created for this workspace.",
      { endpoint: this.endpoint, requestId: error.requestId }
    )
  }
}

function refusedForSize<T>(error: ClientError): GraphqlResponse<T> | undefined {
  const { status, errors, extensions } = error.response as {
    status: number
    errors?: GraphqlErrorEntry[]
    extensions?: unknown
  }
  if (status !== 400 || !hasCode(errors, ...PAGE_SIZE_CODES)) return undefined
  return { data: undefined, errors, requestId: requestIdOf(extensions) }
}

function requestIdOf(extensions: unknown): string | undefined {
  const id = (extensions as { requestId?: unknown } | undefined)?.requestId
  return typeof id === 'string' ? id : undefined
}
