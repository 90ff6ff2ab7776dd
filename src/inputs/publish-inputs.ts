import { tmpdir } from 'node:os'
import { isSecureEndpoint } from '../api/endpoints.js'
import { Input } from '../constants.js'
import { BOT_IDENTITY, parseIdentity, type CommitIdentity } from '../git/commit-identity.js'
import { InputError } from '../input-error.js'
import { normaliseBranchName } from '../publish/branch-name.js'
import type { CommentSettings, PublishMode } from '../publish/settings.js'
import type { BaselineSpec } from '../changes/baseline.js'
import type { RunnerEnvironment } from '../runner-environment.js'

// Where the files go and who GitHub sees: branches, identities, and the GitHub API's token and
// address, checked up front for the modes that need them.

export function readBranch(input: Input, value: string): string {
  const branch = normaliseBranchName(value)
  if (branch) return branch
  throw new InputError(
    `Input '${input}': "${value}" is not a branch name git accepts ` +
      '(no spaces, `..`, `~^:?*[\\`, or a leading `-`), e.g. altium-library/update.'
  )
}

/** GITHUB_SERVER_URL, e.g. https://github.com or a GitHub Enterprise Server; its origin. */
function readServerUrl(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (url && isSecureEndpoint(url) && !url.username && !url.password) return url.origin
  throw new InputError(
    `GITHUB_SERVER_URL "${value}" is not an https address. The runner sets it to the GitHub ` +
      'server of the repository, e.g. https://github.com; github-token goes only to that host.'
  )
}

/** A GitHub login (`octocat`, `my-app[bot]`), or empty. */
export function readCommentAuthor(value: string): string {
  if (!value || /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(value)) return value
  throw new InputError(
    `Input '${Input.CommentAuthor}': "${value}" is not a GitHub login. Accepted: empty (the ` +
      "token's own account, or github-actions[bot] for the job's token), or a login such as " +
      'library-bot or my-app[bot].'
  )
}

export function readCommitAuthor(value: string): CommitIdentity {
  if (!value) return BOT_IDENTITY
  const identity = parseIdentity(value)
  if (identity) return identity
  throw new InputError(
    `Input '${Input.CommitAuthor}': "${value}" is not accepted. Accepted: \`Name <email>\`, ` +
      'e.g. Library Bot <library-bot@example.com>; empty: github-actions[bot].'
  )
}

/**
 * Pull-request mode and the pull-request comment talk to the REST API, so its token and address
 * are checked up front. `needs` names the setting that needs them.
 */
function checkGitHubApiContext(
  githubToken: string,
  runner: RunnerEnvironment,
  { needs, permissions }: { needs: string; permissions: string }
): void {
  if (!githubToken) {
    throw new InputError(
      `Input '${Input.GithubToken}' is empty, and ${needs} needs it for the ` +
        'GitHub API. Leave it at its default (${{ github.token }}) or give a token with ' +
        `${permissions}.`
    )
  }
  if (!/^[^/\s]+\/[^/\s]+$/.test(runner.repository)) {
    throw new InputError(
      `${needs} needs GITHUB_REPOSITORY (owner/name), which the GitHub runner ` +
        `sets; it is "${runner.repository}".`
    )
  }
  if (!URL.canParse(runner.apiUrl) || !isSecureEndpoint(new URL(runner.apiUrl))) {
    throw new InputError(
      `GITHUB_API_URL "${runner.apiUrl}" is not an https address; the token never travels in clear.`
    )
  }
}

/** What the runner says about the job, from its variables (with defaults off GitHub). */
export function readRunnerEnvironment(
  env: NodeJS.ProcessEnv,
  workspace: string
): RunnerEnvironment {
  return {
    workspace,
    summaryFileAvailable: Boolean(env.GITHUB_STEP_SUMMARY),
    repository: (env.GITHUB_REPOSITORY ?? '').trim(),
    apiUrl: (env.GITHUB_API_URL ?? '').trim() || 'https://api.github.com',
    serverUrl: readServerUrl((env.GITHUB_SERVER_URL ?? '').trim() || 'https://github.com'),
    headRef: (env.GITHUB_HEAD_REF ?? '').trim(),
    runId: (env.GITHUB_RUN_ID ?? '').trim(),
    historyBranch: (env.GITHUB_BASE_REF ?? '').trim() || (env.GITHUB_REF_NAME ?? '').trim(),
    tempDir: (env.RUNNER_TEMP ?? '').trim() || tmpdir()
  }
}

/** The settings that reach the GitHub API, and what they need from the runner. */
export interface GitHubContextSettings {
  publish: PublishMode
  baseline: BaselineSpec
  commentOnPr: CommentSettings
  githubToken: string
  runner: RunnerEnvironment
}

/**
 * Checked after every input, so that a mistake in any input is reported first: the modes that
 * talk to the GitHub API get its token and address checked before any request.
 */
export function checkGitHubContext(settings: GitHubContextSettings): void {
  const { githubToken, runner } = settings
  if (settings.publish === 'pull-request') {
    checkGitHubApiContext(githubToken, runner, {
      needs: '`publish: pull-request`',
      permissions: '`contents: write` and `pull-requests: write`'
    })
  }
  if (settings.baseline.kind === 'artifact') {
    checkGitHubApiContext(githubToken, runner, {
      needs: `\`${Input.Baseline}: artifact\``,
      permissions: '`actions: read`'
    })
    if (!runner.historyBranch) {
      throw new InputError(
        `\`${Input.Baseline}: artifact\` compares with an earlier run on the same branch, but ` +
          'neither GITHUB_BASE_REF nor GITHUB_REF_NAME is set. The runner sets them on GitHub; ' +
          `elsewhere set '${Input.Baseline}' to a file or git:<ref>.`
      )
    }
  }
  if (settings.commentOnPr.pullRequest !== undefined) {
    checkGitHubApiContext(githubToken, runner, {
      needs: `\`${Input.CommentOnPr}: true\``,
      permissions: '`pull-requests: write`'
    })
  }
}
