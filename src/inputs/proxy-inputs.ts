import { checkProxyRoute, type ProxyServer, type ProxySettings } from '../api/proxy.js'
import { InputError } from '../input-error.js'

/**
 * The proxy variables of the runner's environment, in `@actions/http-client`'s order: the
 * lower-case name wins over the upper-case one. A password in a proxy address is masked here, as
 * it is read; the user name is not a secret.
 */
export function readProxySettings(
  env: NodeJS.ProcessEnv,
  maskSecret: (value: string, name: string) => void
): ProxySettings {
  const pick = (name: string) => {
    const lower = name.toLowerCase()
    if (env[lower]) return { variable: lower, value: env[lower] }
    if (env[name]) return { variable: name, value: env[name] }
    return undefined
  }
  const https = pick('HTTPS_PROXY')
  const http = pick('HTTP_PROXY')
  const bypass = pick('NO_PROXY')
  return {
    https: https && readProxyServer(https.variable, https.value, maskSecret),
    http: http && readProxyServer(http.variable, http.value, maskSecret),
    bypass: (bypass?.value ?? '')
      .split(',')
      .map((entry) => entry.trim().toUpperCase())
      .filter(Boolean)
  }
}

/**
 * An http:// or https:// proxy address; a bare `host:port` is taken as http://, as curl and git
 * take it.
 */
function readProxyServer(
  variable: string,
  value: string,
  maskSecret: (value: string, name: string) => void
): ProxyServer {
  const raw = value.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`
  let url: URL | undefined
  try {
    url = new URL(withScheme)
  } catch {
    url = undefined
  }
  if (url?.password) {
    maskSecret(url.password, `The password in ${variable}`)
    const decoded = decodePassword(url.password)
    if (decoded !== url.password) maskSecret(decoded, `The password in ${variable}`)
  }
  const accepted =
    'Accepted: http://host:port or https://host:port, with user:password@ before the host if ' +
    'the proxy asks for them'
  // A value that may hold a password is not repeated in the message.
  const quoted = raw.includes('@') ? 'its value' : `"${raw}"`
  if (!url || !url.hostname) {
    throw new InputError(`${variable}: ${quoted} is not a proxy address. ${accepted}.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(
      `${variable}: ${quoted} is a ${url.protocol.slice(0, -1)} proxy, which the action does ` +
        `not speak. ${accepted}.`
    )
  }
  const shown = new URL(url.href)
  shown.username = ''
  shown.password = ''
  return { url, variable, shown: shown.origin }
}

/**
 * Refuses, before any request, a configured Altium address that would reach the proxy in clear.
 */
export function checkProxyRoutes(urls: string[], settings: ProxySettings): void {
  for (const url of urls) {
    try {
      checkProxyRoute(new URL(url), settings)
    } catch (error) {
      throw new InputError((error as Error).message)
    }
  }
}

/** The password as the proxy receives it; a stray `%` leaves it as written. */
function decodePassword(password: string): string {
  try {
    return decodeURIComponent(password)
  } catch {
    return password
  }
}
