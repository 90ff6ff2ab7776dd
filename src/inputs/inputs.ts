import { existsSync, lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  CREDENTIAL_INPUTS,
  SECRET_CREDENTIAL_INPUTS,
  selectCredentials,
  type CredentialInput,
  type Credentials
} from '../auth/credentials.js'
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
import {
  REALM_DEFAULTS,
  REALMS,
  isSecureEndpoint,
  normaliseWorkspaceUrl,
  type Realm
} from '../api/endpoints.js'
import {
  COLUMN_ID_HELP,
  columnById,
  defaultColumnIds,
  MAX_SLOT,
  parameterColumn,
  type Column
} from '../library/columns.js'
import {
  readArtifactInputs,
  requireArtifactRuntime,
  type ArtifactInputs
} from './artifact-inputs.js'
import { checkProxyRoutes, readProxySettings } from './proxy-inputs.js'
import type { ProxySettings } from '../api/proxy.js'
import type { BaselineSpec } from '../changes/baseline.js'
import { FAIL_ON_LEVELS, type FailOn } from '../report/outcome.js'
import { normaliseBranchName } from '../publish/branch-name.js'
import { BOT_IDENTITY, parseIdentity, type CommitIdentity } from '../publish/commit-identity.js'
import { parseAuditRules } from '../audit/rule-parser.js'
import type { AuditRule } from '../audit/rules.js'
import { MAX_PAGE_SIZE, type PageSizeSetting } from '../api/page-size.js'
import { STRATEGY_CHOICES, type StrategyChoice } from '../api/export-planner.js'
import { InputError } from './input-error.js'
import { readCommentSettings, type CommentSettings } from './comment-inputs.js'

/** Server-side exact matches and the client-side folder prefix (SPEC §3.3 `filter`). */
export interface LibraryFilter {
  name?: string
  comment?: string
  description?: string
  folder?: string
}

export type PublishMode = 'artifact' | 'commit' | 'pull-request' | 'none'
const PUBLISH_MODES: PublishMode[] = ['artifact', 'commit', 'pull-request', 'none']

/** Pull-request mode (SPEC §3.5). */
export interface PullRequestInputs {
  /** The branch the action force-updates. */
  branch: string
  /** Empty: the repository's default branch, asked from the API. */
  base: string
  title: string
  labels: string[]
}

/** `audit-scope`: every row, or only the added and modified ones. */
export type AuditScope = 'all' | 'changed'
const AUDIT_SCOPES: AuditScope[] = ['all', 'changed']

/** The `audit` rules (none: no audit) and `audit-scope`. */
export interface AuditSettings {
  rules: AuditRule[]
  scope: AuditScope
}

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
  /** What the change report compares against (SPEC §3.6). */
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

/** What the runner tells the step through its environment. */
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

const FILTER_KEYS = ['name', 'comment', 'description', 'folder'] as const

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
    repositoryRetentionDays: env.GITHUB_RETENTION_DAYS
  })
  const commentOnPr = readCommentSettings({
    enabled: readBoolean(Input.CommentOnPr, read(Input.CommentOnPr), false),
    eventName: env.GITHUB_EVENT_NAME,
    eventPath: env.GITHUB_EVENT_PATH,
    ref: env.GITHUB_REF
  })
  const runner: RunnerEnvironment = {
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
    audit: {
      rules: parseAuditRules(read(Input.Audit, false)),
      scope: readChoice(Input.AuditScope, read(Input.AuditScope) || 'all', AUDIT_SCOPES)
    },
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
  // Checked last, so that a mistake in any input is reported before a missing runtime.
  if (publish === 'artifact') {
    requireArtifactRuntime({
      token: env.ACTIONS_RUNTIME_TOKEN,
      resultsUrl: env.ACTIONS_RESULTS_URL
    })
  }
  if (publish === 'pull-request') {
    checkGitHubApiContext(githubToken, runner, {
      needs: '`publish: pull-request`',
      permissions: '`contents: write` and `pull-requests: write`'
    })
  }
  if (inputs.baseline.kind === 'artifact') {
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
  if (commentOnPr.pullRequest !== undefined) {
    checkGitHubApiContext(githubToken, runner, {
      needs: `\`${Input.CommentOnPr}: true\``,
      permissions: '`pull-requests: write`'
    })
  }

  return inputs
}

function readBranch(input: Input, value: string): string {
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
function readCommentAuthor(value: string): string {
  if (!value || /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(value)) return value
  throw new InputError(
    `Input '${Input.CommentAuthor}': "${value}" is not a GitHub login. Accepted: empty (the ` +
      "token's own account, or github-actions[bot] for the job's token), or a login such as " +
      'library-bot or my-app[bot].'
  )
}

function readCommitAuthor(value: string): CommitIdentity {
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

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

function readWorkspaceUrl(value: string): string {
  if (!value) {
    throw new InputError(
      `Input '${Input.WorkspaceUrl}' is required: the address of your Altium 365 workspace, ` +
        'e.g. https://acme.365.altium.com/.'
    )
  }
  const url = parseUrl(Input.WorkspaceUrl, value)
  if (!isSecureEndpoint(url)) {
    throw new InputError(
      `Input '${Input.WorkspaceUrl}': "${value}" must be an https:// address, ` +
        'e.g. https://acme.365.altium.com/.'
    )
  }
  return normaliseWorkspaceUrl(value)
}

function readEndpoint(input: Input, value: string): string {
  const url = parseUrl(input, value)
  if (!isSecureEndpoint(url)) {
    throw new InputError(
      `Input '${input}': "${value}" is not https. Credentials never travel in clear; ` +
        'use an https:// address (plain http is accepted only for localhost).'
    )
  }
  return url.toString()
}

function parseUrl(input: Input, value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input '${input}': "${value}" is not a URL. Accepted: an https:// address.`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `Input '${input}': "${value}" is not a URL. Accepted: an https:// address.`
    )
  }
  if (url.username || url.password) {
    throw new InputError(`Input '${input}' must not carry a user name or password in the address.`)
  }
  return url
}

function readChoice<T extends string>(input: Input, value: string, accepted: readonly T[]): T {
  if ((accepted as readonly string[]).includes(value)) return value as T
  throw new InputError(
    `Input '${input}': "${value}" is not accepted. Accepted: ${accepted.join(', ')}.`
  )
}

/** For `npm run bench` only, to compare the strategies side by side: not a documented input. */
function readBenchStrategy(value: string | undefined): StrategyChoice {
  if (!value) return 'adaptive'
  if ((STRATEGY_CHOICES as readonly string[]).includes(value)) return value as StrategyChoice
  throw new InputError(
    `BENCH_EXPORT_STRATEGY: "${value}" is not accepted. Accepted: ${STRATEGY_CHOICES.join(', ')}.`
  )
}

function readBoolean(input: Input, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input '${input}': "${value}" is not accepted. Accepted: true, false.`)
}

/**
 * `auto` (the default): discovery for `realm: nexar`, whose global endpoint may be in another
 * region than the workspace, and not for the Altium 365 realms, whose endpoint is the workspace's
 * own host already (and whose discovery names Nexar addresses, another provider).
 */
function readDiscovery(value: string, realm: Realm): boolean {
  if (value === '' || value.toLowerCase() === 'auto') return realm === 'nexar'
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(
    `Input '${Input.DiscoverEndpoint}': "${value}" is not accepted. Accepted: auto (discovery ` +
      'for realm: nexar only), true, false.'
  )
}

/** `auto`, or a whole number of components per request up to the largest page asked for. */
function readPageSize(value: string): PageSizeSetting {
  if (value.toLowerCase() === 'auto') return 'auto'
  return readWholeNumber(Input.PageSize, value, 1, MAX_PAGE_SIZE, 'auto')
}

/** A whole number in [min, max]; `alternative` names another accepted word, for the message. */
function readWholeNumber(
  input: Input,
  value: string,
  min: number,
  max: number,
  alternative?: string
): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  if (Number.isInteger(number) && number >= min && number <= max) return number
  throw new InputError(
    `Input '${input}': "${value}" is not accepted. Accepted: ` +
      `${alternative ? `${alternative}, or ` : ''}a whole number from ${min} to ${max}.`
  )
}

/** A positive number of minutes, decimals allowed (`0.5`), as milliseconds. */
function readMinutes(input: Input, value: string, max: number): number {
  const minutes = /^\d+(\.\d+)?$|^\.\d+$/.test(value) ? Number(value) : NaN
  if (minutes > 0 && minutes <= max) return Math.round(minutes * 60_000)
  throw new InputError(
    `Input '${input}': "${value}" is not accepted. Accepted: a number of minutes more than 0 ` +
      `and up to ${max}, e.g. 20 or 0.5.`
  )
}

function readDelimiter(raw: string): string {
  // Read untrimmed so that a tab survives; the word `tab` is accepted too.
  const value = raw === '' ? ',' : raw.trim() === 'tab' ? '\t' : raw.length === 1 ? raw : raw.trim()
  if ([...value].length === 1 && !['"', '\r', '\n'].includes(value)) return value
  throw new InputError(
    `Input '${Input.Delimiter}': "${raw}" is not accepted. Accepted: one character other than ` +
      'a double quote or a line break, e.g. `,`, `;` or `tab`.'
  )
}

function readColumns(
  columnLines: string[],
  parameterNames: string[],
  partChoices: number
): Column[] {
  const specs = columnLines.length
    ? columnLines.map((line) => {
        const separator = line.indexOf('=')
        return separator < 0
          ? { id: line, header: line }
          : { header: line.slice(0, separator).trim(), id: line.slice(separator + 1).trim() }
      })
    : defaultColumnIds(partChoices).map((id) => ({ id, header: id }))
  const columns = specs.map(({ id, header }) => {
    const column = columnById(id, header || id)
    if (!column) {
      throw new InputError(
        `Input '${Input.Columns}': unknown column "${id}". Accepted column ids: ${COLUMN_ID_HELP}.`
      )
    }
    return column
  })
  columns.push(...parameterNames.map((name) => parameterColumn(name)))
  const headers = new Set<string>()
  for (const column of columns) {
    if (headers.has(column.header)) {
      throw new InputError(
        `Inputs '${Input.Columns}' and '${Input.Parameters}': the header "${column.header}" ` +
          'appears twice. Rename one with `Header=column-id`.'
      )
    }
    headers.add(column.header)
  }
  return columns
}

function readFilter(filterLines: string[]): LibraryFilter {
  const filter: LibraryFilter = {}
  for (const line of filterLines) {
    const separator = line.indexOf('=')
    const key = line.slice(0, Math.max(separator, 0)).trim() as (typeof FILTER_KEYS)[number]
    if (separator < 0 || !FILTER_KEYS.includes(key)) {
      throw new InputError(
        `Input '${Input.Filter}': "${line}" is not accepted. Accepted lines: ` +
          `${FILTER_KEYS.map((k) => `${k}=…`).join(', ')}.`
      )
    }
    if (filter[key] !== undefined) {
      throw new InputError(`Input '${Input.Filter}': "${key}" is given twice; give it once.`)
    }
    filter[key] = line.slice(separator + 1).trim()
  }
  return filter
}

/**
 * Empty: the file at `path` before the export; `git:<ref>`: that file at a commit; `artifact`: the
 * CSV in an earlier run's artifact; anything else a CSV inside the workspace (it may be missing:
 * then this is a first export).
 */
function readBaseline(value: string, workspace: string): BaselineSpec {
  if (!value) return { kind: 'previous-file' }
  if (value === 'artifact') return { kind: 'artifact' }
  if (!value.startsWith('git:')) {
    return { kind: 'file', path: readWorkspaceFile(Input.Baseline, value, workspace) }
  }
  const ref = value.slice('git:'.length).trim()
  // A ref is handed to git: nothing that git could read as an option or a second argument.
  if (!ref || ref.startsWith('-') || /[\s:]|\p{Cc}/u.test(ref)) {
    throw new InputError(
      `Input '${Input.Baseline}': "${value}" is not accepted. Accepted: empty (the file at ` +
        `'${Input.Path}' before the export), artifact (the CSV in the previous run's artifact), a ` +
        'CSV path inside the workspace, or git:<ref> with a branch, tag or commit, e.g. ' +
        'git:main or git:${{ github.event.pull_request.base.sha }}.'
    )
  }
  return { kind: 'git', ref }
}

/**
 * A column header, or a column id (`key-column: name` finds `Part=name`). The default, `name`,
 * falls back to the first column when the columns leave `name` out, so that a narrow export still
 * gets a change report.
 */
function readKeyColumn(value: string, columns: Column[]): string {
  const column =
    columns.find((c) => c.header === value) ??
    columns.find((c) => c.id === value) ??
    (value === DEFAULT_KEY_COLUMN ? columns[0] : undefined)
  if (column) return column.header
  throw new InputError(
    `Input '${Input.KeyColumn}': "${value}" is not a column of the CSV. Accepted: one of its ` +
      `headers: ${columns.map((c) => c.header).join(', ')}.`
  )
}

/**
 * A file given by `input` must stay inside the workspace, also when a folder on the way is a
 * symbolic link pointing out of it, and never inside a `.git` folder (the repository's own files).
 * Everything that would only fail when the file is written is checked here, before any request:
 * a folder where the file goes, a file where a folder goes, a symbolic link to nothing.
 * `what` names the file in messages when it is not `value` itself (the report beside the CSV).
 */
function readWorkspaceFile(input: Input, value: string, workspace: string, what?: string): string {
  const named = what ? `${what} (${value})` : `"${value}"`
  const resolved = path.resolve(workspace, value)
  const outside = (target: string, root: string) => {
    const relative = path.relative(root, target)
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
  }
  const refuse = () =>
    new InputError(
      `Input '${input}': ${named} is outside the workspace (${workspace}). ` +
        'Accepted: a file path relative to the workspace, e.g. library_components.csv.'
    )
  const refuseGit = () =>
    new InputError(
      `Input '${input}': ${named} is inside a .git folder, where the repository keeps its own ` +
        'files. Accepted: a file path in the workspace outside .git, e.g. library_components.csv.'
    )
  if (outside(resolved, workspace)) throw refuse()
  if (insideGitFolder(path.relative(workspace, resolved))) throw refuseGit()
  // The nearest part of the path that is there; a symbolic link counts even when it leads nowhere.
  let existing = resolved
  while (!lstatExists(existing)) existing = path.dirname(existing)
  if (!existsSync(existing)) {
    throw new InputError(
      `Input '${input}': ${named} goes through ${existing}, a symbolic link to ` +
        `${readlinkSync(existing)}, which does not exist. Create what it points to, or set ` +
        `'${input}' to a path without it.`
    )
  }
  const realRoot = existsSync(workspace) ? realpathSync(workspace) : workspace
  const realExisting = realpathSync(existing)
  if (realExisting !== realRoot && outside(realExisting, realRoot)) throw refuse()
  if (insideGitFolder(path.relative(realRoot, realExisting))) throw refuseGit()
  const stats = statSync(existing)
  if (existing === resolved && stats.isDirectory()) {
    throw new InputError(`Input '${input}': ${named} is a folder. Accepted: a file path.`)
  }
  if (existing !== resolved && !stats.isDirectory()) {
    throw new InputError(
      `Input '${input}': ${named} needs ${existing} to be a folder, but it is a file. ` +
        'Accepted: a file path whose folders are folders.'
    )
  }
  return resolved
}

function lstatExists(file: string): boolean {
  try {
    lstatSync(file)
    return true
  } catch {
    return false
  }
}

/**
 * Whether a workspace-relative path has a `.git` part, spelled as any file system may take it:
 * any case, trailing dots or spaces (Windows drops them), or the short name `git~1`.
 */
export function insideGitFolder(relative: string): boolean {
  return relative
    .split(/[\\/]/)
    .some((part) => /^\.git[. ]*$/i.test(part) || /^git~\d+$/i.test(part))
}

/** `<path without .csv>.report.json`, beside the CSV. */
export function reportPathFor(csvPath: string): string {
  return `${csvPath.replace(/\.csv$/i, '')}.report.json`
}
