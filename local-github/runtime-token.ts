// The runner's ACTIONS_RUNTIME_TOKEN, as far as the artifact client looks at it.
import { randomBytes } from 'node:crypto'

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url')
}

/**
 * A JWT-shaped runtime token. The artifact client decodes it without checking the signature and
 * takes the workflow run and job backend ids from the `Actions.Results:<run>:<job>` entry of the
 * space-separated `scp` claim, so that entry is what matters; the random signature makes every
 * token unique, which lets tests look for it in everything a run leaves behind.
 */
export function mintRuntimeToken(runBackendId: string, jobBackendId: string): string {
  const now = Math.floor(Date.now() / 1000)
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5t: 'local-github' }))
  const payload = base64url(
    JSON.stringify({
      scp: `Actions.GenericRead:${runBackendId} Actions.Results:${runBackendId}:${jobBackendId}`,
      iss: 'local-github',
      aud: 'vso:local-github',
      nbf: now,
      iat: now,
      exp: now + 6 * 3600
    })
  )
  return `${header}.${payload}.${base64url(randomBytes(32))}`
}
