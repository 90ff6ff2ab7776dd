import { describe, expect, it } from '@jest/globals'
import {
  BAR_PACING,
  describeProgress,
  duration,
  ProgressPacer,
  type ProgressUpdate
} from '../../src/api/progress.js'

/** A clock the test moves by hand. */
function fakeClock() {
  let now = 1_000_000
  return { now: () => now, tick: (ms: number) => (now += ms) }
}

/**
 * Feeds `pages` pages of `pageSize` components, one every `msPerPage`, then finishes; returns
 * every update the pacer asked to print.
 */
function exportRun(options: {
  total?: number
  pages: number
  pageSize: number
  msPerPage: number
  pacing?: typeof BAR_PACING
}): ProgressUpdate[] {
  const clock = fakeClock()
  const pacer = new ProgressPacer(clock.now, options.pacing)
  const updates: ProgressUpdate[] = []
  for (let page = 0; page < options.pages; page++) {
    clock.tick(options.msPerPage)
    if (options.total !== undefined) pacer.expect(options.total)
    const update = pacer.advance(options.pageSize)
    if (update) updates.push(update)
  }
  const last = pacer.finish()
  if (last) updates.push(last)
  return updates
}

describe('progress of a long export', () => {
  it('prints each quarter of a fast export, and nothing between them', () => {
    // 100 pages of 1,000 in 5 s: quicker than the 10-second floor.
    const updates = exportRun({ total: 100_000, pages: 100, pageSize: 1000, msPerPage: 50 })
    expect(updates.map((u) => u.done)).toEqual([25_000, 50_000, 75_000, 100_000])
    expect(updates.map((u) => u.final)).toEqual([false, false, false, false])
    expect(describeProgress(updates[0])).toBe(
      'Progress: 25,000 of 100,000 components (25%), 1 s elapsed, about 4 s left.'
    )
    expect(describeProgress(updates[3])).toBe(
      'Progress: 100,000 of 100,000 components (100%), 5 s elapsed.'
    )
  })

  it('prints no more often than every 10 seconds between quarters', () => {
    // 100 pages, one a second: 100 s in all.
    const updates = exportRun({ total: 100_000, pages: 100, pageSize: 1000, msPerPage: 1000 })
    const quarterMarks = new Set([25_000, 50_000, 75_000, 100_000])
    const gapsBeforeTimedLines = updates
      .map((update, i) => ({ update, gap: i ? update.elapsedMs - updates[i - 1].elapsedMs : 0 }))
      .filter(({ update }, i) => i > 0 && !quarterMarks.has(update.done))
      .map(({ gap }) => gap)
    expect(gapsBeforeTimedLines.length).toBeGreaterThan(0)
    for (const gap of gapsBeforeTimedLines) expect(gap).toBeGreaterThanOrEqual(10_000)
    expect(updates.length).toBeGreaterThan(4)
    for (const done of quarterMarks) expect(updates.map((u) => u.done)).toContain(done)
  })

  it('stays at 30 lines or fewer however long the run, spread over the whole run', () => {
    // 10,000 pages, 3 s each: more than 8 hours.
    const updates = exportRun({ total: 1_000_000, pages: 10_000, pageSize: 100, msPerPage: 3000 })
    expect(updates.length).toBeLessThanOrEqual(30)
    expect(updates.length).toBeGreaterThanOrEqual(20)
    // Lines keep coming in the last quarter too, not all used up at the start.
    const lastQuarter = updates.filter((u) => u.done > 750_000 && u.done < 1_000_000)
    expect(lastQuarter.length).toBeGreaterThanOrEqual(3)
    expect(updates.at(-1)?.done).toBe(1_000_000)
  })

  it('estimates the time left from the pace so far', () => {
    const clock = fakeClock()
    const pacer = new ProgressPacer(clock.now)
    pacer.expect(1000)
    clock.tick(30_000)
    const update = pacer.advance(250)
    expect(update?.remainingMs).toBe(90_000)
    expect(describeProgress(update!)).toBe(
      'Progress: 250 of 1,000 components (25%), 30 s elapsed, about 1 min 30 s left.'
    )
  })

  it('counts without percent or estimate when the server gives no total', () => {
    const updates = exportRun({ total: 0, pages: 600, pageSize: 100, msPerPage: 1000 })
    expect(updates.every((u) => u.total === undefined && u.remainingMs === undefined)).toBe(true)
    expect(updates.length).toBeLessThanOrEqual(30)
    expect(updates.length).toBeGreaterThan(5)
    // Ever further apart as the run goes on.
    const gaps = updates.slice(1).map((u, i) => u.elapsedMs - updates[i].elapsedMs)
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0])
    expect(describeProgress(updates[0])).toBe('Progress: 1,000 components so far, 10 s elapsed.')
    expect(describeProgress(updates.at(-1)!)).toBe(
      'Progress: 60,000 components in 10 min 00 s, done.'
    )
  })

  it('stops measuring against a total that fewer components than arrived', () => {
    const updates = exportRun({ total: 1000, pages: 30, pageSize: 100, msPerPage: 1000 })
    const past = updates.filter((u) => u.done > 1000)
    expect(past.length).toBeGreaterThan(0)
    for (const update of past) {
      expect(update.total).toBeUndefined()
      expect(update.remainingMs).toBeUndefined()
    }
    expect(describeProgress(updates.at(-1)!)).toMatch(
      /^Progress: 3,000 components \(more than the 1,000 the server announced\)/
    )
  })

  it('ends with a line of what arrived when the export ends before the total', () => {
    const clock = fakeClock()
    const pacer = new ProgressPacer(clock.now)
    pacer.expect(1000)
    clock.tick(2000)
    expect(pacer.advance(300)?.done).toBe(300)
    clock.tick(2000)
    expect(pacer.advance(100)).toBeUndefined()
    const last = pacer.finish()
    expect(last).toMatchObject({ done: 400, total: 1000, final: true })
    expect(describeProgress(last!)).toBe(
      'Progress: 400 of 1,000 components (40%) in 4 s when the export ended.'
    )
    // Nothing after the end.
    expect(pacer.advance(10)).toBeUndefined()
    expect(pacer.finish()).toBeUndefined()
  })

  it('adds no last line when the last one already said it', () => {
    const updates = exportRun({ total: 500, pages: 1, pageSize: 500, msPerPage: 300 })
    expect(updates).toHaveLength(1)
    expect(describeProgress(updates[0])).toBe(
      'Progress: 500 of 500 components (100%), 300 ms elapsed.'
    )
  })

  it('prints nothing for an empty library', () => {
    expect(exportRun({ total: 0, pages: 1, pageSize: 0, msPerPage: 100 })).toEqual([])
  })

  it('counts again from zero after a restart, its quarters again, within the cap', () => {
    const clock = fakeClock()
    const pacer = new ProgressPacer(clock.now)
    const lines: ProgressUpdate[] = []
    for (let round = 0; round < 8; round++) {
      pacer.restart()
      for (let page = 0; page < 4; page++) {
        clock.tick(100)
        pacer.expect(400)
        const update = pacer.advance(100)
        if (update) lines.push(update)
      }
    }
    expect(lines.slice(0, 8).map((u) => u.done)).toEqual([100, 200, 300, 400, 100, 200, 300, 400])
    expect(lines.length).toBeLessThanOrEqual(30)
  })

  it('redraws a terminal bar often, without quarters or a line cap', () => {
    const updates = exportRun({
      total: 100_000,
      pages: 1000,
      pageSize: 100,
      msPerPage: 250,
      pacing: BAR_PACING
    })
    expect(updates.length).toBeGreaterThan(500)
  })
})

describe('durations', () => {
  it.each([
    [850, '850 ms'],
    [12_400, '12 s'],
    [185_000, '3 min 05 s'],
    [3_720_000, '1 h 02 min']
  ])('writes %d ms as %s', (ms, text) => {
    expect(duration(ms)).toBe(text)
  })
})
