// The stand-in workspace and a second one in another region, as desWorkspaceInfos lists them.
import type { StandInIdentity } from './identity.js'

export const HOME_REGION = 'eur'

export const REGIONS: Record<string, string> = {
  eur: 'Europe',
  usw: 'US West',
  use: 'US East',
  asp: 'Asia Pacific'
}

const OTHER_WORKSPACE_HOST = 'globex-electronics-7731.365.altium.com'
const OTHER_REGION = 'usw'

export interface WorkspaceLocation {
  apiServiceUrl: string
  apiVoyagerUrl: string
  filesServiceUrl: string
  name: string
}

export interface WorkspaceInfo {
  authId: string
  description: string | null
  isDefault: boolean
  location: WorkspaceLocation
  name: string
  url: string
  vendor: 'ALTIUM' | 'RENESAS'
  workspaceId: string
}

/** The regional GraphQL endpoint of a region, served by the stand-in itself. */
export function regionalApiUrl(origin: string, region: string): string {
  return `${origin}/regional/${region}/api/graphql`
}

export function workspaceLocation(origin: string, region: string): WorkspaceLocation {
  return {
    apiServiceUrl: regionalApiUrl(origin, region),
    apiVoyagerUrl: `${origin}/regional/${region}/api/voyager/`,
    filesServiceUrl: `${origin}/regional/${region}/files/`,
    name: REGIONS[region] ?? region
  }
}

export function workspaceUrlOf(host: string): string {
  return `https://${host}/`
}

/** Workspace URLs compare case-insensitively, with or without the trailing slash. */
export function sameWorkspaceUrl(a: string, b: string): boolean {
  const normalise = (url: string) => url.trim().toLowerCase().replace(/\/+$/, '')
  return normalise(a) === normalise(b)
}

export function homeWorkspace(
  origin: string,
  host: string,
  identity: StandInIdentity
): WorkspaceInfo {
  return {
    authId: identity.authId,
    description: 'Stand-in Altium 365 workspace',
    isDefault: true,
    location: workspaceLocation(origin, HOME_REGION),
    name: 'Acme Hardware',
    url: workspaceUrlOf(host),
    vendor: 'ALTIUM',
    workspaceId: `grid:global::platform:workspace/${identity.authId}`
  }
}

export function otherWorkspace(origin: string, identity: StandInIdentity): WorkspaceInfo {
  return {
    authId: identity.otherAuthId,
    description: null,
    isDefault: false,
    location: workspaceLocation(origin, OTHER_REGION),
    name: 'Globex Electronics',
    url: workspaceUrlOf(OTHER_WORKSPACE_HOST),
    vendor: 'ALTIUM',
    workspaceId: `grid:global::platform:workspace/${identity.otherAuthId}`
  }
}
