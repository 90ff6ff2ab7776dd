// Faults of the workspace itself: access withdrawn, or discovery pointing somewhere else.
import type { StandInFaults } from './options.js'
import type { WorkspaceInfo } from './workspaces.js'

/** `workspaceAccessDenied`: the token no longer opens the home workspace. */
export function homeWorkspaceDenied(faults: StandInFaults): boolean {
  return faults.workspaceAccessDenied === true
}

/** `discoveredApiUrl`: desWorkspaceInfos sends clients to another address. */
export function withDiscoveredApiUrl(home: WorkspaceInfo, faults: StandInFaults): WorkspaceInfo {
  if (!faults.discoveredApiUrl) return home
  return { ...home, location: { ...home.location, apiServiceUrl: faults.discoveredApiUrl } }
}
