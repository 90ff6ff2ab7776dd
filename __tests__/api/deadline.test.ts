import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from '@jest/globals'
import { Deadline, formatDuration } from '../../src/api/deadline.js'
import { DeadlineExceededError, RetryableError } from '../../src/api/errors.js'
import { requestWithTimeout } from '../../src/api/http.js'
import { withRetry, type RetryPolicy } from '../../src/api/retry.js'

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

function recordingPolicy(delays: number[], advance: (ms: number) => void): RetryPolicy {
  return {
    attempts: 8,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
    maxRetryAfterMs: 120_000,
    sleep: async (ms) => {
      delays.push(ms)
      advance(ms)
    },
    random: () => 1
  }
}

describe('the run deadline', () => {
  it('counts down from the limit and never below zero', () => {
    const time = clock()
    const deadline = new Deadline(60_000, time.now)
    expect(deadline.remainingMs()).toBe(60_000)
    time.advance(45_000)
    expect(deadline.remainingMs()).toBe(15_000)
    time.advance(30_000)
    expect(deadline.remainingMs()).toBe(0)
  })

  it('names the limit, the input, the last failure and what to do', () => {
    const error = new Deadline(20 * 60_000).exceeded(
      'https://api.nexar.com/graphql answered HTTP 503'
    )
    expect(error).toBeInstanceOf(DeadlineExceededError)
    expect(error.message).toMatch(
      /did not finish within 20 minutes \(`deadline-minutes`\); the last failure: https:\/\/api\.nexar\.com\/graphql answered HTTP 503\. .*run again later.*raise `deadline-minutes`.*`timeout-minutes` above it/
    )
  })

  it.each([
    [3000, '3 s'],
    [90_000, '90 s'],
    [150_000, '2.5 minutes'],
    [20 * 60_000, '20 minutes']
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it('stops retrying before a wait that would pass the deadline', async () => {
    const time = clock()
    const deadline = new Deadline(10_000, time.now)
    const delays: number[] = []
    let tries = 0
    const run = withRetry(
      async () => {
        tries++
        throw new RetryableError('HTTP 502', undefined, 'req-42')
      },
      recordingPolicy(delays, time.advance),
      () => {},
      deadline
    )
    await expect(run).rejects.toThrow(/within 10 s.*the last failure: HTTP 502/)
    await expect(run).rejects.toMatchObject({ context: { requestId: 'req-42' } })
    // 1 s, 2 s and 4 s fit in 10 s; the next wait of 8 s would not.
    expect(delays).toEqual([1000, 2000, 4000])
    expect(tries).toBe(4)
  })

  it('names the failure being retried when time runs out during the retry', async () => {
    const deadline = new Deadline(60_000)
    let tries = 0
    const run = withRetry(
      async () => {
        tries++
        if (tries === 1) throw new RetryableError('the connection broke (ECONNRESET)')
        throw deadline.exceeded('the request did not answer in time')
      },
      recordingPolicy([], () => {}),
      () => {},
      deadline
    )
    await expect(run).rejects.toThrow(/the last failure: the connection broke \(ECONNRESET\)/)
  })

  it('cuts a request that hangs to the time left, and says the deadline ended it', async () => {
    const server = createServer(() => {}).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`
    try {
      const started = Date.now()
      const request = requestWithTimeout(
        url,
        { method: 'POST', body: '{}' },
        { timeoutMs: 60_000, deadline: new Deadline(300) }
      )
      await expect(request).rejects.toBeInstanceOf(DeadlineExceededError)
      await expect(request).rejects.toThrow(`the last failure: ${url} did not answer in time`)
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it('times out a request that hangs after request-timeout, as a retryable failure', async () => {
    const server = createServer(() => {}).listen(0, '127.0.0.1')
    await once(server, 'listening')
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`
    try {
      const request = requestWithTimeout(
        url,
        {},
        { timeoutMs: 200, deadline: new Deadline(60_000) }
      )
      await expect(request).rejects.toBeInstanceOf(RetryableError)
      await expect(request).rejects.toThrow(`${url} did not answer within 0.2 s`)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
