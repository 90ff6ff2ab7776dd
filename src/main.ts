import { createTokenProvider } from './auth/token-client.js'
import { discoverEndpoint, type ResolvedEndpoint } from './api/discovery.js'
import { AltiumGraphqlClient, type GraphqlClientOptions } from './api/graphql-client.js'
import { AltiumApiError } from './api/errors.js'
import { exportLibrary } from './api/library-export.js'
import { DEFAULT_RETRY_POLICY } from './api/retry.js'
import { Output, REQUEST_TIMEOUT_MS } from './constants.js'
import { writeFilesAtomically } from './csv/atomic-write.js'
import { renderCsv } from './csv/csv-file.js'
import { InputError } from './inputs/input-error.js'
import { readInputs, type Inputs } from './inputs/inputs.js'
import { fieldsFor, toRecords } from './library/records.js'
import { Logger } from './logger.js'
import { buildReport, renderReport } from './report/export-report.js'
import { renderSummary } from './report/summary.js'
import { newRunStats } from './run-stats.js'
import type { TokenProvider } from './auth/token-client.js'

/**
 * The flow of SPEC §2: inputs → credentials → token → endpoint → paged export → records → CSV and
 * report → outputs and job summary. Any failure is reported once, with secrets blanked out.
 */
export async function run(env: NodeJS.ProcessEnv): Promise<void> {
  const logger = new Logger()
  const started = Date.now()
  try {
    const inputs = readInputs(env, (secret) => logger.addSecret(secret))
    const stats = newRunStats()
    const retry = DEFAULT_RETRY_POLICY
    const clientOptions: GraphqlClientOptions = {
      retry,
      timeoutMs: REQUEST_TIMEOUT_MS,
      logger,
      stats
    }
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

    const endpoint = await resolveEndpoint(inputs, tokens, clientOptions, logger)
    const client = new AltiumGraphqlClient(endpoint.apiUrl, tokens, clientOptions)
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

    const countWarning =
      library.components.length === library.totalCount
        ? undefined
        : `The server said the library holds ${library.totalCount} components but ` +
          `${library.components.length} arrived. The file holds what arrived.`
    if (countWarning) logger.warning(countWarning)

    logger.setOutput(Output.CsvPath, inputs.csvPath)
    logger.setOutput(Output.ReportPath, inputs.reportPath)
    logger.setOutput(Output.ComponentCount, records.length)
    logger.setOutput(Output.ApiUrl, endpoint.apiUrl)
    await logger.writeSummary(
      renderSummary({
        report,
        stats,
        pages: library.pages,
        pageSize: library.pageSize,
        durationMs: Date.now() - started,
        countWarning
      }),
      inputs.runner.summaryFileAvailable
    )
  } catch (error) {
    if (error instanceof InputError || error instanceof AltiumApiError) {
      logger.fail(error.message)
    } else {
      // A bug or an unforeseen failure: say so, and keep the stack for a debug run.
      logger.fail(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`)
      if (error instanceof Error && error.stack) logger.debug(error.stack)
    }
  }
}

async function resolveEndpoint(
  inputs: Inputs,
  tokens: TokenProvider,
  clientOptions: GraphqlClientOptions,
  logger: Logger
): Promise<ResolvedEndpoint> {
  if (!inputs.discoverEndpoint) return { apiUrl: inputs.apiUrl, discovered: false }
  const client = new AltiumGraphqlClient(inputs.apiUrl, tokens, clientOptions)
  return discoverEndpoint(client, inputs.workspaceUrl, logger)
}
