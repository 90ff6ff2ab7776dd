import { isSecureEndpoint } from '../api/endpoints.js'

/** One `git -c key=value`, but handed over through the environment. */
export interface GitConfigEntry {
  key: string
  value: string
}

export interface RemoteAuth {
  /** The header value; a secret, like the token it is made of. */
  header: string
  entries: GitConfigEntry[]
}

/**
 * How fetch and push authenticate with `github-token`: the header actions/checkout uses,
 * `AUTHORIZATION: basic base64(x-access-token:<token>)`, scoped to the remote's origin. An empty
 * value first clears any header already configured for that origin (a credential persisted by
 * actions/checkout), so exactly one Authorization header is sent. Only for https remotes, or plain
 * http to this machine; undefined otherwise (ssh and file remotes need no token).
 */
export function remoteAuth(remoteUrl: string, token: string): RemoteAuth | undefined {
  if (!token || !URL.canParse(remoteUrl)) return undefined
  const url = new URL(remoteUrl)
  if (!isSecureEndpoint(url)) return undefined
  const key = `http.${url.protocol}//${url.host}/.extraheader`
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
  return {
    header,
    entries: [
      { key, value: '' },
      { key, value: header }
    ]
  }
}

/**
 * The `GIT_CONFIG_COUNT` / `GIT_CONFIG_KEY_n` / `GIT_CONFIG_VALUE_n` variables (git 2.31 and later)
 * that add `entries` to the ones the environment already carries.
 */
export function configEnvironment(
  entries: GitConfigEntry[],
  env: NodeJS.ProcessEnv
): Record<string, string> {
  const existing = Number.parseInt(env.GIT_CONFIG_COUNT ?? '', 10)
  const start = Number.isInteger(existing) && existing > 0 ? existing : 0
  const variables: Record<string, string> = {
    GIT_CONFIG_COUNT: String(start + entries.length)
  }
  entries.forEach((entry, i) => {
    variables[`GIT_CONFIG_KEY_${start + i}`] = entry.key
    variables[`GIT_CONFIG_VALUE_${start + i}`] = entry.value
  })
  return variables
}
