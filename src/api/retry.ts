import type { Deadline } from './deadline.js'
import { DeadlineExceededError, RetryableError } from './errors.js'

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** Longest `Retry-After` honoured; a longer one is cut to this. */
  maxRetryAfterMs: number
  sleep(ms: number): Promise<void>
  random(): number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random
}

/**
 * Runs `attempt` until it succeeds, retrying `RetryableError`s with exponential backoff and full
 * jitter, or after the server's `Retry-After` when it gave one. Other errors pass straight through.
 * No wait reaches past the run's deadline: the run ends there, naming the last failure.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (error: RetryableError, delayMs: number, attemptNumber: number) => void = () => {},
  deadline?: Deadline
): Promise<T> {
  let lastFailure: RetryableError | undefined
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt()
    } catch (error) {
      // Time ran out during a retry: the failure being retried says more than the cut-off.
      if (error instanceof DeadlineExceededError && deadline && lastFailure) {
        throw deadline.exceeded(lastFailure.message).within({ requestId: lastFailure.requestId })
      }
      if (!(error instanceof RetryableError) || attemptNumber >= policy.attempts) throw error
      lastFailure = error
      const delayMs = retryDelay(error, attemptNumber, policy)
      if (deadline && delayMs >= deadline.remainingMs()) {
        throw deadline.exceeded(error.message).within({ requestId: error.requestId })
      }
      onRetry(error, delayMs, attemptNumber)
      await policy.sleep(delayMs)
    }
  }
}

export function retryDelay(
  error: RetryableError,
  attemptNumber: number,
  policy: RetryPolicy
): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxRetryAfterMs)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1))
  return Math.round(policy.random() * ceiling)
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
