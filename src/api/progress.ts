/**
 * When a long export says how far it is: a named state machine over a clock, with no I/O. The
 * export feeds it the server's `totalCount` and the components as they are complete; it answers
 * with an update to print, or nothing. The rules (docs/progress.md):
 * - a line at every quarter of `totalCount`, however fast the export;
 * - between quarters, a line at most every `minIntervalMs` (10 s in the log), spread out so that a
 *   long run stays under `maxLines` (30) in all;
 * - an unknown `totalCount` (none, zero, or fewer than arrived) gives counts without percent or
 *   estimate, the lines ever further apart;
 * - a run that ends before `totalCount` ends with a line of what arrived.
 */

export interface ProgressUpdate {
  /** Components complete so far. */
  done: number
  /** The server's `totalCount`, when it is one the count can be measured against. */
  total?: number
  /** A `totalCount` the server announced that fewer components than arrived: not a measure. */
  announced?: number
  elapsedMs: number
  /** The time left, from the pace so far; only with a `total` and once something arrived. */
  remainingMs?: number
  /** The run's last update: the export is over (complete or not). */
  final: boolean
}

export interface ProgressPacing {
  /** The least time between two lines that are not quarter marks. */
  minIntervalMs: number
  /** Lines in a run at most, quarters and the last line included. */
  maxLines: number
  /** Whether each quarter of the total gets its line. */
  quarters: boolean
}

/** The log (runner or a terminal without a cursor): few lines, one per quarter at least. */
export const LOG_PACING: ProgressPacing = { minIntervalMs: 10_000, maxLines: 30, quarters: true }

/** A bar redrawn in place on a terminal: often, as it leaves no lines behind. */
export const BAR_PACING: ProgressPacing = {
  minIntervalMs: 200,
  maxLines: Number.POSITIVE_INFINITY,
  quarters: false
}

/** Lines kept back from the time-paced ones: the four quarters and the last line. */
const RESERVED_LINES = 5

export class ProgressPacer {
  private readonly startedAt: number
  private announced?: number
  private done = 0
  private lines = 0
  private lastLineAt: number
  private lastLineDone = 0
  /** The highest quarter (1 to 4) already printed since the count (re)started. */
  private quartersShown = 0
  private finished = false

  constructor(
    private readonly now: () => number,
    private readonly pacing: ProgressPacing = LOG_PACING
  ) {
    this.startedAt = now()
    this.lastLineAt = this.startedAt
  }

  /** The server's `totalCount` (each page repeats it; the latest counts). */
  expect(totalCount: number): void {
    this.announced = totalCount
  }

  /** `count` more components are complete; returns an update when one is due. */
  advance(count: number): ProgressUpdate | undefined {
    if (this.finished) return undefined
    this.done += count
    const at = this.now()
    const total = this.measurableTotal()
    if (this.pacing.quarters && total !== undefined) {
      const quarter = Math.min(4, Math.floor((this.done * 4) / total))
      if (quarter > this.quartersShown && this.lines < this.pacing.maxLines - 1) {
        this.quartersShown = quarter
        return this.emit(at, false)
      }
    }
    if (at - this.lastLineAt < this.spacing(at, total)) return undefined
    if (this.lines >= this.pacing.maxLines - RESERVED_LINES) return undefined
    return this.emit(at, false)
  }

  /** The export starts over another way: the count goes back to zero, the clock runs on. */
  restart(): void {
    this.done = 0
    this.lastLineDone = 0
    this.quartersShown = 0
  }

  /** The export is over; returns the last update unless the last line already said it all. */
  finish(): ProgressUpdate | undefined {
    if (this.finished) return undefined
    this.finished = true
    if (this.done === this.lastLineDone) return undefined
    return this.emit(this.now(), true)
  }

  /** The least time before the next line that is not a quarter mark. */
  private spacing(at: number, total: number | undefined): number {
    const { minIntervalMs, maxLines } = this.pacing
    if (!Number.isFinite(maxLines)) return minIntervalMs
    const elapsed = at - this.startedAt
    if (total !== undefined && this.done > 0) {
      // Spread the lines the cap allows over the run as long as it looks like it will take.
      const expectedMs = (elapsed * total) / this.done
      return Math.max(minIntervalMs, expectedMs / Math.max(1, maxLines - RESERVED_LINES))
    }
    // No end in sight: each line a quarter of the time so far after the one before.
    return Math.max(minIntervalMs, elapsed / 4)
  }

  /** `totalCount` when it is a count of components this run can still reach. */
  private measurableTotal(): number | undefined {
    const total = this.announced
    if (total === undefined || !Number.isInteger(total) || total <= 0) return undefined
    return this.done <= total ? total : undefined
  }

  private emit(at: number, final: boolean): ProgressUpdate {
    this.lines++
    this.lastLineAt = at
    this.lastLineDone = this.done
    const elapsedMs = at - this.startedAt
    const total = this.measurableTotal()
    const update: ProgressUpdate = { done: this.done, elapsedMs, final }
    if (total !== undefined) {
      update.total = total
      if (this.done > 0 && this.done < total && !final) {
        update.remainingMs = (elapsedMs * (total - this.done)) / this.done
      }
    } else if (this.announced !== undefined && this.announced > 0 && this.done > this.announced) {
      update.announced = this.announced
    }
    return update
  }
}

/** One line of the log for an update, e.g. `25,000 of 100,000 components (25%), 12 s …`. */
export function describeProgress(update: ProgressUpdate): string {
  const done = count(update.done)
  const elapsed = duration(update.elapsedMs)
  if (update.total === undefined) {
    const announced =
      update.announced === undefined
        ? ''
        : ` (more than the ${count(update.announced)} the server announced)`
    return update.final
      ? `Progress: ${done} components${announced} in ${elapsed}, done.`
      : `Progress: ${done} components${announced} so far, ${elapsed} elapsed.`
  }
  const share = `${done} of ${count(update.total)} components (${percent(update)}%)`
  if (update.final) {
    return update.done === update.total
      ? `Progress: ${share} in ${elapsed}, done.`
      : `Progress: ${share} in ${elapsed} when the export ended.`
  }
  const left =
    update.remainingMs === undefined ? '' : `, about ${duration(update.remainingMs)} left`
  return `Progress: ${share}, ${elapsed} elapsed${left}.`
}

/** Whole percent, rounded down, so that 100% means every component arrived. */
export function percent(update: ProgressUpdate): number {
  if (!update.total) return 0
  return Math.floor((update.done * 100) / update.total)
}

function count(n: number): string {
  return n.toLocaleString('en-US')
}

/** `850 ms`, `12 s`, `3 min 05 s`, `1 h 02 min`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}
