// Faults of the workspace itself: access withdrawn, discovery pointing somewhere else, or names
// that carry hostile text.
import type { StandInFaults } from './options.js'
import type { WorkspaceInfo } from './workspaces.js'

/** `workspaceAccessDenied`: the token no longer opens the home workspace. */
export function homeWorkspaceDenied(faults: StandInFaults): boolean {
  return faults.workspaceAccessDenied === true
}

/**
 * `discoveredApiUrl`: desWorkspaceInfos sends clients to another address; `hostileText`: the
 * workspace's and the region's names carry it.
 */
export function withWorkspaceFaults(home: WorkspaceInfo, faults: StandInFaults): WorkspaceInfo {
  const extra = faults.hostileText ?? ''
  return {
    ...home,
    name: `${home.name}${extra}`,
    location: {
      ...home.location,
      apiServiceUrl: faults.discoveredApiUrl ?? home.location.apiServiceUrl,
      name: `${home.location.name}${extra}`
    }
  }
}
