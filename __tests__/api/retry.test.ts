import { describe, expect, it } from '@jest/globals'
import { AltiumApiError, RetryableError } from '../../src/api/errors.js'
import { parseRetryAfter, retryDelay, withRetry, type RetryPolicy } from '../../src/api/retry.js'

function policy(delays: number[], attempts = 4): RetryPolicy {
  return {
    attempts,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    maxRetryAfterMs: 5000,
    sleep: async (ms) => {
      delays.push(ms)
    },
    random: () => 1
  }
}

describe('retrying', () => {
  it('retries retryable failures with exponential backoff until one succeeds', async () => {
    const delays: number[] = []
    let calls = 0
    const result = await withRetry(async () => {
      calls++
      if (calls < 4) throw new RetryableError('503')
      return 'done'
    }, policy(delays))
    expect(result).toBe('done')
    expect(delays).toEqual([100, 200, 400])
  })

  it('honours Retry-After instead of the backoff, capped', async () => {
    const delays: number[] = []
    let calls = 0
    await withRetry(async () => {
      calls++
      if (calls === 1) throw new RetryableError('429', 2000)
      if (calls === 2) throw new RetryableError('429', 60_000)
      return 'ok'
    }, policy(delays))
    expect(delays).toEqual([2000, 5000])
  })

  it('gives up after the last attempt with the last failure', async () => {
    const delays: number[] = []
    await expect(
      withRetry(
        async () => {
          throw new RetryableError('still down')
        },
        policy(delays, 3)
      )
    ).rejects.toThrow('still down')
    expect(delays).toHaveLength(2)
  })

  it('does not retry other errors', async () => {
    let calls = 0
    await expect(
      withRetry(async () => {
        calls++
        throw new AltiumApiError('bad credentials')
      }, policy([]))
    ).rejects.toThrow('bad credentials')
    expect(calls).toBe(1)
  })

  it('spreads delays with jitter below the exponential ceiling', () => {
    const jittered = { ...policy([]), random: () => 0.5 }
    expect(retryDelay(new RetryableError('x'), 3, jittered)).toBe(200)
    expect(retryDelay(new RetryableError('x'), 20, jittered)).toBe(500)
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(parseRetryAfter(null)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
  })
})
