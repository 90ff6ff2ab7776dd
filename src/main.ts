import { Deadline } from './api/deadline.js'
import { discoverEndpoint, type ResolvedEndpoint } from './api/discovery.js'
import { AltiumGraphqlClient, type GraphqlClientOptions } from './api/graphql-client.js'
import { exportLibrary, type LibraryExport } from './api/library-export.js'
import { DEFAULT_RETRY_POLICY } from './api/retry.js'
import { annotateFindings } from './audit/annotations.js'
import { auditLibrary, auditReport } from './audit/audit-stage.js'
import { withAuditSection } from './audit/audit-summary.js'
import { auditFields } from './audit/rules.js'
import { createTokenProvider } from './auth/token-client.js'
import { readBaseline } from './changes/baseline.js'
import { describeBaselineFile, isChanged, type ChangeReport } from './changes/change-report.js'
import { changedRows } from './changes/changed-rows.js'
import { compareTables } from './changes/compare.js'
import { Output } from './constants.js'
import { writeFilesAtomically } from './csv/atomic-write.js'
import { csvChunks, exportedTable } from './csv/csv-file.js'
import { readInputs, type Inputs } from './inputs/inputs.js'
import { cleanCell, fieldsFor, RecordCollector } from './library/records.js'
import { describeFailure } from './failure-message.js'
import { Logger } from './logger.js'
import { Git } from './publish/git.js'
import { publishExport, publishOutputs, renderPublishSummary } from './publish/publish.js'
import { commentOnPullRequest, renderCommentSummary } from './publish/pull-request-comment.js'
import { buildReport, renderReport, workspaceRelative } from './report/export-report.js'
import { stepFailure } from './report/outcome.js'
import { renderSummary } from './report/summary.js'
import { newRunStats, type RunStats } from './run-stats.js'

/**
 * The flow of SPEC §2: inputs → baseline → credentials → token → endpoint → paged export → records
 * → CSV, changes, audit and report → annotations and outputs → publish and the pull-request
 * comment → job summary → the step's result (`fail-on`). Any failure is reported once, with
 * secrets blanked out.
 */
export async function run(env: NodeJS.ProcessEnv): Promise<void> {
  const logger = new Logger()
  const started = Date.now()
  let inputs: Inputs | undefined
  try {
    inputs = readInputs(env, (secret) => logger.addSecret(secret))
    // Read before anything is replaced (the default is the previous file at `path`), and before
    // any request, so that a bad ref fails fast.
    const baseline = await readBaseline(inputs.baseline, {
      csvPath: inputs.csvPath,
      workspace: inputs.runner.workspace,
      delimiter: inputs.delimiter,
      git: new Git({ cwd: inputs.runner.workspace, env, logger, token: inputs.githubToken })
    })
    const stats = newRunStats()
    const deadline = new Deadline(inputs.deadlineMs)
    const { client, endpoint } = await connect(inputs, logger, stats, deadline)

    logger.info(
      `Exporting the component library of ${inputs.workspaceUrl} from ${endpoint.apiUrl}.`
    )
    // Rows are made as components arrive; the audit is the one stage that reads the components.
    const collector = new RecordCollector(inputs.columns, {
      folder: inputs.filter.folder,
      keepComponents: inputs.audit.rules.length > 0,
      escapeFormulas: inputs.escapeFormulas
    })
    const library = await exportLibrary(
      client,
      {
        workspaceUrl: inputs.workspaceUrl,
        pageSize: inputs.pageSize,
        concurrency: inputs.concurrency,
        strategy: inputs.exportStrategy,
        filter: inputs.filter,
        // The audit's rules may read fields no column needs; they are fetched, not written.
        fields: new Set([
          ...fieldsFor(inputs.columns, inputs.filter.folder),
          ...auditFields(inputs.audit.rules)
        ])
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
      audit: audit && auditReport(audit)
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
      logger
    )
    for (const [name, value] of publishOutputs(published)) logger.setOutput(name, value)
    // A comment GitHub refuses fails the step at the end, after the summary (`comment-on-pr`).
    const reportFile = workspaceRelative(inputs.runner.workspace, inputs.reportPath)
    const comment = await commentOnPullRequest(
      report,
      { csv: report.csv, reportFile },
      inputs,
      logger
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
        reportFile
      }) +
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
      deadline
    },
    logger,
    stats
  )
  const options: GraphqlClientOptions = { retry, timeoutMs, deadline, logger, stats }
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
      ? `First export: no baseline (${against} does not exist), so ${added} components count as added.`
      : `Since ${against}: ${added} added, ${removed} removed, ${modified} modified.`
  )
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
  if (failure.stack) logger.debug(failure.stack)
}
