import type { ComponentNode } from '../library/component-node.js'
import type { Logger } from '../logger.js'
import { AltiumApiError, describeErrors, hasCode, type GraphqlErrorEntry } from './errors.js'
import {
  PAGE_SIZE_CODES,
  type AltiumGraphqlClient,
  type GraphqlResponse
} from './graphql-client.js'
import type { PageSizer } from './page-size.js'

/** Chooses each page's size and document, and hears how each went. */
export interface PageChooser {
  next(): { first: number; query: string }
  /** The server refused a page of `first` for its size or cost; returns the size asked next. */
  refused(
    first: number,
    errors: GraphqlErrorEntry[],
    context: { endpoint: string; requestId?: string }
  ): number
  /** The page of `first` came back with `received` components after `tries` tries, `ms` in all. */
  answered(first: number, received: number, ms: number, tries: number): void
}

/** Every page with the one document, its size from `sizer`. */
export function sizedPages(sizer: PageSizer, query: string): PageChooser {
  return {
    next: () => ({ first: sizer.size, query }),
    refused: (first, errors, context) => sizer.refused(first, errors, context),
    answered: (first, _received, _ms, tries) => sizer.answered(first, tries)
  }
}

export interface PagingPlan {
  workspaceUrl: string
  /** The server-side filter (`where`), or null. */
  where: Record<string, { eq: string }> | null
  pages: PageChooser
  /** Hears the server's `totalCount` with each page, before the page's components. */
  onTotal?(totalCount: number): void
  /** Receives each page's components in order; may wait, and the next page waits with it. */
  onPage(components: ComponentNode[], pageNumber: number): void | Promise<void>
}

export interface PagingResult {
  /** What the server says the library holds, after the server-side filter. */
  totalCount: number
  pages: number
  received: number
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

/**
 * Pages through `desLibrary.components` until the server says there is no next page, one page
 * after another (each needs the cursor of the one before). A refused page size is lowered and the
 * same page asked for again; a cursor that stops moving, or pages that never end, are errors.
 */
export async function pageThroughLibrary(
  client: AltiumGraphqlClient,
  plan: PagingPlan,
  logger: Logger
): Promise<PagingResult> {
  const seenCursors = new Set<string>()
  let after: string | null = null
  let pages = 0
  let received = 0
  let totalCount: number

  for (;;) {
    const { first, query } = plan.pages.next()
    const variables = { workspaceUrl: plan.workspaceUrl, first, after, where: plan.where }
    const asked = performance.now()
    const response: GraphqlResponse<LibraryPage> = await client.request<LibraryPage>(
      query,
      variables,
      'library'
    )
    const ms = performance.now() - asked
    const errors = response.errors ?? []
    const context = { endpoint: client.endpoint, requestId: response.requestId }
    if (hasCode(errors, ...PAGE_SIZE_CODES)) {
      const smaller = plan.pages.refused(first, errors, context)
      logger.info(`The server refused the page size; continuing with ${smaller} per page.`)
      continue
    }
    const connection = response.data?.desLibrary?.components
    if (errors.length || !connection) {
      throw libraryError(errors, plan.workspaceUrl, client.endpoint).within(context)
    }
    const nodes = connection.nodes ?? []
    plan.pages.answered(first, nodes.length, ms, response.tries ?? 1)
    plan.onTotal?.(connection.totalCount)
    await plan.onPage(nodes, pages)
    pages++
    received += nodes.length
    totalCount = connection.totalCount
    const { hasNextPage, endCursor } = connection.pageInfo
    if (!hasNextPage) break
    if (!endCursor || endCursor === after || seenCursors.has(endCursor)) {
      throw new AltiumApiError(
        `The Altium API at ${client.endpoint} returned a cursor that does not advance after ` +
          `${received} components (page ${pages}). Stopped to avoid an endless loop; ` +
          'no file was written. Run again; if it persists, report it to Altium with the request ' +
          'id.',
        context
      )
    }
    if (received > totalCount + first || !nodes.length) {
      throw new AltiumApiError(
        `The Altium API at ${client.endpoint} kept saying there is a next page after ` +
          `${received} components, though the library holds ${totalCount}. Stopped; no ` +
          'file was written. Run again; if it persists, report it to Altium with the request id.',
        context
      )
    }
    seenCursors.add(endCursor)
    after = endCursor
  }
  return { totalCount, pages, received }
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
        "Check `workspace-url`, that `api-url` is the workspace's regional endpoint (or " +
        '`discover-endpoint: true` finds it), and that the token was created in this workspace.'
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
