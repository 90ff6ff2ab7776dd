import type { ComponentSink } from '../library/records.js'
import type { Logger } from '../logger.js'
import { AdaptiveExport, type AdaptiveOutcome } from './adaptive-export.js'
import { ExportPlanner } from './export-planner.js'
import type { StrategyChoice } from './strategy.js'
import type { AltiumGraphqlClient } from './graphql-client.js'
import { libraryPageQuery } from './library-query.js'
import { PageSizer, type PageSizeSetting } from './page-size.js'
import { BAR_PACING, LOG_PACING, ProgressPacer } from './progress.js'

/** Server-side exact matches and the client-side folder prefix (docs/design.md#filters). */
export interface LibraryFilter {
  name?: string
  comment?: string
  description?: string
  folder?: string
}

export interface LibraryExportRequest {
  workspaceUrl: string
  pageSize: PageSizeSetting
  /** Requests in flight at once (`concurrency`); 1 exports one page after another. */
  concurrency: number
  filter: LibraryFilter
  /** Dotted field paths under `nodes`, e.g. `folder.path`. */
  fields: Iterable<string>
  /** `adaptive` unless a benchmark fixes the strategy to compare with it. */
  strategy?: StrategyChoice
}

/** How the library was fetched at the end: in pages with every field, or listed then details. */
export type ExportStrategy = 'paging' | 'list-then-details'

export interface LibraryExport {
  /** Components received from the server, all handed to the sink. */
  received: number
  /** What the server says the library holds, after the server-side filter. */
  totalCount: number
  pages: number
  /** The page size in use at the end, after growing or any reductions the server asked for. */
  pageSize: number
  strategy: ExportStrategy
  /** One line for the log and the summary: which strategy ran, and why. */
  strategyLine: string
}

/** Names looked up in one request, each an aliased `desLibrary` lookup of a few components. */
const NAMES_PER_LOOKUP = 20

/** Ids in the first batch of details: a page of 1,000 fills the lanes of the default concurrency. */
const FIRST_BATCH_SIZE = 250

/** Where the expensive per-component data lives (DesComponent.details). */
const DETAILS_PREFIX = 'details.'

/**
 * Fetches the library the way the run measures to be fastest (`ExportPlanner`): plain paging with
 * every field first, listing plus details by id only when that measures clearly faster. Whenever
 * the server refuses the details by id, the export starts again as plain paging, so the
 * components are the same either way.
 *
 * Each component goes to `sink` as soon as it is complete, so that the caller need not hold the
 * whole library as the API returned it. A fallback clears the sink before paging from the start.
 */
export async function exportLibrary(
  client: AltiumGraphqlClient,
  request: LibraryExportRequest,
  sink: ComponentSink,
  logger: Logger
): Promise<LibraryExport> {
  const progress = new ProgressPacer(
    () => performance.now(),
    logger.sink.progressStyle === 'bar' ? BAR_PACING : LOG_PACING
  )
  const say = (update: ReturnType<ProgressPacer['advance']>) => update && logger.progress(update)
  // Counts each component as it is complete; a fallback starts the count again.
  const counted: ComponentSink = {
    add(components) {
      sink.add(components)
      say(progress.advance(components.length))
    },
    clear() {
      sink.clear()
      progress.restart()
    }
  }
  const fields = [...request.fields]
  const detailFields = fields.filter((field) => field.startsWith(DETAILS_PREFIX))
  const run = async (choice: StrategyChoice, because?: string) => {
    const planner = new ExportPlanner({
      pageSize: request.pageSize,
      concurrency: request.concurrency,
      needsDetails: detailFields.length > 0,
      choice,
      because
    })
    const plan = {
      workspaceUrl: request.workspaceUrl,
      where: serverFilter(request.filter),
      folder: request.filter.folder,
      fullQuery: libraryPageQuery(fields),
      lightQuery: libraryPageQuery(
        fields.filter((field) => !field.startsWith(DETAILS_PREFIX)).concat('isManaged')
      ),
      detailFields,
      batchSizer: new PageSizer('auto', FIRST_BATCH_SIZE),
      nameSizer: new PageSizer(NAMES_PER_LOOKUP),
      concurrency: request.concurrency,
      onTotal: (totalCount: number) => progress.expect(totalCount)
    }
    const outcome: AdaptiveOutcome = await new AdaptiveExport(
      client,
      plan,
      planner,
      counted,
      logger
    ).run()
    return { outcome, planner }
  }

  let { outcome, planner } = await run(request.strategy ?? 'adaptive')
  if (outcome.kind === 'fallback') {
    counted.clear()
    logger.info(
      `Fetching details by id did not work (${outcome.reason}); exporting again page by page ` +
        'with every field.'
    )
    ;({ outcome, planner } = await run('paging', 'details by id did not work'))
    if (outcome.kind === 'fallback') throw new Error(`plain paging fell back: ${outcome.reason}`)
  }
  say(progress.finish())
  const strategyLine = planner.describe()
  logger.info(strategyLine)
  return {
    received: outcome.paging.received,
    totalCount: outcome.paging.totalCount,
    pages: outcome.paging.pages,
    pageSize: planner.pageSizeUsed,
    strategy: planner.listing ? 'list-then-details' : 'paging',
    strategyLine
  }
}

function serverFilter(filter: LibraryFilter): Record<string, { eq: string }> | null {
  const where: Record<string, { eq: string }> = {}
  for (const key of ['name', 'comment', 'description'] as const) {
    if (filter[key] !== undefined) where[key] = { eq: filter[key] }
  }
  return Object.keys(where).length ? where : null
}
