import { Deadline } from './api/deadline.js'
import { discoverEndpoint, type ResolvedEndpoint } from './api/discovery.js'
import { AltiumGraphqlClient, type GraphqlClientOptions } from './api/graphql-client.js'
import { exportLibrary, type LibraryExport } from './api/library-export.js'
import { DEFAULT_RETRY_POLICY } from './api/retry.js'
import { createTokenProvider } from './auth/token-client.js'
import { Output } from './constants.js'
import { writeFilesAtomically } from './csv/atomic-write.js'
import { renderCsv } from './csv/csv-file.js'
import { readInputs, type Inputs } from './inputs/inputs.js'
import { fieldsFor, toRecords } from './library/records.js'
import { describeFailure } from './failure-message.js'
import { Logger } from './logger.js'
import { buildReport, renderReport } from './report/export-report.js'
import { renderSummary } from './report/summary.js'
import { newRunStats, type RunStats } from './run-stats.js'

/**
 * The flow of SPEC §2: inputs → credentials → token → endpoint → paged export → records → CSV and
 * report → outputs and job summary. Any failure is reported once, with secrets blanked out.
 */
export async function run(env: NodeJS.ProcessEnv): Promise<void> {
  const logger = new Logger()
  const started = Date.now()
  let inputs: Inputs | undefined
  try {
    inputs = readInputs(env, (secret) => logger.addSecret(secret))
    const stats = newRunStats()
    const deadline = new Deadline(inputs.deadlineMs)
    const { client, endpoint } = await connect(inputs, logger, stats, deadline)

    logger.info(
      `Exporting the component library of ${inputs.workspaceUrl} from ${endpoint.apiUrl}.`
    )
    const library = await exportLibrary(
      client,
      {
        workspaceUrl: inputs.workspaceUrl,
        pageSize: inputs.pageSize,
        filter: inputs.filter,
        fields: fieldsFor(inputs.columns, inputs.filter.folder)
      },
      logger
    )
    const records = toRecords(library.components, inputs.columns, inputs.filter.folder)

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
      received: library.components.length
    })
    await writeFilesAtomically([
      { path: inputs.csvPath, content: renderCsv(headers, records, inputs) },
      { path: inputs.reportPath, content: renderReport(report) }
    ])
    logger.info(`Wrote ${records.length} components to ${inputs.csvPath}.`)
    const countWarning = checkCount(library, logger)

    logger.setOutput(Output.CsvPath, inputs.csvPath)
    logger.setOutput(Output.ReportPath, inputs.reportPath)
    logger.setOutput(Output.ComponentCount, records.length)
    logger.setOutput(Output.ApiUrl, endpoint.apiUrl)
    const summary = renderSummary({
      report,
      stats,
      pages: library.pages,
      pageSize: library.pageSize,
      durationMs: Date.now() - started,
      countWarning
    })
    await logger.writeSummary(summary, inputs.runner.summaryFileAvailable)
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

/** A server count that disagrees with what arrived is worth a warning, not a failure. */
function checkCount(library: LibraryExport, logger: Logger): string | undefined {
  if (library.components.length === library.totalCount) return undefined
  const warning =
    `The server said the library holds ${library.totalCount} components but ` +
    `${library.components.length} arrived. The file holds what arrived.`
  logger.warning(warning)
  return warning
}

function reportFailure(error: unknown, logger: Logger, workspaceUrl?: string): void {
  const failure = describeFailure(error, workspaceUrl)
  logger.fail(failure.message)
  if (failure.stack) logger.debug(failure.stack)
}
