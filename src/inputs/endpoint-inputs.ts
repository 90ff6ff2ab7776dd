import { isSecureEndpoint, normaliseWorkspaceUrl, type Realm } from '../api/endpoints.js'
import { Input } from '../constants.js'
import { InputError } from '../input-error.js'

// The workspace and the endpoints the credentials go to: https only, no credentials in addresses.

export function readWorkspaceUrl(value: string): string {
  if (!value) {
    throw new InputError(
      `Input '${Input.WorkspaceUrl}' is required: the address of your Altium 365 workspace, ` +
        'e.g. https://acme.365.altium.com/.'
    )
  }
  const url = parseUrl(Input.WorkspaceUrl, value)
  if (!isSecureEndpoint(url)) {
    throw new InputError(
      `Input '${Input.WorkspaceUrl}': "${value}" must be an https:// address, ` +
        'e.g. https://acme.365.altium.com/.'
    )
  }
  return normaliseWorkspaceUrl(value)
}

export function readEndpoint(input: Input, value: string): string {
  const url = parseUrl(input, value)
  if (!isSecureEndpoint(url)) {
    throw new InputError(
      `Input '${input}': "${value}" is not https. Credentials never travel in clear; ` +
        'use an https:// address (plain http is accepted only for localhost).'
    )
  }
  return url.toString()
}

function parseUrl(input: Input, value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input '${input}': "${value}" is not a URL. Accepted: an https:// address.`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `Input '${input}': "${value}" is not a URL. Accepted: an https:// address.`
    )
  }
  if (url.username || url.password) {
    throw new InputError(`Input '${input}' must not carry a user name or password in the address.`)
  }
  return url
}

/**
 * `auto` (the default): discovery for `realm: nexar`, whose global endpoint may be in another
 * region than the workspace, and not for the Altium 365 realms, whose endpoint is the workspace's
 * own host already (and whose discovery names Nexar addresses, another provider).
 */
export function readDiscovery(value: string, realm: Realm): boolean {
  if (value === '' || value.toLowerCase() === 'auto') return realm === 'nexar'
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(
    `Input '${Input.DiscoverEndpoint}': "${value}" is not accepted. Accepted: auto (discovery ` +
      'for realm: nexar only), true, false.'
  )
}
