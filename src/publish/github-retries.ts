import type { Octokit } from '@octokit/core'
import type { Deadline } from '../api/deadline.js'
import type { Logger } from '../logger.js'

/** Tries after the first, for a 5xx answer and for a rate limit alike. */
export const MAX_GITHUB_RETRIES = 3
/** @octokit/plugin-retry waits (retry number)² × this before it tries a 5xx again. */
const SERVER_ERROR_WAIT_UNIT_MS = 1000

/** The per-request settings both plugins keep (`options.request`), by which a give-up is known. */
type RequestSettings = object
const stoppedByDeadline = new WeakSet<RequestSettings>()

/** Whether a wait of `waitMs` before retry number `retryCount + 1` is allowed. */
export function mayRetry(retryCount: number, waitMs: number, deadline: Deadline): boolean {
  return retryCount < MAX_GITHUB_RETRIES && waitMs < deadline.remainingMs()
}

/**
 * The Octokit options for @octokit/plugin-retry (5xx answers, waits of 1, 4 and 9 s) and
 * @octokit/plugin-throttling (primary and secondary rate limits, waits as GitHub's
 * `retry-after` and `x-ratelimit-reset` say): at most MAX_GITHUB_RETRIES each, and never a wait
 * that ends past the run's deadline (`deadline-minutes`).
 */
export function retryOptions(deadline: Deadline, logger: Logger) {
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method: string; url: string; request?: object },
      _: unknown,
      retryCount: number
    ) => {
      const retry = mayRetry(retryCount, retryAfter * 1000, deadline)
      if (retry) {
        logger.info(
          `GitHub's ${kind} held back ${options.method} ${options.url}; trying again in ` +
            `${retryAfter} s (retry ${retryCount + 1} of ${MAX_GITHUB_RETRIES}).`
        )
      } else if (retryCount < MAX_GITHUB_RETRIES && options.request) {
        stoppedByDeadline.add(options.request)
      }
      return retry
    }
  return {
    retry: { retries: MAX_GITHUB_RETRIES, retryAfterBaseValue: SERVER_ERROR_WAIT_UNIT_MS },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit')
    }
  }
}

/**
 * An Octokit plugin, given before @octokit/plugin-retry so that it sees each try: after a 5xx it
 * tells the retry plugin to stop when the next wait would end past the deadline, and logs a retry.
 */
export function deadlineBound(deadline: Deadline, logger: Logger) {
  return (octokit: Octokit): void => {
    octokit.hook.error('request', (error, options) => {
      const status = (error as { status?: number }).status ?? 0
      if (status < 500) throw error
      const settings = (options.request ?? {}) as { retryCount?: number; retries?: number }
      const retryCount = settings.retryCount ?? 0
      const waitMs = (retryCount + 1) ** 2 * SERVER_ERROR_WAIT_UNIT_MS
      if (!mayRetry(retryCount, waitMs, deadline)) {
        // The retry plugin reads this before it decides; no more tries for this request.
        settings.retries = retryCount
        if (retryCount < MAX_GITHUB_RETRIES) stoppedByDeadline.add(settings)
      } else {
        logger.info(
          `GitHub answered ${status} to ${options.method} ${options.url}; trying again in ` +
            `${waitMs / 1000} s (retry ${retryCount + 1} of ${MAX_GITHUB_RETRIES}).`
        )
      }
      options.request = settings
      throw error
    })
  }
}

/** How often a failed request was tried, and whether the deadline stopped further tries. */
export function retriesOf(error: unknown): { tries: number; stoppedByDeadline: boolean } {
  const settings = (error as { request?: { request?: { retryCount?: number } } }).request?.request
  return {
    tries: (settings?.retryCount ?? 0) + 1,
    stoppedByDeadline: settings !== undefined && stoppedByDeadline.has(settings)
  }
}
