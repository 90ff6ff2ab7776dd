/** Every input name of action.yml, spelled once. */
export enum Input {
  WorkspaceUrl = 'workspace-url',
  Realm = 'realm',
  ApiUrl = 'api-url',
  DiscoverEndpoint = 'discover-endpoint',
  TokenUrl = 'token-url',
  AccessToken = 'access-token',
  ClientId = 'client-id',
  ClientSecret = 'client-secret',
  RefreshToken = 'refresh-token',
  Username = 'username',
  Password = 'password',
  Scope = 'scope',
  RequestTimeout = 'request-timeout',
  DeadlineMinutes = 'deadline-minutes',
  Columns = 'columns',
  Parameters = 'parameters',
  PartChoices = 'part-choices',
  Filter = 'filter',
  PageSize = 'page-size',
  Concurrency = 'concurrency',
  Path = 'path',
  Delimiter = 'delimiter',
  Bom = 'bom',
  EscapeFormulas = 'escape-formulas',
  Baseline = 'baseline',
  KeyColumn = 'key-column',
  Audit = 'audit',
  AuditScope = 'audit-scope',
  FailOn = 'fail-on',
  CommentOnPr = 'comment-on-pr',
  CommentAuthor = 'comment-author',
  Publish = 'publish',
  ArtifactName = 'artifact-name',
  ArtifactRetentionDays = 'artifact-retention-days',
  ArtifactArchive = 'artifact-archive',
  GithubToken = 'github-token',
  CommitMessage = 'commit-message',
  Branch = 'branch',
  CommitAuthor = 'commit-author',
  PrBranch = 'pr-branch',
  PrBase = 'pr-base',
  PrTitle = 'pr-title',
  PrLabels = 'pr-labels'
}

/** Every output name of action.yml. */
export enum Output {
  CsvPath = 'csv-path',
  ReportPath = 'report-path',
  ComponentCount = 'component-count',
  ApiUrl = 'api-url',
  ArtifactId = 'artifact-id',
  ArtifactUrl = 'artifact-url',
  Changed = 'changed',
  Added = 'added',
  Removed = 'removed',
  Modified = 'modified',
  AuditErrors = 'audit-errors',
  AuditWarnings = 'audit-warnings',
  CommitSha = 'commit-sha',
  PullRequestNumber = 'pull-request-number',
  PullRequestUrl = 'pull-request-url'
}

export const DEFAULT_SCOPE = 'openid profile email user.access design.domain offline_access'
/** Requests in flight at once by default: the listing and three batches of details. */
export const DEFAULT_CONCURRENCY = 4
export const MAX_CONCURRENCY = 16
export const DEFAULT_PATH = 'library_components.csv'
export const DEFAULT_KEY_COLUMN = 'name'

export const DEFAULT_COMMIT_MESSAGE = 'chore(library): update Altium library export'
export const DEFAULT_PR_BRANCH = 'altium-library/update'
export const DEFAULT_PR_TITLE = 'Update Altium library export'
/** Seconds one HTTP request may take before it is abandoned and retried (`request-timeout`). */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 60
export const MAX_REQUEST_TIMEOUT_SECONDS = 600
/** Minutes the whole run may take (`deadline-minutes`); below a typical step `timeout-minutes`. */
export const DEFAULT_DEADLINE_MINUTES = 20
/** GitHub stops any job after 6 hours. */
export const MAX_DEADLINE_MINUTES = 360
