import { Input } from '../constants.js'
import { DeadlineExceededError } from './errors.js'

/**
 * The time the whole run may take (`deadline-minutes`). Every request is cut to the time left and
 * no retry waits past it, so a hanging service ends the run with a message instead of leaving the
 * step to its `timeout-minutes`.
 */
export class Deadline {
  private readonly endsAt: number

  constructor(
    readonly limitMs: number,
    private readonly now: () => number = Date.now
  ) {
    this.endsAt = now() + limitMs
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - this.now())
  }

  /** The error for a run out of time; `lastFailure` is what was being retried, if anything. */
  exceeded(lastFailure?: string): DeadlineExceededError {
    const last = lastFailure ? `; the last failure: ${lastFailure}` : ''
    return new DeadlineExceededError(
      `The export did not finish within ${formatDuration(this.limitMs)} ` +
        `(\`${Input.DeadlineMinutes}\`)${last}. The service is slow or not answering: run again ` +
        `later. For a very large library raise \`${Input.DeadlineMinutes}\`, and keep the ` +
        "step's `timeout-minutes` above it."
    )
  }
}

/** `45 s`, `1.5 minutes`, `20 minutes`. */
export function formatDuration(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`
  const minutes = Math.round(ms / 6000) / 10
  return `${minutes} minutes`
}
