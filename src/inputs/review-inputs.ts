import { AUDIT_SCOPES, type AuditSettings } from '../audit/audit-stage.js'
import { parseAuditRules } from '../audit/rule-parser.js'
import { Input } from '../constants.js'
import type { BaselineSpec } from '../changes/baseline.js'
import { InputError } from '../input-error.js'
import { readChoice } from './readers.js'
import { readWorkspaceFile } from './workspace-files.js'

// What the export is compared with, and what it is audited against.

/**
 * Empty: the file at `path` before the export; `git:<ref>`: that file at a commit; `artifact`: the
 * CSV in an earlier run's artifact; anything else a CSV inside the workspace (it may be missing:
 * then this is a first export).
 */
export function readBaseline(value: string, workspace: string): BaselineSpec {
  if (!value) return { kind: 'previous-file' }
  if (value === 'artifact') return { kind: 'artifact' }
  if (!value.startsWith('git:')) {
    return { kind: 'file', path: readWorkspaceFile(Input.Baseline, value, workspace) }
  }
  const ref = value.slice('git:'.length).trim()
  // A ref is handed to git: nothing that git could read as an option or a second argument.
  if (!ref || ref.startsWith('-') || /[\s:]|\p{Cc}/u.test(ref)) {
    throw new InputError(
      `Input '${Input.Baseline}': "${value}" is not accepted. Accepted: empty (the file at ` +
        `'${Input.Path}' before the export), artifact (the CSV in the previous run's artifact), a ` +
        'CSV path inside the workspace, or git:<ref> with a branch, tag or commit, e.g. ' +
        'git:main or git:${{ github.event.pull_request.base.sha }}.'
    )
  }
  return { kind: 'git', ref }
}

/** `audit` (the rules, one per line; none: no audit) and `audit-scope`. */
export function readAuditSettings(rules: string, scope: string): AuditSettings {
  return {
    rules: parseAuditRules(rules),
    scope: readChoice(Input.AuditScope, scope || 'all', AUDIT_SCOPES)
  }
}
