import type { RunnerEnvironment } from '../runner-environment.js'
import type { CommitIdentity } from '../git/commit-identity.js'

// The settings the publishing stage and the pull-request comment take. `inputs/` reads them from
// the environment and checks them; these modules only say what they need.

export type PublishMode = 'artifact' | 'commit' | 'pull-request' | 'none'
export const PUBLISH_MODES: PublishMode[] = ['artifact', 'commit', 'pull-request', 'none']

/** Everything `publish: artifact` needs, checked before any request. */
export interface ArtifactInputs {
  /**
   * The artifact's name. With `archive: false` the artifact client names the artifact after the
   * uploaded file instead, so this is the CSV's file name then.
   */
  name: string
  /** Days to keep the artifact; undefined: the repository's default. */
  retentionDays?: number
  /** true: one zip holding the CSV and the JSON report; false: the CSV alone, unzipped. */
  archive: boolean
  /** The repository's own limit (`GITHUB_RETENTION_DAYS`), which caps `retentionDays`. */
  repositoryRetentionDays?: number
  /** Where the run's artifacts are listed, for the `artifact-url` output. */
  run: WorkflowRun
  /**
   * The runner's artifact variables that are not set (`ACTIONS_RUNTIME_TOKEN`,
   * `ACTIONS_RESULTS_URL`): empty on an action step on GitHub. When some are missing, the
   * artifact client present is asked before the export whether it can upload anyway.
   */
  missingRuntime: string[]
}

export interface WorkflowRun {
  /** `GITHUB_SERVER_URL`, e.g. https://github.com. */
  serverUrl: string
  /** `GITHUB_REPOSITORY`, `owner/name`; empty outside a workflow. */
  repository: string
  /** `GITHUB_RUN_ID`; empty outside a workflow. */
  runId: string
}

/** Pull-request mode (docs/publishing.md#propose-library-changes-as-a-pull-request). */
export interface PullRequestInputs {
  /** The branch the action force-updates. */
  branch: string
  /** Empty: the repository's default branch, asked from the API. */
  base: string
  title: string
  labels: string[]
}

/** The runner's facts that publishing uses. */
export type PublishRunner = Pick<
  RunnerEnvironment,
  'workspace' | 'serverUrl' | 'headRef' | 'apiUrl' | 'repository'
>

/** What `publishExport` and the checks before the export read. */
export interface PublishSettings {
  publish: PublishMode
  csvPath: string
  artifact: ArtifactInputs
  /** For git fetch and push over http(s) and for the REST API; masked when read. */
  githubToken: string
  commitMessage: string
  /** Commit mode: the branch to push to; empty: the checked-out branch. */
  branch: string
  commitAuthor: CommitIdentity
  pullRequest: PullRequestInputs
  runner: PublishRunner
}

/** The events whose runs belong to a pull request, so that `comment-on-pr` has one to comment on. */
export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target']

/** `comment-on-pr` and the run's event (docs/changes-and-audit.md#comment-on-pull-requests). */
export interface CommentSettings {
  enabled: boolean
  /** GITHUB_EVENT_NAME, e.g. `pull_request`; empty off GitHub. */
  event: string
  /** The pull request's number, on pull request events only. */
  pullRequest?: number
}

/** What `commentOnPullRequest` reads. */
export interface CommentStageSettings {
  commentOnPr: CommentSettings
  githubToken: string
  /** `comment-author`: the login whose comments the action may update; empty: ask GitHub. */
  commentAuthor: string
  runner: Pick<RunnerEnvironment, 'apiUrl' | 'repository'>
}
