/** What the runner tells the step through its environment, read once by `inputs/`. */
export interface RunnerEnvironment {
  workspace: string
  summaryFileAvailable: boolean
  /** `owner/name` (GITHUB_REPOSITORY); empty off GitHub. */
  repository: string
  /** The REST API base (GITHUB_API_URL). */
  apiUrl: string
  /**
   * GITHUB_SERVER_URL's origin, e.g. https://github.com: the only host git sends `github-token` to.
   */
  serverUrl: string
  /** The pull request's head branch on pull_request events (GITHUB_HEAD_REF); else empty. */
  headRef: string
  /** GITHUB_RUN_ID; empty off GitHub. */
  runId: string
  /**
   * The branch whose earlier runs are this run's history: a pull request's base branch
   * (GITHUB_BASE_REF), else the run's branch (GITHUB_REF_NAME); empty off GitHub.
   */
  historyBranch: string
  /** The runner's temp folder (RUNNER_TEMP), outside the workspace; the system's off GitHub. */
  tempDir: string
}
