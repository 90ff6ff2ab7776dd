import type { StandIn } from '../../local-altium/index.js'

/** The inputs that point the action at the local Altium stand-in, with its refresh-token set. */
export function standInInputs(altium: StandIn): Record<string, string> {
  const c = altium.credentials
  return {
    'workspace-url': altium.workspaceUrl,
    realm: 'altium-365',
    'api-url': altium.apiUrl,
    'token-url': altium.tokenUrl,
    'client-id': c.clientId,
    'client-secret': c.clientSecret,
    'refresh-token': c.refreshToken
  }
}

/** What a run against the stand-in must never print: its credentials and every token it issued. */
export function standInSecrets(altium: StandIn): string[] {
  return [...Object.values(altium.credentials), ...altium.stats.issuedTokens]
}
