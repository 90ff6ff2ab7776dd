// Remembers which access and refresh tokens the stand-in handed out and how often each was used.
import { randomBytes } from 'node:crypto'
import { type StandInIdentity, workspaceScopes } from './identity.js'
import { encodeJwt } from './jwt.js'

export type TokenVerdict = 'valid' | 'expired' | 'unknown'

interface IssuedToken {
  expiresAtMs: number
  uses: number
}

export interface IssueRequest {
  clientId: string
  issuer: string
  lifetimeSeconds: number
  secure: boolean
}

export class TokenStore {
  private readonly accessTokens = new Map<string, IssuedToken>()
  private readonly refreshTokens = new Set<string>()
  private issueCount = 0

  constructor(private readonly identity: StandInIdentity) {
    this.refreshTokens.add(identity.credentials.refreshToken)
  }

  issueAccessToken(request: IssueRequest): string {
    this.issueCount++
    const now = Math.floor(Date.now() / 1000)
    const exp = now + request.lifetimeSeconds
    const token = encodeJwt(
      {
        iss: request.issuer,
        nbf: now,
        iat: now,
        exp,
        aud: 'a365',
        client_id: request.clientId,
        sub: this.identity.user.userId,
        scope: workspaceScopes(this.identity.authId),
        workspaceId: this.identity.authId,
        ...(request.secure ? { secure: '1' } : {}),
        jti: `${randomBytes(12).toString('hex').toUpperCase()}${this.issueCount}`
      },
      this.identity.signingSecret,
      this.identity.keyId
    )
    this.accessTokens.set(token, { expiresAtMs: exp * 1000, uses: 0 })
    return token
  }

  isRefreshTokenValid(token: string): boolean {
    return this.refreshTokens.has(token)
  }

  /** Replaces a refresh token with a fresh one; the old one stops working. */
  rotateRefreshToken(old: string): string {
    this.refreshTokens.delete(old)
    const next = randomBytes(32).toString('hex').toUpperCase()
    this.refreshTokens.add(next)
    return next
  }

  /** Checks a bearer token and, when valid, counts the use. */
  use(token: string | null, expiresAfterCalls: number | undefined): TokenVerdict {
    if (!token) return 'unknown'
    if (token === this.identity.credentials.accessToken) return 'valid'
    const issued = this.accessTokens.get(token)
    if (!issued) return 'unknown'
    if (Date.now() >= issued.expiresAtMs) return 'expired'
    if (expiresAfterCalls !== undefined && issued.uses >= expiresAfterCalls) return 'expired'
    issued.uses++
    return 'valid'
  }
}
