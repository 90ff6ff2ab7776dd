// JWT-shaped access tokens: clients decode exp and scope without verifying, so shape is what counts.
import { createHmac } from 'node:crypto'

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url')
}

export function encodeJwt(payload: Record<string, unknown>, secret: string, keyId: string): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', kid: keyId, typ: 'at+jwt' }))
  const body = base64url(JSON.stringify(payload))
  const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest()
  return `${header}.${body}.${base64url(signature)}`
}
