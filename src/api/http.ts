import type { Deadline } from './deadline.js'
import { AltiumApiError, RetryableError } from './errors.js'
import { jsonText } from './json-text.js'
import { parseRetryAfter } from './retry.js'

/** How long one request may take, and the run's deadline that cuts it shorter near the end. */
export interface RequestLimits {
  timeoutMs: number
  deadline?: Deadline
}

/**
 * An answer whose body has been read in full. It offers the part of `Response` that the token
 * client and graphql-request use; `text()` decodes with `Buffer`, several times faster than
 * `Response.text()` on the megabytes of a large library page, and a JSON body into one-byte
 * text (`jsonText`).
 */
export class BufferedResponse {
  readonly status: number
  readonly statusText: string
  readonly ok: boolean
  readonly headers: Headers

  constructor(
    response: Response,
    readonly body: Buffer
  ) {
    this.status = response.status
    this.statusText = response.statusText
    this.ok = response.ok
    this.headers = response.headers
  }

  async text(): Promise<string> {
    if (JSON_TYPE.test(this.headers.get('content-type') ?? '')) return jsonText(this.body)
    const text = this.body.toString('utf8')
    // Like Response.text(), drop a byte order mark.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  }
}

/** `application/json`, `application/graphql-response+json` and the like. */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i

/**
 * `fetch` with a time limit that covers the whole exchange, body included: a server that stops
 * half way times out like one that never answers. Transport failures (refused, reset, timed out)
 * become retryable errors naming the endpoint. Redirects are not followed, so that the token and
 * the client secret only ever go to the address configured.
 */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  limits: RequestLimits
): Promise<BufferedResponse> {
  const { timeoutMs, deadline } = limits
  const remaining = deadline ? deadline.remainingMs() : Infinity
  if (deadline && remaining <= 0) throw deadline.exceeded()
  const budgetMs = Math.min(timeoutMs, remaining)
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), budgetMs)
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', signal: controller.signal })
    const body = Buffer.from(await response.arrayBuffer())
    if (response.status >= 300 && response.status < 400) throw redirected(url, response)
    return new BufferedResponse(response, body)
  } catch (error) {
    if (error instanceof AltiumApiError) throw error
    if (controller.signal.aborted) {
      if (deadline && budgetMs < timeoutMs) throw deadline.exceeded(`${url} did not answer in time`)
      throw new RetryableError(`${url} did not answer within ${timeoutMs / 1000} s`)
    }
    throw transportError(url, error)
  } finally {
    clearTimeout(timer)
  }
}

export function transportError(url: string, error: unknown): RetryableError {
  const cause = error as {
    name?: string
    message?: string
    cause?: { code?: string; message?: string }
  }
  // fetch reports "fetch failed" or "terminated" and keeps the reason (ECONNREFUSED,
  // ECONNRESET, ENOTFOUND…) in its cause.
  const code = cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? 'unknown error'
  if (cause?.message === 'terminated') {
    return new RetryableError(
      `the connection to ${url} broke in the middle of its answer (${code})`
    )
  }
  return new RetryableError(`could not reach ${url} (${code})`)
}

/** A redirect is refused rather than followed: the credentials stay with the configured host. */
function redirected(url: string, response: Response): AltiumApiError {
  const location = response.headers.get('location') ?? ''
  let target = 'an address it did not name'
  try {
    const next = new URL(location, url)
    target = `${next.origin}${next.pathname}`
  } catch {
    // keep the neutral wording
  }
  return new AltiumApiError(
    `${url} answered HTTP ${response.status}, a redirect to ${target}. The action does not ` +
      'follow redirects, so that credentials only go to the addresses you configured: set ' +
      '`api-url` or `token-url` to the final https address if you trust it.',
    { endpoint: url }
  )
}

/** HTTP statuses that a later try may not see again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500
}

export function retryableStatusError(url: string, response: BufferedResponse): RetryableError {
  return new RetryableError(
    `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    parseRetryAfter(response.headers.get('retry-after'))
  )
}
