/**
 * End to end: the built dist/index.js behind a company proxy. The stand-in is served over https
 * for a made-up host that only the loopback CONNECT proxy can reach, with a self-signed
 * certificate trusted through NODE_EXTRA_CA_CERTS (docs/proxy.md).
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import {
  ALTIUM_TEST_HOST,
  hostsPreload,
  selfSignedCertificate,
  startConnectProxy,
  startTlsFront,
  type ConnectProxy,
  type TestCertificate,
  type TlsFront
} from '../helpers/connect-proxy.js'
import { findLeaks } from '../helpers/secrets.js'
import { credentialInputs, standInInputs, standInSecrets } from '../helpers/stand-in-inputs.js'

const PROXY_USER = 'runner-proxy'
const PROXY_PASSWORD = 'Pr0xy-pa55word-never-shown'

let altium: StandIn
let certificate: TestCertificate
let front: TlsFront
let proxy: ConnectProxy
let direct: ActionRun

beforeAll(async () => {
  altium = await startStandIn({ seed: 17, componentCount: 450, maxPageSize: 100 })
  certificate = selfSignedCertificate()
  const origin = new URL(altium.origin)
  front = await startTlsFront(certificate, { host: origin.hostname, port: Number(origin.port) })
  proxy = await startConnectProxy({ user: PROXY_USER, password: PROXY_PASSWORD })
  // The same export without any proxy, over plain loopback http: the bytes to match.
  direct = await runAction({ ...standInInputs(altium), publish: 'none' })
  if (direct.exitCode !== 0) throw new Error(`The direct export failed:\n${direct.stdout}`)
})
afterAll(async () => {
  await Promise.all([proxy.close(), front.close(), altium.close()])
})
beforeEach(() => {
  altium.resetStats()
  proxy.record.connects.length = 0
  proxy.record.plainRequests.length = 0
  proxy.record.authorizations.length = 0
  proxy.record.received.length = 0
  front.connections = 0
})

/** The stand-in's addresses under the made-up host, through the https front. */
function httpsInputs(): Record<string, string> {
  const origin = `https://${ALTIUM_TEST_HOST}:${front.port}`
  return {
    'workspace-url': altium.workspaceUrl,
    realm: 'altium-365',
    'api-url': `${origin}/graphql`,
    'token-url': `${origin}/connect/token`,
    publish: 'none',
    ...credentialInputs(altium, 'password')
  }
}

const proxyUrl = () =>
  `http://${PROXY_USER}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${proxy.port}`

async function runBehindProxy(
  env: Record<string, string>,
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  const run = await runAction(
    { ...httpsInputs(), ...inputs },
    { env: { NODE_EXTRA_CA_CERTS: certificate.certFile, ...env } }
  )
  expect(findLeaks(run, [...standInSecrets(altium), PROXY_PASSWORD])).toEqual([])
  return run
}

const csvOf = (run: ActionRun) => readFileSync(run.outputs['csv-path'])
const everything = (run: ActionRun) => `${run.stdout}\n${run.stderr}`

describe('behind a company proxy', () => {
  it('tunnels the token and GraphQL requests through CONNECT and writes the same CSV', async () => {
    const run = await runBehindProxy({ HTTPS_PROXY: proxyUrl() })

    expect(run.exitCode).toBe(0)
    expect(csvOf(run).equals(csvOf(direct))).toBe(true)
    expect(altium.stats.tokenRequests).toBeGreaterThan(0)
    expect(altium.stats.libraryRequests).toBeGreaterThan(0)
    // The made-up host resolves nowhere else, and every connection the stand-in's front took
    // came through a tunnel the proxy opened.
    expect(proxy.record.connects.length).toBeGreaterThan(0)
    expect(new Set(proxy.record.connects)).toEqual(new Set([`${ALTIUM_TEST_HOST}:${front.port}`]))
    expect(front.connections).toBe(proxy.record.connects.length)
    expect(proxy.record.plainRequests).toEqual([])
    expect(new Set(proxy.record.authorizations)).toEqual(
      new Set([`${PROXY_USER}:${PROXY_PASSWORD}`])
    )
    // What the proxy could read: CONNECT lines and TLS, no credential and no token.
    const seen = Buffer.concat(proxy.record.received).toString('latin1')
    for (const secret of standInSecrets(altium)) expect(seen).not.toContain(secret)
    expect(seen).not.toContain('/connect/token')

    expect(run.stdout).toContain(
      `The Altium requests go through the proxy http://127.0.0.1:${proxy.port} (HTTPS_PROXY).`
    )
    expect(run.stdout).toContain(`::add-mask::${PROXY_PASSWORD}`)
  })

  it('goes direct to a host that NO_PROXY names, and says nothing of the proxy', async () => {
    const run = await runBehindProxy({
      https_proxy: proxyUrl(),
      no_proxy: `example.org, .test`,
      NODE_OPTIONS: `--require ${hostsPreload(certificate.folder)}`
    })

    expect(run.exitCode).toBe(0)
    expect(csvOf(run).equals(csvOf(direct))).toBe(true)
    expect(proxy.record.connects).toEqual([])
    expect(front.connections).toBeGreaterThan(0)
    expect(run.stdout).not.toContain('go through the proxy')
  })

  it.each([
    [
      'an address that does not parse',
      'http://runner-proxy:Pr0xy-pa55word-never-shown@proxy corp:8080'
    ],
    ['a SOCKS proxy', 'socks5://127.0.0.1:1080']
  ])('refuses %s before any request, naming the variable', async (_case, value) => {
    const run = await runBehindProxy({ HTTPS_PROXY: value })

    expect(run.exitCode).toBe(1)
    expect(everything(run)).toMatch(
      /HTTPS_PROXY: .* (is not a proxy address|which the action does not speak)/
    )
    expect(proxy.record.received).toEqual([])
    expect(front.connections).toBe(0)
    expect(altium.stats.requests).toEqual([])
  })

  it('refuses an http address that the proxy would read in clear, before any request', async () => {
    const run = await runBehindProxy(
      { HTTP_PROXY: proxyUrl(), HTTPS_PROXY: proxyUrl() },
      { 'token-url': `http://${ALTIUM_TEST_HOST}:${front.port}/connect/token` }
    )

    expect(run.exitCode).toBe(1)
    expect(everything(run)).toContain("Input 'token-url'")
    expect(proxy.record.received).toEqual([])
    expect(altium.stats.requests).toEqual([])
  })
})
