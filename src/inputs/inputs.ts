import path from 'node:path'
import { REALM_DEFAULTS, REALMS, type Realm } from '../api/endpoints.js'
import type { StrategyChoice } from '../api/strategy.js'
import type { LibraryFilter } from '../api/library-export.js'
import type { PageSizeSetting } from '../api/page-size.js'
import type { AuditSettings } from '../audit/audit-stage.js'
import {
  CREDENTIAL_INPUTS,
  SECRET_CREDENTIAL_INPUTS,
  selectCredentials,
  type CredentialInput,
  type Credentials
} from '../auth/credentials.js'
import type { BaselineSpec } from '../changes/baseline.js'
import {
  DEFAULT_COMMIT_MESSAGE,
  DEFAULT_DEADLINE_MINUTES,
  DEFAULT_KEY_COLUMN,
  DEFAULT_CONCURRENCY,
  DEFAULT_PATH,
  DEFAULT_PR_BRANCH,
  DEFAULT_PR_TITLE,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  DEFAULT_SCOPE,
  Input,
  MAX_CONCURRENCY,
  MAX_DEADLINE_MINUTES,
  MAX_REQUEST_TIMEOUT_SECONDS
} from '../constants.js'
import type { CommitIdentity } from '../git/commit-identity.js'
import { MAX_SLOT, type Column } from '../library/columns.js'
import { reportPathFor } from '../paths.js'
import {
  PUBLISH_MODES,
  type ArtifactInputs,
  type CommentSettings,
  type PublishMode,
  type PullRequestInputs
} from '../publish/settings.js'
import type { ProxySettings } from '../api/proxy.js'
import { FAIL_ON_LEVELS, type FailOn } from '../report/outcome.js'
import type { RunnerEnvironment } from '../runner-environment.js'
import { readArtifactInputs } from './artifact-inputs.js'
import { readCommentSettings } from './comment-inputs.js'
import { checkProxyRoutes, readProxySettings } from './proxy-inputs.js'
import { readDiscovery, readEndpoint, readWorkspaceUrl } from './endpoint-inputs.js'
import {
  readBenchStrategy,
  readColumns,
  readDelimiter,
  readFilter,
  readKeyColumn,
  readPageSize
} from './export-inputs.js'
import {
  checkGitHubContext,
  readBranch,
  readCommentAuthor,
  readCommitAuthor,
  readRunnerEnvironment
} from './publish-inputs.js'
import { readBoolean, readChoice, readMinutes, readWholeNumber, lines } from './readers.js'
import { readAuditSettings, readBaseline } from './review-inputs.js'
import { readWorkspaceFile } from './workspace-files.js'

// The only reader of the environment: every input, read and checked once, into the settings each
// stage takes. The readers live beside this file, one per concern.

/** Everything the run needs, read and checked once, before any request. */
export interface Inputs {
  workspaceUrl: string
  realm: Realm
  apiUrl: string
  /** `discover-endpoint`, with `auto` settled by the realm. */
  discoverEndpoint: boolean
  tokenUrl: string
  /** GovCloud's token endpoint wants `secure=1`. */
  tokenSecure: boolean
  credentials: Credentials
  scope: string
  /** How long one HTTP request may take (`request-timeout`). */
  requestTimeoutMs: number
  /** The company proxy the Altium requests go through (`HTTPS_PROXY`, `NO_PROXY`…). */
  proxy: ProxySettings
  /** How long the whole run may take (`deadline-minutes`). */
  deadlineMs: number
  columns: Column[]
  filter: LibraryFilter
  pageSize: PageSizeSetting
  /** Requests in flight at once. */
  concurrency: number
  /** `adaptive`; the benchmark fixes another through `BENCH_EXPORT_STRATEGY` (not an input). */
  exportStrategy: StrategyChoice
  csvPath: string
  reportPath: string
  delimiter: string
  bom: boolean
  escapeFormulas: boolean
  /** What the change report compares against (`baseline`, docs/design.md#baseline). */
  baseline: BaselineSpec
  /** The column header that identifies a component across exports. */
  keyColumn: string
  failOn: FailOn
  /** `comment-on-pr`, and the pull request to comment on when the event has one. */
  commentOnPr: CommentSettings
  publish: PublishMode
  artifact: ArtifactInputs
  /** For git fetch and push over http(s) and for the REST API; masked when read. */
  githubToken: string
  commitMessage: string
  /** Commit mode: the branch to push to; empty: the checked-out branch. */
  branch: string
  commitAuthor: CommitIdentity
  /** `comment-author`: the login whose comments the action may update; empty: ask GitHub. */
  commentAuthor: string
  pullRequest: PullRequestInputs
  audit: AuditSettings
  runner: RunnerEnvironment
}

/**
 * Reads the inputs the way the runner passes them (`INPUT_<NAME>` variables) and checks every one.
 * Secrets (the secret credentials, `github-token`, the runtime token) are handed to `maskSecret`
 * the moment they are read, before anything is printed; `name` says which input it was.
 */
export function readInputs(
  env: NodeJS.ProcessEnv,
  maskSecret: (value: string, name: string) => void
): Inputs {
  const read = (name: Input, trim = true): string => {
    const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
    return trim ? value.trim() : value
  }

  const credentialValues: Partial<Record<CredentialInput, string>> = {}
  for (const input of CREDENTIAL_INPUTS) {
    const value =
      read(input) || (env[`ALTIUM_${input.replace(/-/g, '_').toUpperCase()}`] ?? '').trim()
    // The client id and the user name identify; they are not secrets, and masking them would
    // blank out workspace URLs and paths that contain the same word.
    if (value && SECRET_CREDENTIAL_INPUTS.includes(input)) maskSecret(value, `Input '${input}'`)
    credentialValues[input] = value
  }

  const githubToken = read(Input.GithubToken)
  if (githubToken) maskSecret(githubToken, `Input '${Input.GithubToken}'`)
  // The runner masks its runtime token itself; this keeps it out of our own output elsewhere too.
  if (env.ACTIONS_RUNTIME_TOKEN) maskSecret(env.ACTIONS_RUNTIME_TOKEN, 'ACTIONS_RUNTIME_TOKEN')

  const workspaceUrl = readWorkspaceUrl(read(Input.WorkspaceUrl))
  const realm = readChoice(Input.Realm, read(Input.Realm) || 'nexar', REALMS)
  const defaults = REALM_DEFAULTS[realm]
  const apiUrl = readEndpoint(Input.ApiUrl, read(Input.ApiUrl) || defaults.apiUrl(workspaceUrl))
  const tokenUrl = readEndpoint(Input.TokenUrl, read(Input.TokenUrl) || defaults.tokenUrl)
  const proxy = readProxySettings(env, maskSecret)
  checkProxyRoutes([tokenUrl, apiUrl], proxy)
  const partChoices = readWholeNumber(
    Input.PartChoices,
    read(Input.PartChoices) || '3',
    0,
    MAX_SLOT
  )
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  const csvPath = readWorkspaceFile(Input.Path, read(Input.Path) || DEFAULT_PATH, workspace)
  const columns = readColumns(
    lines(read(Input.Columns)),
    lines(read(Input.Parameters)),
    partChoices
  )
  const publish = readChoice(Input.Publish, read(Input.Publish) || 'artifact', PUBLISH_MODES)
  const artifact = readArtifactInputs({
    name: read(Input.ArtifactName),
    retentionDays: read(Input.ArtifactRetentionDays),
    archive: readBoolean(Input.ArtifactArchive, read(Input.ArtifactArchive), true),
    csvPath,
    serverUrl: env.GITHUB_SERVER_URL,
    repository: env.GITHUB_REPOSITORY,
    runId: env.GITHUB_RUN_ID,
    repositoryRetentionDays: env.GITHUB_RETENTION_DAYS,
    runtimeToken: env.ACTIONS_RUNTIME_TOKEN,
    resultsUrl: env.ACTIONS_RESULTS_URL
  })
  const commentOnPr = readCommentSettings({
    enabled: readBoolean(Input.CommentOnPr, read(Input.CommentOnPr), false),
    eventName: env.GITHUB_EVENT_NAME,
    eventPath: env.GITHUB_EVENT_PATH,
    ref: env.GITHUB_REF
  })
  const runner = readRunnerEnvironment(env, workspace)
  const inputs: Inputs = {
    workspaceUrl,
    realm,
    apiUrl,
    discoverEndpoint: readDiscovery(read(Input.DiscoverEndpoint), realm),
    tokenUrl,
    tokenSecure: defaults.secure,
    proxy,
    credentials: selectCredentials(credentialValues),
    scope: read(Input.Scope) || DEFAULT_SCOPE,
    requestTimeoutMs:
      readWholeNumber(
        Input.RequestTimeout,
        read(Input.RequestTimeout) || String(DEFAULT_REQUEST_TIMEOUT_SECONDS),
        1,
        MAX_REQUEST_TIMEOUT_SECONDS
      ) * 1000,
    deadlineMs: readMinutes(
      Input.DeadlineMinutes,
      read(Input.DeadlineMinutes) || String(DEFAULT_DEADLINE_MINUTES),
      MAX_DEADLINE_MINUTES
    ),
    columns,
    filter: readFilter(lines(read(Input.Filter))),
    pageSize: readPageSize(read(Input.PageSize) || 'auto'),
    concurrency: readWholeNumber(
      Input.Concurrency,
      read(Input.Concurrency) || String(DEFAULT_CONCURRENCY),
      1,
      MAX_CONCURRENCY
    ),
    exportStrategy: readBenchStrategy(env.BENCH_EXPORT_STRATEGY),
    csvPath,
    reportPath: readWorkspaceFile(
      Input.Path,
      path.relative(workspace, reportPathFor(csvPath)),
      workspace,
      'the JSON report beside the CSV'
    ),
    delimiter: readDelimiter(read(Input.Delimiter, false)),
    bom: readBoolean(Input.Bom, read(Input.Bom), false),
    escapeFormulas: readBoolean(Input.EscapeFormulas, read(Input.EscapeFormulas), true),
    baseline: readBaseline(read(Input.Baseline), workspace),
    keyColumn: readKeyColumn(read(Input.KeyColumn) || DEFAULT_KEY_COLUMN, columns),
    audit: readAuditSettings(read(Input.Audit, false), read(Input.AuditScope)),
    failOn: readChoice(Input.FailOn, read(Input.FailOn) || 'error', FAIL_ON_LEVELS),
    commentOnPr,
    publish,
    artifact,
    githubToken,
    commitMessage: read(Input.CommitMessage) || DEFAULT_COMMIT_MESSAGE,
    branch: read(Input.Branch) ? readBranch(Input.Branch, read(Input.Branch)) : '',
    commitAuthor: readCommitAuthor(read(Input.CommitAuthor)),
    commentAuthor: readCommentAuthor(read(Input.CommentAuthor)),
    pullRequest: {
      branch: readBranch(Input.PrBranch, read(Input.PrBranch) || DEFAULT_PR_BRANCH),
      base: read(Input.PrBase) ? readBranch(Input.PrBase, read(Input.PrBase)) : '',
      title: read(Input.PrTitle) || DEFAULT_PR_TITLE,
      labels: [...new Set(lines(read(Input.PrLabels)))]
    },
    runner
  }
  checkGitHubContext(inputs)

  return inputs
}
