// Credentials and workspace identity of the stand-in, derived from the seed so runs are repeatable.
import { encodeJwt } from './jwt.js'
import type { LibraryUser } from './library-types.js'
import { Rng } from './prng.js'

export interface StandInCredentials {
  clientId: string
  clientSecret: string
  refreshToken: string
  username: string
  password: string
  /** Long-lived access token (a workspace admin's PAT); never expires. */
  accessToken: string
}

export interface StandInIdentity {
  credentials: StandInCredentials
  /** authId of the stand-in workspace; access tokens carry a365:workspace:<authId>. */
  authId: string
  /** authId of the second workspace the account can see but the tokens cannot open. */
  otherAuthId: string
  user: LibraryUser
  signingSecret: string
  keyId: string
}

/** Scopes an admin-issued workspace token carries. */
export function workspaceScopes(authId: string): string[] {
  return [
    'openid',
    'profile',
    'design.domain',
    'user.access',
    'offline_access',
    `a365:workspace:${authId}`
  ]
}

const PAT_ISSUED_AT = Date.UTC(2025, 0, 2) / 1000
const PAT_EXPIRES_AT = Date.UTC(2099, 11, 31) / 1000

export function createIdentity(seed: number): StandInIdentity {
  const rng = new Rng(seed, 'identity')
  const authId = rng.guid()
  const otherAuthId = rng.guid()
  const user: LibraryUser = {
    userId: rng.guid(),
    userName: 'ci.exporter@acme.example',
    email: 'ci.exporter@acme.example',
    firstName: 'CI',
    lastName: 'Exporter',
    globalUserId: rng.guid()
  }
  const signingSecret = rng.token(48)
  const keyId = rng.hex(32).toUpperCase()
  const clientId = rng.guid()
  const accessToken = encodeJwt(
    {
      iss: 'https://auth.altium.com',
      nbf: PAT_ISSUED_AT,
      iat: PAT_ISSUED_AT,
      exp: PAT_EXPIRES_AT,
      aud: 'a365',
      client_id: clientId,
      sub: user.userId,
      scope: workspaceScopes(authId),
      workspaceId: authId,
      jti: rng.hex(32).toUpperCase()
    },
    signingSecret,
    keyId
  )
  return {
    credentials: {
      clientId,
      clientSecret: rng.token(48),
      refreshToken: rng.hex(64).toUpperCase(),
      username: `ci.exporter.${rng.hex(16)}@acme.example`,
      password: `Pw-${rng.token(36)}!`,
      accessToken
    },
    authId,
    otherAuthId,
    user,
    signingSecret,
    keyId
  }
}
