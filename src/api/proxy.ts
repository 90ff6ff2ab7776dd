import type { Agent } from 'node:http'
import { AltiumApiError } from './errors.js'

/**
 * The company proxy the Altium requests go through, as the runner's environment names it
 * (`HTTPS_PROXY` and the like; docs/proxy.md). The inputs stage reads it once; the choice per
 * request follows `@actions/http-client`, so the artifact and GitHub clients choose alike.
 */
export interface ProxySettings {
  /** For https targets: `https_proxy`, else `HTTPS_PROXY`. */
  https?: ProxyServer
  /** For http targets: `http_proxy`, else `HTTP_PROXY`. */
  http?: ProxyServer
  /** `no_proxy`, else `NO_PROXY`: its entries, trimmed and upper-cased. */
  bypass: string[]
}

export interface ProxyServer {
  /** With its user name and password, which only the agent reads. */
  url: URL
  /** Where it was read, e.g. `https_proxy`, for the log and the messages. */
  variable: string
  /** The address without credentials: what the log and the messages show. */
  shown: string
}

/** No proxy variable set: every request goes direct. */
export const DIRECT: ProxySettings = { bypass: [] }

/**
 * The proxy a request to `target` goes through, or undefined when it goes direct: loopback hosts
 * always, and hosts that a `NO_PROXY` entry names (`*`, a host, a host with its port, a domain
 * with or without its leading dot).
 */
export function proxyFor(target: URL, settings: ProxySettings): ProxyServer | undefined {
  const server = target.protocol === 'https:' ? settings.https : settings.http
  if (!server || bypasses(target, settings.bypass)) return undefined
  return server
}

function bypasses(target: URL, entries: string[]): boolean {
  const host = target.hostname.toUpperCase()
  if (isLoopbackName(host)) return true
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  const names = [host, `${host}:${port}`]
  return entries.some(
    (entry) =>
      entry === '*' ||
      names.some(
        (name) =>
          name === entry ||
          name.endsWith(`.${entry}`) ||
          (entry.startsWith('.') && name.endsWith(entry))
      )
  )
}

/** The loopback names `@actions/http-client` never sends through a proxy. */
function isLoopbackName(host: string): boolean {
  return (
    host === 'LOCALHOST' ||
    host.startsWith('127.') ||
    host.startsWith('[::1]') ||
    host.startsWith('[0:0:0:0:0:0:0:1]')
  )
}

/**
 * Refuses a request the proxy would read in clear: plain http through a proxy is forwarded as
 * it is, token and client secret included. Only https is tunnelled (`CONNECT`).
 */
export function checkProxyRoute(target: URL, settings: ProxySettings): ProxyServer | undefined {
  const server = proxyFor(target, settings)
  if (server && target.protocol !== 'https:') {
    throw new AltiumApiError(
      `${server.variable} sends ${target.origin} through the proxy ${server.shown} in clear, ` +
        'where the proxy would read the token. Use an https:// address (tunnelled through ' +
        `the proxy), or add ${target.hostname} to NO_PROXY.`,
      { endpoint: target.origin }
    )
  }
  return server
}

/**
 * One line for the log when the Altium requests go through a proxy, naming it without its
 * credentials; undefined when they go direct.
 */
export function describeProxyUse(urls: string[], settings: ProxySettings): string | undefined {
  const used = new Map<string, ProxyServer>()
  for (const url of urls) {
    const server = proxyFor(new URL(url), settings)
    if (server) used.set(server.shown, server)
  }
  if (!used.size) return undefined
  const servers = [...used.values()].map((server) => `${server.shown} (${server.variable})`)
  return `The Altium requests go through the proxy ${servers.join(' and ')}.`
}

/** One tunnelling agent per proxy, with kept-alive connections, for the whole run. */
const agents = new Map<string, Promise<Agent>>()

/**
 * The agent that tunnels through `server` with `CONNECT`. The proxy library is loaded only here,
 * so a run without a proxy does not read it.
 */
export function proxyAgent(server: ProxyServer): Promise<Agent> {
  let agent = agents.get(server.url.href)
  if (!agent) {
    agent = import('https-proxy-agent').then(
      ({ HttpsProxyAgent }) => new HttpsProxyAgent(server.url, { keepAlive: true })
    )
    agents.set(server.url.href, agent)
  }
  return agent
}
