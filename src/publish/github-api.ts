import type { getOctokit } from '@actions/github'
import type { Deadline } from '../api/deadline.js'
import type { ListedArtifact } from '../changes/artifact-choice.js'
import { Input } from '../constants.js'
import type { Logger } from '../logger.js'
import { deadlineBound, retriesOf, retryOptions } from './github-retries.js'
import { PublishError } from './publish-result.js'

type Octokit = ReturnType<typeof getOctokit>

export interface PullRequest {
  number: number
  url: string
}

export interface IssueComment {
  id: number
  body: string
  /** The login of whoever wrote it, e.g. `github-actions[bot]`. */
  author: string
  url: string
}

export interface GitHubApiOptions {
  token: string
  /** GITHUB_API_URL, e.g. https://api.github.com. */
  apiUrl: string
  /** `owner/name`. */
  repository: string
  logger: Logger
  /** The run's deadline: no retry waits past it. */
  deadline: Deadline
}

/** What a 403 asks for when the pull-request modes are refused. */
const PUBLISH_PERMISSION = '`permissions: contents: write` and `pull-requests: write`'
/** What a 403 asks for when a comment is refused (either permission lets a token comment). */
const COMMENT_PERMISSION = '`permissions: pull-requests: write` (or `issues: write`)'

/** What a 403 asks for when the artifacts may not be listed (`baseline: artifact`). */
export const ARTIFACTS_PERMISSION =
  '`actions: read`: add `permissions:` with `actions: read` and `contents: read` to the job (a ' +
  '`permissions:` block sets every permission it leaves out to none)'

/** The setting GitHub names in its 403 when Actions may not open pull requests. */
const NOT_PERMITTED = /not permitted to create or approve pull requests/i

/**
 * Every call to GitHub's REST API goes through here, through `@actions/github`. It is loaded only
 * when a mode needs it, so the other modes do not pay for it. Failures become messages that say
 * which permission or setting is missing.
 */
export class GitHubApi {
  private constructor(
    private readonly octokit: Octokit,
    readonly owner: string,
    readonly repo: string
  ) {}

  static async connect(options: GitHubApiOptions): Promise<GitHubApi> {
    // Loaded only here: the bundler puts them in chunks of their own, read when a mode needs them.
    const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
      import('@actions/github'),
      import('@octokit/plugin-retry'),
      import('@octokit/plugin-throttling')
    ])
    const { logger, deadline } = options
    const octokit = getOctokit(
      options.token,
      {
        baseUrl: options.apiUrl.replace(/\/+$/, ''),
        log: {
          debug: (message: string) => logger.debug(message),
          info: (message: string) => logger.debug(message),
          warn: (message: string) => logger.debug(message),
          error: (message: string) => logger.debug(message)
        },
        ...retryOptions(deadline, logger)
      },
      // In this order: the deadline's check sees every try the retry plugin makes.
      deadlineBound(deadline, logger),
      retry,
      throttling
    )
    const [owner, repo] = options.repository.split('/')
    return new GitHubApi(octokit, owner, repo)
  }

  /**
   * The login `github-token` belongs to, or undefined when the token may not ask (a GitHub App's
   * installation token, the job's own token among them, gets a 403 here).
   */
  async tokenLogin(): Promise<string | undefined> {
    try {
      return (await this.octokit.rest.users.getAuthenticated()).data.login
    } catch (error) {
      const status = (error as { status?: unknown }).status
      if (status === 403 || status === 404) return undefined
      throw explainApiError('ask who the token belongs to', this.fullName, error)
    }
  }

  async defaultBranch(): Promise<string> {
    const repository = await this.call('read the repository', () =>
      this.octokit.rest.repos.get({ owner: this.owner, repo: this.repo })
    )
    return repository.default_branch
  }

  /** The open pull request from `branch` (of this repository) into `base`, if there is one. */
  async findOpenPullRequest(branch: string, base: string): Promise<PullRequest | undefined> {
    const pulls = await this.call('list pull requests', () =>
      this.octokit.rest.pulls.list({
        owner: this.owner,
        repo: this.repo,
        head: `${this.owner}:${branch}`,
        base,
        state: 'open',
        per_page: 10
      })
    )
    return pulls.length ? { number: pulls[0].number, url: pulls[0].html_url } : undefined
  }

  async createPullRequest(pull: {
    branch: string
    base: string
    title: string
    body: string
  }): Promise<PullRequest> {
    const created = await this.call('create the pull request', () =>
      this.octokit.rest.pulls.create({
        owner: this.owner,
        repo: this.repo,
        head: pull.branch,
        base: pull.base,
        title: pull.title,
        body: pull.body
      })
    )
    return { number: created.number, url: created.html_url }
  }

  async updatePullRequest(
    number: number,
    pull: { title: string; body: string }
  ): Promise<PullRequest> {
    const updated = await this.call(`update pull request #${number}`, () =>
      this.octokit.rest.pulls.update({
        owner: this.owner,
        repo: this.repo,
        pull_number: number,
        title: pull.title,
        body: pull.body
      })
    )
    return { number: updated.number, url: updated.html_url }
  }

  /** Adds labels (GitHub creates missing ones); labels already on it stay. */
  async addLabels(number: number, labels: string[]): Promise<void> {
    await this.call(`label pull request #${number}`, () =>
      this.octokit.rest.issues.addLabels({
        owner: this.owner,
        repo: this.repo,
        issue_number: number,
        labels
      })
    )
  }

  /**
   * The first comment, oldest first, that `match` accepts; pages through the comments only as far
   * as needed.
   */
  async findComment(
    issue: number,
    match: (comment: IssueComment) => boolean
  ): Promise<IssueComment | undefined> {
    const what = `list the comments of #${issue}`
    try {
      const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, {
        owner: this.owner,
        repo: this.repo,
        issue_number: issue,
        per_page: 100
      })
      for await (const page of pages) {
        for (const comment of page.data) {
          const found = {
            id: comment.id,
            body: comment.body ?? '',
            author: comment.user?.login ?? '',
            url: comment.html_url
          }
          if (match(found)) return found
        }
      }
      return undefined
    } catch (error) {
      throw explainApiError(what, this.fullName, error, COMMENT_PERMISSION)
    }
  }

  async createComment(issue: number, body: string): Promise<{ id: number; url: string }> {
    const comment = await this.call(
      `comment on #${issue}`,
      () =>
        this.octokit.rest.issues.createComment({
          owner: this.owner,
          repo: this.repo,
          issue_number: issue,
          body
        }),
      COMMENT_PERMISSION
    )
    return { id: comment.id, url: comment.html_url }
  }

  async updateComment(id: number, body: string): Promise<void> {
    await this.call(
      `update comment ${id}`,
      () =>
        this.octokit.rest.issues.updateComment({
          owner: this.owner,
          repo: this.repo,
          comment_id: id,
          body
        }),
      COMMENT_PERMISSION
    )
  }

  /** Every artifact of the repository with that exact name, as GitHub lists them (paged). */
  async listArtifacts(name: string): Promise<ListedArtifact[]> {
    const what = `list the artifacts named "${name}"`
    const found: ListedArtifact[] = []
    try {
      const pages = this.octokit.paginate.iterator(this.octokit.rest.actions.listArtifactsForRepo, {
        owner: this.owner,
        repo: this.repo,
        name,
        per_page: 100
      })
      for await (const page of pages) {
        for (const artifact of page.data) {
          const run = artifact.workflow_run
          found.push({
            id: artifact.id,
            name: artifact.name,
            expired: artifact.expired,
            createdAt: artifact.created_at ?? '',
            ...(run?.id !== undefined
              ? { workflowRun: { id: run.id, headBranch: run.head_branch ?? '' } }
              : {})
          })
        }
      }
      return found
    } catch (error) {
      throw explainApiError(what, this.fullName, error, ARTIFACTS_PERMISSION)
    }
  }

  private get fullName(): string {
    return `${this.owner}/${this.repo}`
  }

  private async call<T>(
    what: string,
    request: () => Promise<{ data: T }>,
    permission?: string
  ): Promise<T> {
    try {
      return (await request()).data
    } catch (error) {
      throw explainApiError(what, this.fullName, error, permission)
    }
  }
}

/** A primary (`x-ratelimit-remaining: 0`) or secondary rate limit, as GitHub signals them. */
function isRateLimit(error: unknown, said: string): boolean {
  const headers = (error as { response?: { headers?: Record<string, string> } }).response?.headers
  return headers?.['x-ratelimit-remaining'] === '0' || /\brate limit/i.test(said)
}

interface ApiErrorBody {
  message?: string
  errors?: ({ message?: string; code?: string; field?: string } | string)[]
}

/**
 * A REST failure as a message that names the missing permission (`permission`, as the job's
 * `permissions:` would grant it) or setting.
 */
export function explainApiError(
  what: string,
  repository: string,
  error: unknown,
  permission = PUBLISH_PERMISSION
): Error {
  const status = (error as { status?: unknown }).status
  if (typeof status !== 'number') {
    const reason = error instanceof Error ? error.message : String(error)
    return new PublishError(`Could not ${what} in ${repository}: ${reason}`)
  }
  const body = ((error as { response?: { data?: unknown } }).response?.data ?? {}) as ApiErrorBody
  const message = typeof body === 'object' && body.message ? body.message : `HTTP ${status}`
  const details = (Array.isArray(body.errors) ? body.errors : [])
    .map((e) => (typeof e === 'string' ? e : (e.message ?? [e.field, e.code].join(' '))))
    .filter(Boolean)
  const said = [message, ...details].join(': ')
  const { tries, stoppedByDeadline } = retriesOf(error)
  const retried =
    tries > 1 || stoppedByDeadline
      ? ` It was tried ${tries} ${tries === 1 ? 'time' : 'times'}` +
        (stoppedByDeadline
          ? `; the next wait would have run past \`${Input.DeadlineMinutes}\`.`
          : '.')
      : ''
  if ((status === 403 || status === 429) && isRateLimit(error, said)) {
    return new PublishError(
      `GitHub's rate limit stopped the action when trying to ${what} in ${repository} ` +
        `(${status} ${said}).${retried} Run the job again later, or run fewer jobs with this ` +
        'token at the same time.'
    )
  }
  if (status >= 500) {
    return new PublishError(
      `GitHub failed to ${what} in ${repository} (${status} ${said}).${retried} GitHub may be ` +
        'having trouble (https://www.githubstatus.com): run the job again later.'
    )
  }
  switch (status) {
    case 401:
      return new PublishError(
        `GitHub did not accept the token in '${Input.GithubToken}' (401 ${said}) when trying to ` +
          `${what}. Leave it at its default (\${{ github.token }}) or give a valid token.`
      )
    case 403:
      if (NOT_PERMITTED.test(said)) {
        return new PublishError(
          `GitHub refused to ${what} in ${repository}: "${message}" Turn on "Allow GitHub ` +
            'Actions to create and approve pull requests" (repository or organisation Settings → ' +
            'Actions → General → Workflow permissions) and give the job `permissions: ' +
            'pull-requests: write` and `contents: write`.'
        )
      }
      return new PublishError(
        `GitHub refused to ${what} in ${repository} (403 ${said}). Give the job ` +
          `${permission}; pull requests from forks always get a read-only token.`
      )
    case 404:
      return new PublishError(
        `GitHub found nothing when trying to ${what} in ${repository} (404 ${said}). Check that ` +
          `the repository exists and the token in '${Input.GithubToken}' can see it.`
      )
    case 422:
      return new PublishError(`GitHub refused to ${what} in ${repository} (422 ${said}).`)
    default:
      return new PublishError(`GitHub failed to ${what} in ${repository} (${status} ${said}).`)
  }
}
