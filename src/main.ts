import { Deadline } from './api/deadline.js'
import { discoverEndpoint, type ResolvedEndpoint } from './api/discovery.js'
import { AltiumGraphqlClient, type GraphqlClientOptions } from './api/graphql-client.js'
import { exportLibrary, type LibraryExport } from './api/library-export.js'
import { describeProxyUse } from './api/proxy.js'
import { DEFAULT_RETRY_POLICY } from './api/retry.js'
import { annotateFindings } from './audit/annotations.js'
import { auditLibrary, auditReport } from './audit/audit-stage.js'
import { withAuditSection } from './audit/audit-summary.js'
import { auditFields } from './audit/rules.js'
import { createTokenProvider } from './auth/token-client.js'
import { readBaseline } from './changes/baseline.js'
import {
  describeBaselineFile,
  describeMissingBaseline,
  isChanged,
  type ChangeReport
} from './changes/change-report.js'
import { changedRows } from './changes/changed-rows.js'
import { compareTables } from './changes/compare.js'
import { Output } from './constants.js'
import { writeFilesAtomically } from './csv/atomic-write.js'
import { csvChunks, exportedTable } from './csv/csv-file.js'
import { readInputs, type Inputs } from './inputs/inputs.js'
import { cleanCell, fieldsFor, LIFECYCLE_FIELD, RecordCollector } from './library/records.js'
import { describeFailure } from './failure-message.js'
import { Logger, type LogSink } from './logger.js'
import { Git } from './git/git.js'
import { earlierArtifacts } from './publish/earlier-artifacts.js'
import { GitHubApi } from './publish/github-api.js'
import { checkPublishSetup } from './publish/preflight.js'
import { publishExport, publishOutputs, renderPublishSummary } from './publish/publish.js'
import { commentOnPullRequest, renderCommentSummary } from './publish/pull-request-comment.js'
import { workspaceRelative } from './paths.js'
import { buildReport, renderReport } from './report/export-report.js'
import { extendHistory } from './report/history.js'
import { stepFailure } from './report/outcome.js'
import { renderSummary } from './report/summary.js'
import { renderTrend } from './report/trend.js'
import { newRunStats, type RunStats } from './run-stats.js'

/**
 * The flow drawn in docs/design.md#the-flow-of-one-run: inputs → baseline → publish setup →
 * credentials → token → endpoint → paged export → records → CSV, changes, audit and report →
 * annotations and outputs → publish and the pull-request comment → job summary → the step's
 * result (`fail-on`). Any failure is reported once, with secrets blanked out. Without `env` it
 * reads the process's environment, as GitHub's local debugger (`@github/local-action`) calls it.
 * `sink` is where the Logger prints: the runner's workflow commands unless the command line
 * passes its terminal.
 */
export async function run(env: NodeJS.ProcessEnv = process.env, sink?: LogSink): Promise<void> {
  const logger = new Logger(sink)
  const started = Date.now()
  let inputs: Inputs | undefined
  try {
    inputs = readInputs(env, (secret, name) => logger.addSecret(secret, name))
    const { githubToken: token, runner } = inputs
    // Read before anything is replaced (the default is the previous file at `path`), and before
    // any request, so that a bad ref fails fast.
    const deadline = new Deadline(inputs.deadlineMs)
    const git = (cwd: string) =>
      new Git({
        cwd,
        env,
        logger,
        token,
        serverUrl: runner.serverUrl
      })
    const connectGitHub = () =>
      GitHubApi.connect({
        token,
        apiUrl: runner.apiUrl,
        repository: runner.repository,
        logger,
        deadline
      })
    const baseline = await readBaseline(inputs.baseline, {
      csvPath: inputs.csvPath,
      reportPath: inputs.reportPath,
      workspace: inputs.runner.workspace,
      delimiter: inputs.delimiter,
      git: git(inputs.runner.workspace),
      artifacts:
        inputs.baseline.kind === 'artifact'
          ? earlierArtifacts(
              {
                wanted: {
                  name: inputs.artifact.name,
                  branch: runner.historyBranch,
                  runId: runner.runId
                },
                repository: runner.repository,
                serverUrl: runner.serverUrl,
                token,
                tempDir: runner.tempDir
              },
              connectGitHub
            )
          : undefined
    })
    // A run that cannot publish fails now, not after the export.
    const publishSetup = await checkPublishSetup(inputs, git, connectGitHub)
    const stats = newRunStats()
    const { client, endpoint } = await connect(inputs, logger, stats, deadline)

    logger.info(
      `Exporting the component library of ${inputs.workspaceUrl} from ${endpoint.apiUrl}.`
    )
    // Rows are made as components arrive; the audit is the one stage that reads the components.
    // The audit's rules may read fields no column needs; they are fetched, not written.
    const fields = new Set([
      ...fieldsFor(inputs.columns, inputs.filter.folder),
      ...auditFields(inputs.audit.rules)
    ])
    const collector = new RecordCollector(inputs.columns, {
      folder: inputs.filter.folder,
      keepComponents: inputs.audit.rules.length > 0,
      escapeFormulas: inputs.escapeFormulas,
      // The history counts lifecycle states only when they are fetched anyway.
      countLifecycle: fields.has(LIFECYCLE_FIELD)
    })
    const library = await exportLibrary(
      client,
      {
        workspaceUrl: inputs.workspaceUrl,
        pageSize: inputs.pageSize,
        concurrency: inputs.concurrency,
        strategy: inputs.exportStrategy,
        filter: inputs.filter,
        fields
      },
      collector,
      logger
    )
    const records = collector.sorted()

    const headers = inputs.columns.map((column) => column.header)
    // The comparison sees exactly the cells the file holds.
    const { escapeFormulas } = inputs
    const fileHeaders = headers.map((header) => cleanCell(header, escapeFormulas))
    const written = exportedTable(fileHeaders, records)
    const changes = compareTables(baseline.table, written, inputs.keyColumn, baseline.info)
    const inScope = () => changedRows(written, changes)
    const audit = auditLibrary(records, inputs.audit, inScope, logger)
    const report = buildReport({
      workspaceUrl: inputs.workspaceUrl,
      apiUrl: endpoint.apiUrl,
      region: endpoint.region,
      csvPath: inputs.csvPath,
      workspace: inputs.runner.workspace,
      headers,
      filter: inputs.filter,
      components: records.length,
      serverTotal: library.totalCount,
      received: library.received,
      changes,
      audit: audit && auditReport(audit),
      history: extendHistory(baseline.history, {
        date: new Date().toISOString().slice(0, 10),
        runId: runner.runId,
        components: records.length,
        ...changes.counts,
        auditErrors: audit?.result.errors ?? 0,
        auditWarnings: audit?.result.warnings ?? 0,
        ...(collector.lifecycle.size ? { lifecycle: lifecycleCounts(collector.lifecycle) } : {})
      })
    })
    await writeFilesAtomically([
      { path: inputs.csvPath, content: csvChunks(fileHeaders, records, inputs) },
      { path: inputs.reportPath, content: renderReport(report) }
    ])
    logger.info(`Wrote ${records.length} components to ${inputs.csvPath}.`)
    const countWarning = checkCount(library, logger)
    if (audit) annotateFindings(audit.result.findings, report.csv, logger)

    // The files are in place whatever happens next, so their outputs are set now.
    logger.setOutput(Output.CsvPath, inputs.csvPath)
    logger.setOutput(Output.ReportPath, inputs.reportPath)
    logger.setOutput(Output.ComponentCount, records.length)
    logger.setOutput(Output.ApiUrl, endpoint.apiUrl)
    reportChanges(changes, logger)
    logger.setOutput(Output.AuditErrors, audit?.result.errors ?? 0)
    logger.setOutput(Output.AuditWarnings, audit?.result.warnings ?? 0)

    // A failure here fails the step; the files just written stay in the workspace.
    const published = await publishExport(
      { csvPath: inputs.csvPath, reportPath: inputs.reportPath },
      report,
      inputs,
      env,
      logger,
      { deadline, setup: publishSetup }
    )
    for (const [name, value] of publishOutputs(published)) logger.setOutput(name, value)
    // A comment GitHub refuses fails the step at the end, after the summary (`comment-on-pr`).
    const reportFile = workspaceRelative(inputs.runner.workspace, inputs.reportPath)
    const comment = await commentOnPullRequest(
      report,
      { csv: report.csv, reportFile },
      inputs,
      logger,
      deadline
    )

    const summary =
      renderSummary({
        report,
        stats,
        pages: library.pages,
        pageSize: library.pageSize,
        strategy: library.strategyLine,
        durationMs: Date.now() - started,
        countWarning,
        reportFile,
        lifecycle: report.history.at(-1)?.lifecycle
      }) +
      renderTrend(report.history) +
      renderPublishSummary(published) +
      renderCommentSummary(comment)
    await logger.writeSummary(
      audit ? withAuditSection(summary, audit, report.csv) : summary,
      inputs.runner.summaryFileAvailable
    )

    // Decided last, so that a failing step still leaves its files, outputs and summary.
    if (comment.failure) logger.fail(comment.failure)
    const failure = stepFailure(inputs.failOn, {
      changed: isChanged(changes),
      ...changes.counts,
      firstExport: changes.firstExport,
      csv: report.csv,
      auditErrors: audit?.result.errors ?? 0,
      auditWarnings: audit?.result.warnings ?? 0
    })
    if (failure) logger.fail(failure)
  } catch (error) {
    reportFailure(error, logger, inputs?.workspaceUrl)
  }
}

/** Credentials → token provider → the endpoint to export from (after discovery) → its client. */
async function connect(
  inputs: Inputs,
  logger: Logger,
  stats: RunStats,
  deadline: Deadline
): Promise<{ client: AltiumGraphqlClient; endpoint: ResolvedEndpoint }> {
  const retry = DEFAULT_RETRY_POLICY
  const timeoutMs = inputs.requestTimeoutMs
  const tokens = createTokenProvider(
    inputs.credentials,
    {
      url: inputs.tokenUrl,
      secure: inputs.tokenSecure,
      scope: inputs.scope,
      timeoutMs,
      retry,
      deadline,
      proxy: inputs.proxy
    },
    logger,
    stats
  )
  const proxy = inputs.proxy
  const proxyUse = describeProxyUse([inputs.tokenUrl, inputs.apiUrl], proxy)
  if (proxyUse) logger.info(proxyUse)
  const options: GraphqlClientOptions = { retry, timeoutMs, deadline, proxy, logger, stats }
  const configured = new AltiumGraphqlClient(inputs.apiUrl, tokens, options)
  if (!inputs.discoverEndpoint) {
    return { client: configured, endpoint: { apiUrl: inputs.apiUrl } }
  }
  const endpoint = await discoverEndpoint(configured, inputs.workspaceUrl, logger)
  return { client: new AltiumGraphqlClient(endpoint.apiUrl, tokens, options), endpoint }
}

/** The change counts as outputs, and one line for the log. */
function reportChanges(changes: ChangeReport, logger: Logger): void {
  const { added, removed, modified } = changes.counts
  logger.setOutput(Output.Changed, String(isChanged(changes)))
  logger.setOutput(Output.Added, added)
  logger.setOutput(Output.Removed, removed)
  logger.setOutput(Output.Modified, modified)
  const against = describeBaselineFile(changes.baseline).replace(/`/g, '')
  logger.info(
    changes.firstExport
      ? `First export: ${describeMissingBaseline(changes.baseline).replace(/`/g, '')}, so ${added} components count as added.`
      : `Since ${against}: ${added} added, ${removed} removed, ${modified} modified.`
  )
}

/** Lifecycle states in a fixed order (by name), so the report is the same on every run. */
function lifecycleCounts(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** A server count that disagrees with what arrived is worth a warning, not a failure. */
function checkCount(library: LibraryExport, logger: Logger): string | undefined {
  if (library.received === library.totalCount) return undefined
  const warning =
    `The server said the library holds ${library.totalCount} components but ` +
    `${library.received} arrived. The file holds what arrived.`
  logger.warning(warning)
  return warning
}

function reportFailure(error: unknown, logger: Logger, workspaceUrl?: string): void {
  const failure = describeFailure(error, workspaceUrl)
  logger.fail(failure.message)
  // Line by line: the logger prints each message as one line.
  for (const line of failure.stack?.split('\n') ?? []) logger.debug(line)
}
