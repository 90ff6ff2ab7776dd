import type { Logger } from '../logger.js'
import { describeErrors } from './errors.js'
import { isTrustedDiscoveredEndpoint, normaliseWorkspaceUrl } from './endpoints.js'
import type { AltiumGraphqlClient } from './graphql-client.js'
import { WORKSPACE_INFOS_QUERY } from './library-query.js'

/** As the server sent it: every field is checked before use. */
interface WorkspaceInfos {
  desWorkspaceInfos: ({
    url?: unknown
    name?: unknown
    location?: { apiServiceUrl?: unknown; name?: unknown } | null
  } | null)[]
}

export interface ResolvedEndpoint {
  apiUrl: string
  /** The region's name, when discovery found the workspace. */
  region?: string
}

/**
 * Asks `api-url` where the workspace lives (`desWorkspaceInfos`) and returns its regional
 * endpoint: a workspace hosted in another region rejects tokens on the wrong host. Whenever the
 * answer cannot be used, the export stays on `api-url` and the log says why; an address the token
 * may not go to is refused with a notice, and the token never goes there.
 */
export async function discoverEndpoint(
  client: AltiumGraphqlClient,
  workspaceUrl: string,
  logger: Logger
): Promise<ResolvedEndpoint> {
  const stay = (why: string): ResolvedEndpoint => {
    logger.info(`Endpoint discovery: ${why}; staying on ${client.endpoint}.`)
    return { apiUrl: client.endpoint }
  }
  const response = await client.request<WorkspaceInfos>(WORKSPACE_INFOS_QUERY, {})
  const workspaces = response.data?.desWorkspaceInfos
  if (!Array.isArray(workspaces)) {
    return stay(`the workspace list could not be read (${describeErrors(response.errors ?? [])})`)
  }
  const workspace = workspaces.find((w) => sameWorkspace(w?.url, workspaceUrl))
  if (!workspace)
    return stay(`${workspaceUrl} is not among the ${workspaces.length} workspaces listed`)
  // A display name: one line of it, whatever the server sent, for the report and the summary.
  const region =
    typeof workspace.location?.name === 'string'
      ? workspace.location.name.replace(/[\s\p{Cc}]+/gu, ' ').trim() || undefined
      : undefined
  const discovered = trustedEndpoint(workspace.location?.apiServiceUrl, client.endpoint)
  if (typeof discovered !== 'string') {
    logger.notice(
      `Endpoint discovery named ${discovered.refused} for ${workspaceUrl}; the token is not ` +
        `sent there, and the export stays on ${client.endpoint}. If the workspace needs another ` +
        'endpoint, set `api-url` to it (and `discover-endpoint: false`).'
    )
    return { apiUrl: client.endpoint }
  }
  logger.info(
    `Endpoint discovery: ${String(workspace.name)} is hosted in ${region ?? 'an unnamed region'}; ` +
      `using ${discovered}.`
  )
  return { apiUrl: discovered, region }
}

function sameWorkspace(listed: unknown, wanted: string): boolean {
  try {
    return typeof listed === 'string' && normaliseWorkspaceUrl(listed) === wanted
  } catch {
    return false
  }
}

/**
 * The discovered address, parsed and written out afresh (no fragment), when the token may go
 * there: https under the same provider as `api-url`, or this machine for the local stand-in.
 * Otherwise what was refused, described without repeating text that is not a clean URL.
 */
export function trustedEndpoint(
  discovered: unknown,
  configured: string
): string | { refused: string } {
  if (typeof discovered !== 'string' || discovered === '') {
    return { refused: 'no address' }
  }
  // The URL parser would drop line breaks and tabs silently; an address with any is refused.
  if (/[\s\p{Cc}]/u.test(discovered)) {
    return { refused: 'an address with white space or control characters in it' }
  }
  if (!URL.canParse(discovered)) return { refused: 'an address that is not a URL' }
  const url = new URL(discovered)
  url.hash = ''
  if (!isTrustedDiscoveredEndpoint(url, new URL(configured))) {
    return {
      refused:
        `${url.origin}${url.pathname}, which is not an https address under the same provider ` +
        `as ${new URL(configured).host}`
    }
  }
  return url.href
}
