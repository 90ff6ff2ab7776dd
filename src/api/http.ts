import { RetryableError } from './errors.js'
import { parseRetryAfter } from './retry.js'

/**
 * `fetch` with a deadline. Transport failures (refused, reset, timed out) become retryable errors
 * that name the endpoint; the body of a successful exchange is returned with the response.
 */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  timeoutMs: number
): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
  } catch (error) {
    throw transportError(url, error, timeoutMs)
  }
}

export function transportError(url: string, error: unknown, timeoutMs: number): RetryableError {
  const cause = error as {
    name?: string
    message?: string
    cause?: { code?: string; message?: string }
  }
  if (cause?.name === 'TimeoutError' || cause?.name === 'AbortError') {
    return new RetryableError(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`)
  }
  // fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND…) in its cause.
  const code = cause?.cause?.code ?? cause?.cause?.message ?? cause?.message ?? 'unknown error'
  return new RetryableError(`could not reach ${url} (${code})`)
}

/** HTTP statuses that a later try may not see again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500
}

export function retryableStatusError(url: string, response: Response): RetryableError {
  return new RetryableError(
    `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    parseRetryAfter(response.headers.get('retry-after'))
  )
}
