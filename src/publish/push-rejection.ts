import { Input } from '../constants.js'
import { PublishError } from './publish-result.js'

/** Why a push failed, read from what git and the server said. */
export type PushFailure = 'remote-moved' | 'protected' | 'permission' | 'authentication' | 'other'

const PROTECTED = /\bGH00[6-9]\b|\bGH01\d\b|protected branch|repository rule violation|ruleset/i
const PERMISSION =
  /Permission to \S+ denied|returned error: 403|\b403 Forbidden\b|write access to repository not granted/i
const AUTHENTICATION =
  /could not read (Username|Password)|Authentication failed|returned error: 401|terminal prompts disabled|Invalid username or (password|token)/i
const REMOTE_MOVED =
  /\[rejected\].*\((fetch first|non-fast-forward|stale info)\)|Updates were rejected because|cannot lock ref|failed to update ref|incorrect old value provided/i

/** The server's reasons win over git's summary line, which says "rejected" for all of them. */
export function classifyPushFailure(output: string): PushFailure {
  if (PROTECTED.test(output)) return 'protected'
  if (PERMISSION.test(output)) return 'permission'
  if (AUTHENTICATION.test(output)) return 'authentication'
  if (REMOTE_MOVED.test(output)) return 'remote-moved'
  return 'other'
}

/** The `remote:` lines and `error:`/`fatal:` lines: what the server and git said, briefly. */
export function gitSaid(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(remote: \S|error:|fatal:|! \[)/.test(line))
  return (lines.length ? lines : output.trim().split('\n').slice(-3)).slice(0, 8).join(' | ')
}

/**
 * The error for a push that failed for a reason retrying cannot fix. `alternative` is the advice
 * for the mode that failed (commit mode suggests a pull request).
 */
export function pushFailureError(
  failure: Exclude<PushFailure, 'remote-moved'>,
  branch: string,
  output: string,
  alternative: string
): PublishError {
  const said = `Git said: ${gitSaid(output)}`
  switch (failure) {
    case 'protected':
      return new PublishError(
        `The push to branch '${branch}' was refused by branch protection or a ruleset. ` +
          `The token may not update '${branch}' directly (it needs a pull request, signed ` +
          `commits or passing checks). ${alternative} Or give a token that may bypass the rule ` +
          `in '${Input.GithubToken}', with \`permissions: contents: write\`. ${said}`
      )
    case 'permission':
      return new PublishError(
        `The token may not push to branch '${branch}' (HTTP 403, read-only). Give the job ` +
          '`permissions: contents: write`. Pull requests from forks always get a read-only ' +
          'token: publish from a workflow of the repository itself (push, schedule, ' +
          `workflow_dispatch) instead. ${alternative} ${said}`
      )
    case 'authentication':
      return new PublishError(
        `Git could not sign in to the remote to push branch '${branch}'. Leave ` +
          `'${Input.GithubToken}' at its default (\${{ github.token }}) or give a token with ` +
          `\`contents: write\`. ${said}`
      )
    case 'other':
      return new PublishError(`The push to branch '${branch}' failed. ${said}`)
  }
}
