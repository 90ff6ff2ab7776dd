import type { Logger } from '../logger.js'
import type { AuditFinding } from './finding.js'
import type { Severity } from './rules.js'

/** GitHub shows at most ten error and ten warning annotations per step. */
export const ANNOTATIONS_PER_SEVERITY = 10

export interface FindingAnnotation {
  severity: Severity
  message: string
  title: string
  /** The CSV, relative to the workspace, so the checks page links to the row. */
  file: string
  startLine: number
}

/** The first ten findings of each severity (in rule order, then by line), and how many are left. */
export function selectAnnotations(
  findings: readonly AuditFinding[],
  file: string
): { annotations: FindingAnnotation[]; left: Record<Severity, number> } {
  const taken: Record<Severity, number> = { error: 0, warning: 0 }
  const left: Record<Severity, number> = { error: 0, warning: 0 }
  const annotations: FindingAnnotation[] = []
  for (const finding of findings) {
    if (taken[finding.severity] === ANNOTATIONS_PER_SEVERITY) {
      left[finding.severity]++
      continue
    }
    taken[finding.severity]++
    annotations.push({
      severity: finding.severity,
      message: `${finding.component}: ${finding.message}`,
      title: `Library audit: ${finding.rule}`,
      file,
      startLine: finding.line
    })
  }
  return { annotations, left }
}

/** Prints the annotations, then one log line counting the findings that did not get one. */
export function annotateFindings(
  findings: readonly AuditFinding[],
  file: string,
  logger: Logger
): void {
  const { annotations, left } = selectAnnotations(findings, file)
  for (const { severity, message, ...properties } of annotations) {
    if (severity === 'error') logger.error(message, properties)
    else logger.warning(message, properties)
  }
  if (left.error || left.warning) {
    logger.info(
      `${left.error} more errors and ${left.warning} more warnings have no annotation ` +
        `(GitHub shows ${ANNOTATIONS_PER_SEVERITY} of each per step); ` +
        'the job summary and the JSON report list them all.'
    )
  }
}
