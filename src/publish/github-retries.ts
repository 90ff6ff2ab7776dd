import type { Octokit } from '@octokit/core'
import type { Deadline } from '../api/deadline.js'
import type { Logger } from '../logger.js'

/** Tries after the first, for a 5xx answer and for a rate limit alike. */
export const MAX_GITHUB_RETRIES = 3
/** @octokit/plugin-retry waits (retry number)² × this before it tries a 5xx again. */
const SERVER_ERROR_WAIT_UNIT_MS = 1000

/** How one request (all its tries) went, for the message when it fails. */
interface Attempts {
  tries: number
  stoppedByDeadline: boolean
}
/** By the request's own settings object (`options.request`), the same one on every try. */
const attemptsOf = new WeakMap<object, Attempts>()
/** By the error a try ended with. */
const attemptsOfError = new WeakMap<object, Attempts>()

/** Whether a wait of `waitMs` before retry number `retryCount + 1` is allowed. */
export function mayRetry(retryCount: number, waitMs: number, deadline: Deadline): boolean {
  return retryCount < MAX_GITHUB_RETRIES && waitMs < deadline.remainingMs()
}

interface HookOptions {
  method: string
  url: string
  request?: object
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
    (retryAfter: number, options: HookOptions, _octokit: unknown, retryCount: number) => {
      const retry = mayRetry(retryCount, retryAfter * 1000, deadline)
      if (retry) {
        logger.info(
          `GitHub's ${kind} held back ${options.method} ${options.url}; trying again in ` +
            `${retryAfter} s (retry ${retryCount + 1} of ${MAX_GITHUB_RETRIES}).`
        )
      } else if (retryCount < MAX_GITHUB_RETRIES) {
        const attempts = options.request && attemptsOf.get(options.request)
        if (attempts) attempts.stoppedByDeadline = true
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
 * An Octokit plugin, given before @octokit/plugin-retry so that it wraps each try: it counts the
 * tries, and after a 5xx it tells the retry plugin to stop when the next wait would end past the
 * deadline, or logs the retry.
 */
export function deadlineBound(deadline: Deadline, logger: Logger) {
  return (octokit: Octokit): void => {
    octokit.hook.wrap('request', async (request, options) => {
      options.request ??= {}
      const settings = options.request as { retries?: number }
      const attempts = attemptsOf.get(settings) ?? { tries: 0, stoppedByDeadline: false }
      attemptsOf.set(settings, attempts)
      attempts.tries++
      try {
        return await request(options)
      } catch (error) {
        if (error !== null && typeof error === 'object') attemptsOfError.set(error, attempts)
        const status = (error as { status?: number }).status ?? 0
        if (status >= 500) {
          // @octokit/plugin-retry waits (retry number)² units before the next try.
          const retryCount = attempts.tries - 1
          const waitMs = attempts.tries ** 2 * SERVER_ERROR_WAIT_UNIT_MS
          if (mayRetry(retryCount, waitMs, deadline)) {
            logger.info(
              `GitHub answered ${status} to ${options.method} ${options.url}; trying again in ` +
                `${waitMs / 1000} s (retry ${attempts.tries} of ${MAX_GITHUB_RETRIES}).`
            )
          } else {
            // The retry plugin reads this before it decides: no more tries for this request.
            settings.retries = retryCount
            attempts.stoppedByDeadline = retryCount < MAX_GITHUB_RETRIES
          }
        }
        throw error
      }
    })
  }
}

/** How often a failed request was tried, and whether the deadline stopped further tries. */
export function retriesOf(error: unknown): Attempts {
  const attempts = error !== null && typeof error === 'object' && attemptsOfError.get(error)
  return attempts ? { ...attempts } : { tries: 1, stoppedByDeadline: false }
}
