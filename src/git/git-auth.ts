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
 * `AUTHORIZATION: basic base64(x-access-token:<token>)`, scoped to the GitHub server's origin
 * (GITHUB_SERVER_URL), so that git sends it to that host only. An empty value first clears any
 * header already configured for that origin (a credential persisted by actions/checkout), so
 * exactly one Authorization header is sent. Undefined when the remote is not an https (or
 * loopback http) address on that server: ssh and file remotes need no token, and another host
 * must never get it.
 */
export function remoteAuth(
  remoteUrl: string,
  token: string,
  serverUrl: string
): RemoteAuth | undefined {
  if (!token || !tokenMayGoTo(remoteUrl, serverUrl)) return undefined
  const key = `http.${new URL(serverUrl).origin}/.extraheader`
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
  return {
    header,
    entries: [
      { key, value: '' },
      { key, value: header }
    ]
  }
}

/** Whether `remoteUrl` is an http(s) address, the kind git would send a token header to. */
export function isHttpRemote(remoteUrl: string): boolean {
  return URL.canParse(remoteUrl) && /^https?:$/.test(new URL(remoteUrl).protocol)
}

/** Whether the remote is on the GitHub server (same scheme, host and port) over a safe channel. */
export function tokenMayGoTo(remoteUrl: string, serverUrl: string): boolean {
  if (!isHttpRemote(remoteUrl) || !URL.canParse(serverUrl)) return false
  const remote = new URL(remoteUrl)
  return isSecureEndpoint(remote) && remote.origin === new URL(serverUrl).origin
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
