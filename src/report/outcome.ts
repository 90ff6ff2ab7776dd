/**
 * `fail-on`, from the most lenient to the strictest. Each level fails on what the levels before it
 * fail on, and more: `error` on audit errors, `warning` also on audit warnings, `change` also when
 * anything changed since the baseline.
 */
export const FAIL_ON_LEVELS = ['never', 'error', 'warning', 'change'] as const
export type FailOn = (typeof FAIL_ON_LEVELS)[number]

export interface OutcomeFacts {
  /** Whether the exported file differs from its baseline (the `changed` output). */
  changed: boolean
  added: number
  removed: number
  modified: number
  /** No baseline existed, so everything counts as added. */
  firstExport: boolean
  /** The CSV, relative to the workspace, for the message on how to accept a change. */
  csv: string
  auditErrors: number
  auditWarnings: number
}

/**
 * Whether the step fails, decided once the files are written: the failure message, or undefined
 * when the step passes. The message names every reason and how to act on it.
 */
export function stepFailure(failOn: FailOn, facts: OutcomeFacts): string | undefined {
  const failsOn = (level: FailOn) => FAIL_ON_LEVELS.indexOf(failOn) >= FAIL_ON_LEVELS.indexOf(level)
  const findings: string[] = []
  if (failsOn('error') && facts.auditErrors > 0) findings.push(plural(facts.auditErrors, 'error'))
  if (failsOn('warning') && facts.auditWarnings > 0) {
    findings.push(plural(facts.auditWarnings, 'warning'))
  }
  const changed = failsOn('change') && facts.changed
  if (!findings.length && !changed) return undefined

  const reasons = [
    ...(findings.length ? [`the audit found ${findings.join(' and ')}`] : []),
    ...(changed ? [changeReason(facts)] : [])
  ]
  const fixes = [
    ...(findings.length ? ['fix the findings listed in the job summary'] : []),
    ...(changed
      ? [
          `accept the change by committing the new ${facts.csv}, which makes it the baseline ` +
            'of the next run'
        ]
      : [])
  ]
  return (
    `The step fails because fail-on is '${failOn}' and ${reasons.join('; ')}. ` +
    `The files were written. To pass, ${fixes.join(', and ')}; or relax fail-on ` +
    `(${FAIL_ON_LEVELS.join(', ')}).`
  )
}

function changeReason(facts: OutcomeFacts): string {
  if (facts.firstExport) {
    const added =
      facts.added === 0
        ? ''
        : facts.added === 1
          ? ', so its one component counts as added'
          : `, so all ${facts.added} components count as added`
    return `this is the first export (no baseline)${added}`
  }
  const counts = `${facts.added} added, ${facts.removed} removed, ${facts.modified} modified`
  return facts.added + facts.removed + facts.modified > 0
    ? `the library changed since the baseline: ${counts}`
    : 'the columns of the file changed since the baseline'
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
