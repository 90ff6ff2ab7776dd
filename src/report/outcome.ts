/**
 * `fail-on`: when the step fails. Decided at the very end, after the file has been written (and
 * published), so a failing audit still leaves its CSV, report, outputs and summary behind.
 *
 * - `never`: the step passes whatever the audit found or the library did.
 * - `error` (default): it fails when the audit found an error.
 * - `warning`: it fails when the audit found an error or a warning.
 * - `change`: it fails when the audit found an error, or when the library changed.
 */
export type FailOn = 'never' | 'error' | 'warning' | 'change'
export const FAIL_ON_VALUES: readonly FailOn[] = ['never', 'error', 'warning', 'change']

export interface StepFacts {
  /** The library differs from the baseline. */
  changed: boolean
  auditErrors: number
  auditWarnings: number
}

/** Why the step fails, or undefined when it passes. */
export function stepFailure(failOn: FailOn, facts: StepFacts): string | undefined {
  const { changed, auditErrors, auditWarnings } = facts
  const reasons: string[] = []
  if (failOn !== 'never' && auditErrors > 0) {
    reasons.push(
      failOn === 'warning' && auditWarnings > 0
        ? `the library audit found ${count(auditErrors, 'error')} and ${count(auditWarnings, 'warning')}`
        : `the library audit found ${count(auditErrors, 'error')}`
    )
  } else if (failOn === 'warning' && auditWarnings > 0) {
    reasons.push(`the library audit found ${count(auditWarnings, 'warning')}`)
  }
  if (failOn === 'change' && changed) reasons.push('the library changed')
  if (reasons.length === 0) return undefined
  const sentence = reasons.join(', and ')
  return `${sentence[0].toUpperCase()}${sentence.slice(1)} (fail-on: ${failOn}).`
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
