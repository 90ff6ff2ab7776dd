import type { StandIn } from './index.js'

// The action's inputs that point it at this stand-in: one place for the demo, the benchmarks and
// the tests.

export type CredentialSet = 'access-token' | 'refresh-token' | 'password'

/** The inputs that point the action at the local Altium stand-in, with one credential set. */
export function standInInputs(
  altium: StandIn,
  set: CredentialSet = 'refresh-token'
): Record<string, string> {
  return {
    'workspace-url': altium.workspaceUrl,
    realm: 'altium-365',
    'api-url': altium.apiUrl,
    'token-url': altium.tokenUrl,
    ...credentialInputs(altium, set)
  }
}

/** The stand-in's credentials as the inputs of one set. */
export function credentialInputs(altium: StandIn, set: CredentialSet): Record<string, string> {
  const c = altium.credentials
  switch (set) {
    case 'access-token':
      return { 'access-token': c.accessToken }
    case 'refresh-token':
      return {
        'client-id': c.clientId,
        'client-secret': c.clientSecret,
        'refresh-token': c.refreshToken
      }
    case 'password':
      return {
        'client-id': c.clientId,
        'client-secret': c.clientSecret,
        username: c.username,
        password: c.password
      }
  }
}

/**
 * What a run against the stand-in must never print: its secret credentials and every token it
 * issued (the client id and the user name are not secrets).
 */
export function standInSecrets(altium: StandIn): string[] {
  const { clientSecret, refreshToken, password, accessToken } = altium.credentials
  return [clientSecret, refreshToken, password, accessToken, ...altium.stats.issuedTokens]
}
