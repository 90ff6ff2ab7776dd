import { existsSync } from 'node:fs'
import path from 'node:path'
import { Input } from '../constants.js'
import type { PublishSettings } from './settings.js'
import { checkArtifactClient } from './artifact.js'
import { targetBranch } from './commit.js'
import { GitError, REMOTE, type Git } from '../git/git.js'
import { isHttpRemote, tokenMayGoTo } from '../git/git-auth.js'
import type { GitHubApi } from './github-api.js'
import { PublishError } from './publish-error.js'
import { checkBranchPair } from './pull-request.js'

/** What the checks found out that publishing needs later. */
export interface PublishSetup {
  /** Pull-request mode: `pr-base`, or the repository's default branch asked from the API. */
  pullRequestBase?: string
}

/**
 * The publish mode's setup, checked before the export's first request, so that a run that cannot
 * publish fails in seconds rather than after the whole export: an artifact client that can upload
 * (artifact mode), a git checkout holding `path`, an
 * `origin` to push to on the GitHub server (the only host `github-token` goes to), a branch to
 * push (commit mode) and a `pr-branch` other than the base (pull-request mode, which asks the
 * API for the default branch when `pr-base` is empty).
 */
export async function checkPublishSetup(
  inputs: PublishSettings,
  git: (cwd: string) => Git,
  connect: () => Promise<GitHubApi>
): Promise<PublishSetup> {
  if (inputs.publish === 'artifact') {
    await checkArtifactClient(inputs.artifact)
    return {}
  }
  if (inputs.publish !== 'commit' && inputs.publish !== 'pull-request') return {}
  const mode = `\`${Input.Publish}: ${inputs.publish}\``
  const folder = nearestFolder(path.dirname(inputs.csvPath))
  const repository = git(folder)
  try {
    await repository.topLevel()
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    throw new PublishError(
      `${mode} needs a git checkout, but ${folder} is not inside one ` +
        `(${error.stderr.trim().split('\n')[0] || 'git found no repository'}). Check the ` +
        `repository out first (actions/checkout) and keep '${Input.Path}' inside it.`
    )
  }
  const remoteUrl = await repository.findRemoteUrl()
  if (remoteUrl === undefined) {
    throw new PublishError(
      `${mode} pushes to the remote '${REMOTE}', which the checkout at ${folder} does not have. ` +
        'Check the repository out with actions/checkout, which sets it.'
    )
  }
  checkRemoteHost(remoteUrl, inputs.githubToken, inputs.runner.serverUrl, mode)
  if (inputs.publish === 'commit') {
    await targetBranch(repository, { branch: inputs.branch, headRef: inputs.runner.headRef })
    return {}
  }
  const { branch } = inputs.pullRequest
  const base = inputs.pullRequest.base || (await (await connect()).defaultBranch())
  checkBranchPair(branch, base)
  return { pullRequestBase: base }
}

/**
 * `github-token` goes to the GitHub server only. An https origin elsewhere would get no token and
 * fail to push after the whole export, or push with credentials the user did not mean for it.
 */
export function checkRemoteHost(
  remoteUrl: string,
  token: string,
  serverUrl: string,
  mode: string
): void {
  if (!token || !isHttpRemote(remoteUrl) || tokenMayGoTo(remoteUrl, serverUrl)) return
  throw new PublishError(
    `${mode}: the remote '${REMOTE}' is on ${new URL(remoteUrl).origin}, but '${Input.GithubToken}' ` +
      `is only ever sent to the GitHub server ${serverUrl} (GITHUB_SERVER_URL). Point ` +
      `'${REMOTE}' at a repository on ${serverUrl}, or set '${Input.GithubToken}' to an empty ` +
      `string to push with the credentials configured for that host.`
  )
}

/** The folder itself, or the nearest one above it that exists (the CSV's may be made later). */
function nearestFolder(folder: string): string {
  let existing = folder
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    existing = path.dirname(existing)
  }
  return existing
}
