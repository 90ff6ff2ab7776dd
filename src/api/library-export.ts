import type { LibraryFilter } from '../inputs/inputs.js'
import type { ComponentNode } from '../library/component-node.js'
import type { Logger } from '../logger.js'
import { AltiumApiError, describeErrors, hasCode, type GraphqlErrorEntry } from './errors.js'
import type { AltiumGraphqlClient, GraphqlResponse } from './graphql-client.js'
import { libraryPageQuery } from './library-query.js'

export interface LibraryExportRequest {
  workspaceUrl: string
  pageSize: number
  filter: LibraryFilter
  /** Dotted field paths under `nodes`, e.g. `folder.path`. */
  fields: Iterable<string>
}

export interface LibraryExport {
  components: ComponentNode[]
  /** What the server says the library holds, after the server-side filter. */
  totalCount: number
  pages: number
  /** The page size in use at the end, after any reductions the server asked for. */
  pageSize: number
}

interface LibraryPage {
  desLibrary: {
    components: {
      totalCount: number
      pageInfo: { hasNextPage: boolean; endCursor: string | null }
      nodes: ComponentNode[] | null
    } | null
  } | null
}

const PAGE_SIZE_CODES = ['HC0051', 'HC0047', 'PAGINATION_MAX_ITEMS']

/**
 * Pages through `desLibrary.components` until the server says there is no next page. A rejected
 * page size is halved and the same page asked for again; a cursor that stops moving is an error.
 */
export async function exportLibrary(
  client: AltiumGraphqlClient,
  request: LibraryExportRequest,
  logger: Logger
): Promise<LibraryExport> {
  const query = libraryPageQuery(request.fields)
  const where = serverFilter(request.filter)
  const components: ComponentNode[] = []
  const seenCursors = new Set<string>()
  let pageSize = request.pageSize
  let after: string | null = null
  let pages = 0
  let totalCount: number

  for (;;) {
    const variables: Record<string, unknown> = {
      workspaceUrl: request.workspaceUrl,
      first: pageSize,
      after,
      where
    }
    const response: GraphqlResponse<LibraryPage> = await client.request<LibraryPage>(
      query,
      variables,
      'library'
    )
    const errors = response.errors ?? []
    const context = { endpoint: client.endpoint, requestId: response.requestId }
    if (hasCode(errors, ...PAGE_SIZE_CODES)) {
      pageSize = smallerPageSize(pageSize, errors, client.endpoint, response.requestId)
      logger.info(`The server refused the page size; continuing with ${pageSize} per page.`)
      continue
    }
    const connection = response.data?.desLibrary?.components
    if (errors.length || !connection) {
      throw libraryError(errors, request.workspaceUrl, client.endpoint).within(context)
    }
    pages++
    components.push(...(connection.nodes ?? []))
    totalCount = connection.totalCount
    const { hasNextPage, endCursor } = connection.pageInfo
    if (!hasNextPage) break
    if (!endCursor || endCursor === after || seenCursors.has(endCursor)) {
      throw new AltiumApiError(
        `The Altium API at ${client.endpoint} returned a cursor that does not advance after ` +
          `${components.length} components (page ${pages}). Stopped to avoid an endless loop; ` +
          'no file was written. Run again; if it persists, report it to Altium with the request ' +
          'id.',
        context
      )
    }
    if (components.length > totalCount + pageSize || !connection.nodes?.length) {
      throw new AltiumApiError(
        `The Altium API at ${client.endpoint} kept saying there is a next page after ` +
          `${components.length} components, though the library holds ${totalCount}. Stopped; no ` +
          'file was written. Run again; if it persists, report it to Altium with the request id.',
        context
      )
    }
    seenCursors.add(endCursor)
    after = endCursor
  }
  return { components, totalCount, pages, pageSize }
}

function serverFilter(filter: LibraryFilter): Record<string, { eq: string }> | null {
  const where: Record<string, { eq: string }> = {}
  for (const key of ['name', 'comment', 'description'] as const) {
    if (filter[key] !== undefined) where[key] = { eq: filter[key] }
  }
  return Object.keys(where).length ? where : null
}

function smallerPageSize(
  pageSize: number,
  errors: GraphqlErrorEntry[],
  endpoint: string,
  requestId: string | undefined
): number {
  const allowed = errors
    .map((error) => Number(error.extensions?.maxAllowedItems))
    .find((max) => Number.isInteger(max) && max > 0 && max < pageSize)
  if (pageSize <= 1) {
    throw new AltiumApiError(
      `The Altium API at ${endpoint} refused even a page of one component: ` +
        `${describeErrors(errors)}. Report it to Altium with the request id.`,
      { endpoint, requestId }
    )
  }
  // HC0051 says how many items the server allows; otherwise (cost limit) halve.
  return allowed ?? Math.max(Math.floor(pageSize / 2), 1)
}

function libraryError(
  errors: GraphqlErrorEntry[],
  workspaceUrl: string,
  endpoint: string
): AltiumApiError {
  if (hasCode(errors, 'AUTH_WORKSPACE_ACCESS')) {
    return new AltiumApiError(
      `The workspace ${workspaceUrl} cannot be accessed through ${endpoint}: it does ` +
        'not exist, the credentials have no access to it, or it is hosted in another region. ' +
        'Check `workspace-url`, keep `discover-endpoint: true`, and check the token was created ' +
        'in this workspace.'
    )
  }
  if (errors.length) {
    return new AltiumApiError(
      `The Altium API at ${endpoint} returned errors for ${workspaceUrl}: ` +
        `${describeErrors(errors)}. No file was written, because a partial export would look ` +
        'like deleted components.'
    )
  }
  return new AltiumApiError(
    `The Altium API at ${endpoint} returned no component list for ${workspaceUrl}. ` +
      'Check `workspace-url` and `api-url`.'
  )
}
