/** The API generations and their default endpoints (SPEC §3.1). */
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
