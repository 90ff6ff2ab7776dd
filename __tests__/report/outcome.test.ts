import { describe, expect, it } from '@jest/globals'
import { stepFailure, type OutcomeFacts } from '../../src/report/outcome.js'

const QUIET: OutcomeFacts = {
  changed: false,
  added: 0,
  removed: 0,
  modified: 0,
  firstExport: false,
  csv: 'library_components.csv',
  auditErrors: 0,
  auditWarnings: 0
}
const CHANGED: OutcomeFacts = { ...QUIET, changed: true, added: 2, removed: 1, modified: 3 }

describe('whether the step fails (fail-on)', () => {
  it('passes when there is nothing to fail on, at every level', () => {
    for (const level of ['never', 'error', 'warning', 'change'] as const) {
      expect(stepFailure(level, QUIET)).toBeUndefined()
    }
  })

  it('never fails with never, whatever happened', () => {
    expect(stepFailure('never', { ...CHANGED, auditErrors: 5, auditWarnings: 5 })).toBeUndefined()
  })

  it('fails on audit errors from error up, and on warnings from warning up', () => {
    expect(stepFailure('error', { ...QUIET, auditWarnings: 2 })).toBeUndefined()
    expect(stepFailure('error', { ...QUIET, auditErrors: 1 })).toBe(
      "The step fails because fail-on is 'error' and the audit found 1 error. The files were " +
        'written. To pass, fix the findings listed in the job summary; or relax fail-on ' +
        '(never, error, warning, change).'
    )
    expect(stepFailure('warning', { ...QUIET, auditWarnings: 2 })).toMatch(
      /fail-on is 'warning' and the audit found 2 warnings\./
    )
    expect(stepFailure('warning', { ...QUIET, auditErrors: 1, auditWarnings: 2 })).toMatch(
      /the audit found 1 error and 2 warnings\./
    )
  })

  it('does not fail on changes below change', () => {
    expect(stepFailure('error', CHANGED)).toBeUndefined()
    expect(stepFailure('warning', CHANGED)).toBeUndefined()
  })

  it('fails on any change with change, saying what changed and how to accept it', () => {
    expect(stepFailure('change', CHANGED)).toBe(
      "The step fails because fail-on is 'change' and the library changed since the baseline: " +
        '2 added, 1 removed, 3 modified. The files were written. To pass, accept the change by ' +
        'committing the new library_components.csv, which makes it the baseline of the next ' +
        'run; or relax fail-on (never, error, warning, change).'
    )
  })

  it('says when only the columns changed, and when this is the first export', () => {
    expect(stepFailure('change', { ...QUIET, changed: true })).toMatch(
      /and the columns of the file changed since the baseline\./
    )
    expect(stepFailure('change', { ...QUIET, changed: true, firstExport: true, added: 1 })).toMatch(
      /this is the first export \(no baseline\), so its one component counts as added\./
    )
    expect(
      stepFailure('change', { ...QUIET, changed: true, firstExport: true, added: 40 })
    ).toMatch(/this is the first export \(no baseline\), so all 40 components count as added\./)
  })

  it('names every reason at once when change also meets audit findings', () => {
    const message = stepFailure('change', { ...CHANGED, auditErrors: 1, auditWarnings: 1 })
    expect(message).toMatch(
      /the audit found 1 error and 1 warning; the library changed since the baseline: .*To pass, fix the findings listed in the job summary, and accept the change/
    )
  })
})
