import type { LibraryFilter } from '../inputs/inputs.js'
import type { ComponentSink } from '../library/records.js'
import type { Logger } from '../logger.js'
import type { AltiumGraphqlClient } from './graphql-client.js'
import { pageThroughLibrary } from './library-pages.js'
import { libraryPageQuery } from './library-query.js'
import { listThenDetails } from './list-then-details.js'
import { PageSizer, type PageSizeSetting } from './page-size.js'

export interface LibraryExportRequest {
  workspaceUrl: string
  pageSize: PageSizeSetting
  /** Requests in flight at once (`concurrency`); 1 exports one page after another. */
  concurrency: number
  filter: LibraryFilter
  /** Dotted field paths under `nodes`, e.g. `folder.path`. */
  fields: Iterable<string>
}

/** How the library was fetched: in pages with every field, or listed then details by id. */
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
}

/** Names looked up in one request, each an aliased `desLibrary` lookup of a few components. */
const NAMES_PER_LOOKUP = 20

/** Where the expensive per-component data lives (DesComponent.details). */
const DETAILS_PREFIX = 'details.'

/**
 * Fetches the library with the fastest strategy the server allows. Without `details` among the
 * fields that is plain paging; with it, and `concurrency` above 1, the library is listed without
 * `details` and the details are fetched by id in concurrent batches. Whenever the server refuses
 * that, the export starts again as plain paging, so the components are the same either way.
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
  const fields = [...request.fields]
  const fullQuery = libraryPageQuery(fields)
  const detailFields = fields.filter((field) => field.startsWith(DETAILS_PREFIX))
  const where = serverFilter(request.filter)

  if (detailFields.length && request.concurrency > 1) {
    const listSizer = new PageSizer(request.pageSize)
    const outcome = await listThenDetails(
      client,
      {
        workspaceUrl: request.workspaceUrl,
        where,
        folder: request.filter.folder,
        fullQuery,
        lightQuery: libraryPageQuery(
          fields.filter((field) => !field.startsWith(DETAILS_PREFIX)).concat('isManaged')
        ),
        detailFields,
        listSizer,
        batchSizer: new PageSizer('auto'),
        nameSizer: new PageSizer(NAMES_PER_LOOKUP),
        concurrency: request.concurrency
      },
      sink,
      logger
    )
    if (outcome.kind === 'done') {
      return {
        received: outcome.paging.received,
        totalCount: outcome.paging.totalCount,
        pages: outcome.paging.pages,
        pageSize: listSizer.size,
        strategy: 'list-then-details'
      }
    }
    sink.clear()
    logger.info(
      `Fetching details by id did not work (${outcome.reason}); exporting again page by page ` +
        'with every field.'
    )
  }

  // The pages carry `details` now: their size is found again from the start.
  const sizer = new PageSizer(request.pageSize)
  const paging = await pageThroughLibrary(
    client,
    {
      workspaceUrl: request.workspaceUrl,
      where,
      sizer,
      queryFor: () => fullQuery,
      onPage: (page) => sink.add(page)
    },
    logger
  )
  return {
    received: paging.received,
    totalCount: paging.totalCount,
    pages: paging.pages,
    pageSize: sizer.size,
    strategy: 'paging'
  }
}

function serverFilter(filter: LibraryFilter): Record<string, { eq: string }> | null {
  const where: Record<string, { eq: string }> = {}
  for (const key of ['name', 'comment', 'description'] as const) {
    if (filter[key] !== undefined) where[key] = { eq: filter[key] }
  }
  return Object.keys(where).length ? where : null
}
