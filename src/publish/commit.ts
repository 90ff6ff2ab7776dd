import { Input } from '../constants.js'
import type { Logger } from '../logger.js'
import { formatIdentity, type CommitIdentity } from '../git/commit-identity.js'
import { REMOTE, type Git } from '../git/git.js'
import { repositoryPaths, shortSha } from './repository-paths.js'
import { classifyPushFailure, gitSaid, pushFailureError } from './push-rejection.js'
import { PublishError, type BranchPublishResult } from './publish-result.js'

/** Pushes rejected because the branch moved are retried this many times, after a rebase each. */
export const MAX_PUSH_RETRIES = 3

export interface CommitRequest {
  /**
   * The files the export wrote (absolute paths): the only ones committed. The first, the CSV,
   * decides whether anything changed.
   */
  files: string[]
  message: string
  identity: CommitIdentity
  /** The `branch` input; empty: the checked-out branch. */
  branch: string
  /** GITHUB_HEAD_REF: the pull request's branch on pull_request events. */
  headRef: string
}

/**
 * `publish: commit` (docs/publishing.md#commit-the-snapshot-from-a-ci-step): commit the export's
 * files on the checked-out history and push them to the branch. Nothing changed: no commit. The
 * remote moved: fetch, rebase, push again.
 */
export async function publishCommit(
  git: Git,
  request: CommitRequest,
  logger: Logger
): Promise<BranchPublishResult> {
  const paths = await repositoryPaths(git, request.files)
  const branch = await targetBranch(git, request)

  // The CSV decides whether there is anything to commit: the report beside it restates the
  // change report, which differs from the previous run's even when the library does not.
  const [csv] = paths
  await git.add([csv])
  if (!(await git.hasStagedChanges([csv], { ignoreLineEndings: true }))) {
    // A CSV committed with CRLF (from Windows) and exported again with LF is the same export.
    const lineEndingsOnly = await git.hasStagedChanges([csv])
    if (lineEndingsOnly) await git.unstage([csv])
    const description = lineEndingsOnly
      ? 'The export differs from the commit checked out only in line endings (CRLF there, LF ' +
        'here); nothing to commit.'
      : 'The export is unchanged from the commit checked out; nothing to commit.'
    logger.info(description)
    return { changed: false, description }
  }
  await git.add(paths)
  const snapshot = await git.commit(request.message, paths, request.identity)
  logger.info(
    `Committed ${paths.join(', ')} as ${shortSha(snapshot)} ` +
      `(${formatIdentity(request.identity)}); pushing to '${branch}'.`
  )

  const pushed = await pushWithRetries(git, { ...request, branch, paths, snapshot }, logger)
  if (!pushed) {
    const description = `'${branch}' already holds this export (pushed meanwhile); nothing to commit.`
    logger.info(description)
    return { changed: false, description }
  }
  const description = `Committed ${shortSha(pushed)} to \`${branch}\`.`
  logger.info(`Pushed ${shortSha(pushed)} to '${branch}'.`)
  return { changed: true, commitSha: pushed, description }
}

/** The branch to push to: `branch`, else the checked-out one, else the pull request's head. */
export async function targetBranch(
  git: Git,
  request: Pick<CommitRequest, 'branch' | 'headRef'>
): Promise<string> {
  const branch = request.branch || (await git.currentBranch()) || request.headRef
  if (branch) return branch
  throw new PublishError(
    'HEAD is detached (a pull_request, tag or release checkout), so there is no branch to push ' +
      `the commit to. Set '${Input.Branch}' to the branch to commit to, or check a branch out ` +
      '(actions/checkout with `ref: ${{ github.head_ref || github.ref_name }}`).'
  )
}

interface PushPlan {
  branch: string
  paths: string[]
  /** The commit that holds the export exactly as it was written. */
  snapshot: string
  message: string
  identity: CommitIdentity
}

/**
 * Pushes HEAD to the branch. When the branch moved meanwhile, fetches it, rebases onto it and
 * tries again, up to MAX_PUSH_RETRIES times. Returns the commit pushed, or undefined when the
 * branch turned out to hold the export already.
 */
async function pushWithRetries(
  git: Git,
  plan: PushPlan,
  logger: Logger
): Promise<string | undefined> {
  for (let retry = 0; ; retry++) {
    const result = await git.push(`HEAD:refs/heads/${plan.branch}`)
    if (result.exitCode === 0) return git.revParse('HEAD')
    const output = `${result.stdout}\n${result.stderr}`
    const failure = classifyPushFailure(output)
    if (failure !== 'remote-moved') {
      throw pushFailureError(
        failure,
        plan.branch,
        output,
        'Use `publish: pull-request` to propose the export as a pull request instead.'
      )
    }
    if (retry === MAX_PUSH_RETRIES) {
      throw new PublishError(
        `The push to branch '${plan.branch}' was rejected ${retry + 1} times because the branch ` +
          'kept moving (other pushes in between). Run the job again, or keep jobs that push to ' +
          `'${plan.branch}' from running at the same time with \`concurrency:\`. ${gitSaid(output)}`
      )
    }
    logger.info(
      `The push to '${plan.branch}' was rejected because the branch moved; fetching it and ` +
        `rebasing (retry ${retry + 1} of ${MAX_PUSH_RETRIES}).`
    )
    if (!(await catchUp(git, plan))) return undefined
  }
}

/**
 * Rebases the local commits onto the branch as it is now, then makes sure the export's files hold
 * exactly what this run wrote (a rebase may have merged in lines of another export). Returns false
 * when nothing is left to push.
 */
async function catchUp(git: Git, plan: PushPlan): Promise<boolean> {
  const tracking = `refs/remotes/${REMOTE}/${plan.branch}`
  await git.fetch([`+refs/heads/${plan.branch}:${tracking}`])
  const rebased = await git.rebase(tracking, plan.identity)
  if (rebased.exitCode !== 0) {
    await git.abortRebase()
    throw new PublishError(
      `The local commits could not be rebased onto '${plan.branch}', which moved while the ` +
        `export ran. ${gitSaid(`${rebased.stdout}\n${rebased.stderr}`)}`
    )
  }
  await git.restorePaths(plan.snapshot, plan.paths)
  if (await git.hasStagedChanges(plan.paths)) await git.amend(plan.paths, plan.identity)

  // The rebase keeps an emptied commit; drop it when the branch already held the export.
  const head = (await git.revParse('HEAD')) as string
  const { tree, parents } = await git.commitInfo(head)
  if (parents.length === 1 && (await git.commitInfo(parents[0])).tree === tree) {
    await git.resetSoft(parents[0])
  }
  return (await git.revParse('HEAD')) !== (await git.revParse(tracking))
}
