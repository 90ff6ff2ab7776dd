import { Input } from '../constants.js'
import type { PullRequestInputs } from './settings.js'
import type { Logger } from '../logger.js'
import type { CommitIdentity } from '../git/commit-identity.js'
import { REMOTE, type Git } from '../git/git.js'
import type { GitHubApi, PullRequest } from './github-api.js'
import { classifyPushFailure, pushFailureError } from './push-rejection.js'
import { PublishError, type BranchPublishResult } from './publish-result.js'
import { repositoryPaths, shortSha } from './repository-paths.js'

export interface PullRequestRequest {
  /** The files the export wrote (absolute paths); the first, the CSV, decides whether it changed. */
  files: string[]
  message: string
  identity: CommitIdentity
  pullRequest: PullRequestInputs
  /** The pull request body (see pull-request-body.ts). */
  body: string
}

/**
 * `publish: pull-request` (docs/publishing.md#propose-library-changes-as-a-pull-request): one
 * commit holding the export on top of `pr-base`, force-pushed to `pr-branch`, and one open pull
 * request from it, created or updated. When the export matches `pr-base`, nothing is pushed and an
 * open pull request is left as it is.
 */
export async function publishPullRequest(
  git: Git,
  connect: () => Promise<GitHubApi>,
  request: PullRequestRequest,
  logger: Logger
): Promise<BranchPublishResult> {
  const paths = await repositoryPaths(git, request.files)
  const api = await connect()
  const base = request.pullRequest.base || (await api.defaultBranch())
  const branch = request.pullRequest.branch
  checkBranchPair(branch, base)

  const remote = await git.remoteBranches([base, branch])
  if (!remote.has(base)) {
    throw new PublishError(
      `The base branch '${base}' does not exist on the remote. Set '${Input.PrBase}' to an ` +
        'existing branch, or leave it empty for the default branch.'
    )
  }
  const depth = (await git.isShallow()) ? 1 : undefined
  const baseTip = await fetchBranch(git, base, depth)
  // The CSV decides whether there is a change: the report beside it restates the change report,
  // which differs from the one on the base even when the library does not.
  const baseTree = (await git.commitInfo(baseTip)).tree
  const csvOnly = await git.buildTree(baseTip, [{ path: paths[0], source: request.files[0] }])
  const lineEndings = { ignoreLineEndings: true }
  if (
    csvOnly === baseTree ||
    !(await git.treesDiffer(baseTree, csvOnly, [paths[0]], lineEndings))
  ) {
    const description = `The export matches \`${base}\`; no pull request needed.`
    logger.info(description)
    return { changed: false, description }
  }
  const tree = await git.buildTree(
    baseTip,
    paths.map((path, i) => ({ path, source: request.files[i] }))
  )

  const commit = await snapshotCommit(
    git,
    { ...request, branch, baseTip, tree, depth },
    remote,
    logger
  )
  const pull = await openOrUpdate(api, { ...request.pullRequest, branch, base, body: request.body })
  const description = `Pull request [#${pull.number}](${pull.url}) from \`${branch}\` into \`${base}\` holds the export (${shortSha(commit)}).`
  logger.info(`Pull request #${pull.number} (${pull.url}) holds the export.`)
  return { changed: true, commitSha: commit, pullRequest: pull, description }
}

/** `pr-branch` is force-pushed, so it may never be the base it proposes to. */
export function checkBranchPair(branch: string, base: string): void {
  if (branch !== base) return
  throw new PublishError(
    `Inputs '${Input.PrBranch}' and '${Input.PrBase}' both name '${base}'. The action ` +
      `force-pushes '${Input.PrBranch}', so it must be a branch of its own, e.g. altium-library/update.`
  )
}

async function fetchBranch(git: Git, branch: string, depth?: number): Promise<string> {
  const tracking = `refs/remotes/${REMOTE}/${branch}`
  await git.fetch([`+refs/heads/${branch}:${tracking}`], { depth })
  return (await git.revParse(tracking)) as string
}

/**
 * The commit `pr-branch` should point at: the one already there when it holds this very tree on
 * this very base (so an unchanged export does not rewrite the branch), else a new one,
 * force-pushed.
 */
async function snapshotCommit(
  git: Git,
  plan: {
    branch: string
    baseTip: string
    tree: string
    depth?: number
    message: string
    identity: CommitIdentity
  },
  remote: Map<string, string>,
  logger: Logger
): Promise<string> {
  if (remote.has(plan.branch)) {
    const current = await fetchBranch(git, plan.branch, plan.depth)
    const { tree, parents } = await git.commitInfo(current)
    if (tree === plan.tree && parents.length === 1 && parents[0] === plan.baseTip) {
      logger.info(
        `'${plan.branch}' already holds this export on the current base; not pushed again.`
      )
      return current
    }
  }
  const commit = await git.commitTree(plan.tree, plan.baseTip, plan.message, plan.identity)
  const result = await git.push(`${commit}:refs/heads/${plan.branch}`, { force: true })
  if (result.exitCode !== 0) {
    const output = `${result.stdout}\n${result.stderr}`
    const failure = classifyPushFailure(output)
    throw pushFailureError(
      failure === 'remote-moved' ? 'other' : failure,
      plan.branch,
      output,
      `Set '${Input.PrBranch}' to a branch the token may force-push.`
    )
  }
  logger.info(`Force-pushed ${shortSha(commit)} to '${plan.branch}'.`)
  return commit
}

async function openOrUpdate(
  api: GitHubApi,
  pull: PullRequestInputs & { body: string }
): Promise<PullRequest> {
  const open = await api.findOpenPullRequest(pull.branch, pull.base)
  const result = open
    ? await api.updatePullRequest(open.number, { title: pull.title, body: pull.body })
    : await api.createPullRequest(pull)
  if (pull.labels.length) await api.addLabels(result.number, pull.labels)
  return result
}
