/** The API generations and their default endpoints (docs/credentials.md#realms-and-endpoints). */
export type Realm = 'nexar' | 'altium-365' | 'altium-365-gov'

export const REALMS: Realm[] = ['nexar', 'altium-365', 'altium-365-gov']

interface RealmDefaults {
  tokenUrl: string
  /** The GraphQL endpoint, from the workspace URL (which ends with a slash). */
  apiUrl(workspaceUrl: string): string
  /** GovCloud's token endpoint requires `secure=1` on every request; Commercial must not send it. */
  secure: boolean
}

export const REALM_DEFAULTS: Record<Realm, RealmDefaults> = {
  nexar: {
    tokenUrl: 'https://identity.nexar.com/connect/token',
    apiUrl: () => 'https://api.nexar.com/graphql',
    secure: false
  },
  'altium-365': {
    tokenUrl: 'https://auth.altium.com/connect/token',
    apiUrl: (workspaceUrl) => `${workspaceUrl}api/graphql`,
    secure: false
  },
  'altium-365-gov': {
    tokenUrl: 'https://auth.365-gov.altium.com/connect/token',
    apiUrl: (workspaceUrl) => `${workspaceUrl}api/graphql`,
    secure: true
  }
}

/** Loopback hosts may use plain http: a local stand-in, never a real service. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

/** Credentials and tokens never travel in clear: https, or http to this machine only. */
export function isSecureEndpoint(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
}

/** A workspace URL compared the way the service does: lower-case host, trailing slash. */
export function normaliseWorkspaceUrl(url: string): string {
  const parsed = new URL(url)
  const path = parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`
  return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}`
}

/** Domains of the services the token belongs to; a discovered endpoint must stay inside one. */
const PROVIDER_DOMAINS = ['altium.com', 'nexar.com']

/** `altium.com` for `eur.365.altium.com`; any other host is its own provider. */
export function providerDomain(hostname: string): string {
  const host = hostname.toLowerCase()
  return PROVIDER_DOMAINS.find((domain) => host === domain || host.endsWith(`.${domain}`)) ?? host
}

/**
 * Whether the token may go to the endpoint discovery returned: https under the same provider's
 * domain as the configured `api-url` (a Nexar endpoint may send it on to another nexar.com host,
 * never to altium.com or elsewhere), or loopback when `api-url` is loopback too (a local
 * stand-in).
 */
export function isTrustedDiscoveredEndpoint(discovered: URL, configured: URL): boolean {
  if (isLoopbackHost(discovered.hostname)) {
    return isLoopbackHost(configured.hostname) && isSecureEndpoint(discovered)
  }
  return (
    discovered.protocol === 'https:' &&
    !discovered.username &&
    !discovered.password &&
    providerDomain(discovered.hostname) === providerDomain(configured.hostname)
  )
}
