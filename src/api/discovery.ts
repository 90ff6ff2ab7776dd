import type { Logger } from '../logger.js'
import { describeErrors, AltiumApiError } from './errors.js'
import { isTrustedDiscoveredEndpoint, normaliseWorkspaceUrl } from './endpoints.js'
import type { AltiumGraphqlClient } from './graphql-client.js'
import { WORKSPACE_INFOS_QUERY } from './library-query.js'

interface WorkspaceInfos {
  desWorkspaceInfos: {
    url: string
    name: string
    location: { apiServiceUrl: string; name: string }
  }[]
}

export interface ResolvedEndpoint {
  apiUrl: string
  /** The region's name, when discovery found the workspace. */
  region?: string
}

/**
 * Asks `api-url` where the workspace lives (`desWorkspaceInfos`) and returns its regional
 * endpoint: a workspace hosted in another region rejects tokens on the wrong host.
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
  if (!workspaces) {
    return stay(`the workspace list could not be read (${describeErrors(response.errors ?? [])})`)
  }
  const workspace = workspaces.find((w) => sameWorkspace(w.url, workspaceUrl))
  if (!workspace)
    return stay(`${workspaceUrl} is not among the ${workspaces.length} workspaces listed`)
  const discovered = workspace.location.apiServiceUrl
  assertTrustedEndpoint(discovered, client.endpoint, response.requestId)
  logger.info(
    `Endpoint discovery: ${workspace.name} is hosted in ${workspace.location.name}; using ${discovered}.`
  )
  return { apiUrl: discovered, region: workspace.location.name }
}

function sameWorkspace(listed: string, wanted: string): boolean {
  try {
    return normaliseWorkspaceUrl(listed) === wanted
  } catch {
    return false
  }
}

/** The token goes only to https hosts of the same provider (or this machine, for tests). */
function assertTrustedEndpoint(discovered: string, configured: string, requestId?: string): void {
  const context = { endpoint: configured, requestId }
  let url: URL
  try {
    url = new URL(discovered)
  } catch {
    throw new AltiumApiError(
      `Endpoint discovery returned "${discovered}", which is not a URL. Set ` +
        '`discover-endpoint: false` and give `api-url` instead.',
      context
    )
  }
  if (!isTrustedDiscoveredEndpoint(url, new URL(configured))) {
    throw new AltiumApiError(
      `Endpoint discovery returned ${url.origin}${url.pathname}, which is not an https address ` +
        `under the same provider as ${new URL(configured).host}; the token is not sent there. ` +
        'Set `discover-endpoint: false` and give `api-url` (the regional endpoint) yourself.',
      context
    )
  }
}
