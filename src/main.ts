import { discoverEndpoint, type ResolvedEndpoint } from './api/discovery.js'
import { AltiumApiError } from './api/errors.js'
import { AltiumGraphqlClient, type GraphqlClientOptions } from './api/graphql-client.js'
import { exportLibrary, type LibraryExport } from './api/library-export.js'
import { DEFAULT_RETRY_POLICY } from './api/retry.js'
import { annotateFindings } from './audit/annotations.js'
import { auditLibrary, auditReport } from './audit/audit-stage.js'
import { withAuditSection } from './audit/audit-summary.js'
import { auditFields } from './audit/rules.js'
import { createTokenProvider } from './auth/token-client.js'
import { Output, REQUEST_TIMEOUT_MS } from './constants.js'
import { writeFilesAtomically } from './csv/atomic-write.js'
import { renderCsv } from './csv/csv-file.js'
import { InputError } from './inputs/input-error.js'
import { readInputs, type Inputs } from './inputs/inputs.js'
import { fieldsFor, toRecords } from './library/records.js'
import { Logger } from './logger.js'
import { buildReport, renderReport } from './report/export-report.js'
import { stepFailure } from './report/outcome.js'
import { renderSummary } from './report/summary.js'
import { newRunStats, type RunStats } from './run-stats.js'

/**
 * The flow of SPEC §2: inputs → credentials → token → endpoint → paged export → records → audit →
 * CSV and report → annotations, outputs and job summary → the step's result (`fail-on`). Any
 * failure is reported once, with secrets blanked out.
 */
export async function run(env: NodeJS.ProcessEnv): Promise<void> {
  const logger = new Logger()
  const started = Date.now()
  try {
    const inputs = readInputs(env, (secret) => logger.addSecret(secret))
    const stats = newRunStats()
    const { client, endpoint } = await connect(inputs, logger, stats)

    logger.info(
      `Exporting the component library of ${inputs.workspaceUrl} from ${endpoint.apiUrl}.`
    )
    const library = await exportLibrary(
      client,
      {
        workspaceUrl: inputs.workspaceUrl,
        pageSize: inputs.pageSize,
        filter: inputs.filter,
        // The audit's rules may read fields no column needs; they are fetched, not written.
        fields: new Set([
          ...fieldsFor(inputs.columns, inputs.filter.folder),
          ...auditFields(inputs.audit.rules)
        ])
      },
      logger
    )
    const records = toRecords(library.components, inputs.columns, inputs.filter.folder)
    // MERGE(changes): for audit-scope `changed`, pass (row) => records[row] was added or modified.
    const changedRows: ((row: number) => boolean) | undefined = undefined
    const audit = auditLibrary(library.components, records, inputs.audit, changedRows, logger)

    const headers = inputs.columns.map((column) => column.header)
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
      received: library.components.length,
      audit: audit && auditReport(audit)
    })
    await writeFilesAtomically([
      { path: inputs.csvPath, content: renderCsv(headers, records, inputs) },
      { path: inputs.reportPath, content: renderReport(report) }
    ])
    logger.info(`Wrote ${records.length} components to ${inputs.csvPath}.`)
    const countWarning = checkCount(library, logger)
    if (audit) annotateFindings(audit.result.findings, report.csv, logger)

    logger.setOutput(Output.CsvPath, inputs.csvPath)
    logger.setOutput(Output.ReportPath, inputs.reportPath)
    logger.setOutput(Output.ComponentCount, records.length)
    logger.setOutput(Output.ApiUrl, endpoint.apiUrl)
    logger.setOutput(Output.AuditErrors, audit?.result.errors ?? 0)
    logger.setOutput(Output.AuditWarnings, audit?.result.warnings ?? 0)
    const summary = renderSummary({
      report,
      stats,
      pages: library.pages,
      pageSize: library.pageSize,
      durationMs: Date.now() - started,
      countWarning
    })
    await logger.writeSummary(
      audit ? withAuditSection(summary, audit, report.csv) : summary,
      inputs.runner.summaryFileAvailable
    )

    const failure = stepFailure(inputs.failOn, {
      changed: false, // MERGE(changes): the change report's `changed`.
      auditErrors: audit?.result.errors ?? 0,
      auditWarnings: audit?.result.warnings ?? 0
    })
    if (failure) logger.fail(failure)
  } catch (error) {
    reportFailure(error, logger)
  }
}

/** Credentials → token provider → the endpoint to export from (after discovery) → its client. */
async function connect(
  inputs: Inputs,
  logger: Logger,
  stats: RunStats
): Promise<{ client: AltiumGraphqlClient; endpoint: ResolvedEndpoint }> {
  const retry = DEFAULT_RETRY_POLICY
  const tokens = createTokenProvider(
    inputs.credentials,
    {
      url: inputs.tokenUrl,
      secure: inputs.tokenSecure,
      scope: inputs.scope,
      timeoutMs: REQUEST_TIMEOUT_MS,
      retry
    },
    logger,
    stats
  )
  const options: GraphqlClientOptions = { retry, timeoutMs: REQUEST_TIMEOUT_MS, logger, stats }
  const configured = new AltiumGraphqlClient(inputs.apiUrl, tokens, options)
  if (!inputs.discoverEndpoint) {
    return { client: configured, endpoint: { apiUrl: inputs.apiUrl } }
  }
  const endpoint = await discoverEndpoint(configured, inputs.workspaceUrl, logger)
  return { client: new AltiumGraphqlClient(endpoint.apiUrl, tokens, options), endpoint }
}

/** A server count that disagrees with what arrived is worth a warning, not a failure. */
function checkCount(library: LibraryExport, logger: Logger): string | undefined {
  if (library.components.length === library.totalCount) return undefined
  const warning =
    `The server said the library holds ${library.totalCount} components but ` +
    `${library.components.length} arrived. The file holds what arrived.`
  logger.warning(warning)
  return warning
}

function reportFailure(error: unknown, logger: Logger): void {
  if (error instanceof InputError || error instanceof AltiumApiError) {
    logger.fail(error.message)
    return
  }
  // A bug or an unforeseen failure: say so, and keep the stack for a debug run.
  logger.fail(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`)
  if (error instanceof Error && error.stack) logger.debug(error.stack)
}
