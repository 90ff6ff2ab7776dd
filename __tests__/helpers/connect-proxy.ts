import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import {
  createConnection,
  createServer,
  type AddressInfo,
  type Server,
  type Socket
} from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createServer as createTlsServer } from 'node:tls'

/** The made-up host the stand-in's certificate names; only the proxy (or `hostsPreload`) knows it. */
export const ALTIUM_TEST_HOST = 'altium.test'

export interface TestCertificate {
  key: string
  cert: string
  /** The certificate as a file, for NODE_EXTRA_CA_CERTS. */
  certFile: string
  folder: string
}

/** A self-signed certificate for `ALTIUM_TEST_HOST`, made with openssl for this test run. */
export function selfSignedCertificate(): TestCertificate {
  const folder = mkdtempSync(path.join(tmpdir(), 'proxy-cert-'))
  const keyFile = path.join(folder, 'key.pem')
  const certFile = path.join(folder, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      `/CN=${ALTIUM_TEST_HOST}`,
      '-addext',
      `subjectAltName=DNS:${ALTIUM_TEST_HOST}`
    ],
    { stdio: 'ignore' }
  )
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
    folder
  }
}

/**
 * A preload for the action's process that resolves `ALTIUM_TEST_HOST` to 127.0.0.1, as a
 * company's DNS would resolve an internal host: the way a request that bypasses the proxy
 * (`NO_PROXY`) reaches it. Without it the name resolves nowhere, so only the proxy can reach it.
 */
export function hostsPreload(folder: string): string {
  const file = path.join(folder, 'hosts.cjs')
  writeFileSync(
    file,
    [
      "const dns = require('node:dns')",
      'const lookup = dns.lookup',
      'dns.lookup = function (hostname, options, callback) {',
      `  if (String(hostname).toLowerCase() === '${ALTIUM_TEST_HOST}') hostname = '127.0.0.1'`,
      '  return lookup.call(this, hostname, options, callback)',
      '}',
      ''
    ].join('\n')
  )
  return file
}

/** An https front for a plain-http server: TLS ends here and the bytes go on to `target`. */
export interface TlsFront {
  port: number
  /** Connections it accepted. */
  connections: number
  close(): Promise<void>
}

export async function startTlsFront(
  certificate: TestCertificate,
  target: { host: string; port: number }
): Promise<TlsFront> {
  const sockets = new Set<Socket>()
  const front: TlsFront = { port: 0, connections: 0, close: () => closeServer(server, sockets) }
  const server = createTlsServer({ key: certificate.key, cert: certificate.cert }, (client) => {
    front.connections++
    const upstream = createConnection(target)
    sockets.add(client).add(upstream)
    client.pipe(upstream).pipe(client)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
  })
  front.port = await listen(server)
  return front
}

/** What the proxy saw. */
export interface ProxyRecord {
  /** `host:port` of each CONNECT it forwarded. */
  connects: string[]
  /** Requests other than CONNECT (`GET http://…`), which it refuses. */
  plainRequests: string[]
  /** The Proxy-Authorization header of each request, decoded (`user:password`), or ''. */
  authorizations: string[]
  /** Every byte the client sent it, tunnel included. */
  received: Buffer[]
}

export interface ConnectProxy {
  port: number
  record: ProxyRecord
  close(): Promise<void>
}

/**
 * A loopback CONNECT proxy that forwards tunnels to `ALTIUM_TEST_HOST` (mapped to 127.0.0.1)
 * and nowhere else, and records what it forwarded. With `credentials`, it asks for them.
 */
export async function startConnectProxy(credentials?: {
  user: string
  password: string
}): Promise<ConnectProxy> {
  const record: ProxyRecord = { connects: [], plainRequests: [], authorizations: [], received: [] }
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    sockets.add(client)
    client.on('error', () => client.destroy())
    let head = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      record.received.push(chunk)
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      client.off('data', onData)
      const lines = head.subarray(0, end).toString('latin1').split('\r\n')
      const [method, target] = lines[0].split(' ')
      const auth = lines.find((line) => /^proxy-authorization:/i.test(line))
      const basic = auth && /basic\s+(\S+)/i.exec(auth)
      record.authorizations.push(basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '')
      if (method !== 'CONNECT') {
        record.plainRequests.push(`${method} ${target}`)
        client.end('HTTP/1.1 405 Method Not Allowed\r\nconnection: close\r\n\r\n')
        return
      }
      if (
        credentials &&
        record.authorizations.at(-1) !== `${credentials.user}:${credentials.password}`
      ) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nconnection: close\r\n\r\n')
        return
      }
      record.connects.push(target)
      const [host, port] = [target.slice(0, target.lastIndexOf(':')), target.split(':').pop()]
      // Tests reach loopback only: the made-up host is this machine, any other is refused.
      if (host !== ALTIUM_TEST_HOST) {
        client.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n')
        return
      }
      const upstream = createConnection({ host: '127.0.0.1', port: Number(port) }, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        const rest = head.subarray(end + 4)
        if (rest.length) upstream.write(rest)
        client.on('data', (data: Buffer) => record.received.push(data))
        client.pipe(upstream).pipe(client)
      })
      sockets.add(upstream)
      upstream.on('error', () => client.destroy())
    }
    client.on('data', onData)
  })
  const port = await listen(server)
  return { port, record, close: () => closeServer(server, sockets) }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy()
  return new Promise((resolve) => server.close(() => resolve()))
}
