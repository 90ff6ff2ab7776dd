import type { getOctokit } from '@actions/github'
import type { Deadline } from '../api/deadline.js'
import type { ListedArtifact } from '../changes/artifact-choice.js'
import type { Logger } from '../logger.js'
import { explainApiError } from './github-errors.js'
import { deadlineBound, retryOptions } from './github-retries.js'

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

/** What a 403 asks for when a comment is refused (either permission lets a token comment). */
const COMMENT_PERMISSION = '`permissions: pull-requests: write` (or `issues: write`)'

/** What a 403 asks for when the artifacts may not be listed (`baseline: artifact`). */
export const ARTIFACTS_PERMISSION =
  '`actions: read`: add `permissions:` with `actions: read` and `contents: read` to the job (a ' +
  '`permissions:` block sets every permission it leaves out to none)'

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
