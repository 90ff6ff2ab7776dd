import { execFile, execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { RetryableError } from '../../src/api/errors.js'
import { requestWithTimeout } from '../../src/api/http.js'

const LIMITS = { timeoutMs: 5000 }
const execFileAsync = promisify(execFile)

/** What the server saw of each request. */
interface Seen {
  method: string
  headers: IncomingMessage['headers']
  body: string
}

const servers: (ReturnType<typeof createServer> | ReturnType<typeof createHttpsServer>)[] = []

/** A loopback server that answers every request with `answer`, and records what it was sent. */
async function serve(
  answer: (res: ServerResponse) => void
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body })
      answer(res)
    })
  }).listen(0, '127.0.0.1')
  servers.push(server)
  await once(server, 'listening')
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, seen }
}

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    server.close()
  }
})

const PAGE = JSON.stringify({ data: { name: 'R 10kΩ ±1% 0.1µF', list: [1, 2, 3] } })

describe('one HTTP exchange', () => {
  it('sends the method, headers and body, and keeps status, status text and headers', async () => {
    const { url, seen } = await serve((res) => {
      res.writeHead(418, 'Short and stout', {
        'content-type': 'text/plain',
        'x-request-id': 'abc'
      })
      res.end('tea')
    })
    const response = await requestWithTimeout(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"q":"Ω"}' },
      LIMITS
    )
    expect(seen).toHaveLength(1)
    expect(seen[0].method).toBe('POST')
    expect(seen[0].headers['content-type']).toBe('application/json')
    // Nine characters, ten bytes in UTF-8.
    expect(seen[0].headers['content-length']).toBe('10')
    expect(seen[0].body).toBe('{"q":"Ω"}')
    expect(response.status).toBe(418)
    expect(response.statusText).toBe('Short and stout')
    expect(response.ok).toBe(false)
    expect(response.headers.get('x-request-id')).toBe('abc')
    expect(await response.text()).toBe('tea')
  })

  it('takes headers given as a Headers object, as graphql-request gives them', async () => {
    const { url, seen } = await serve((res) => res.end('{}'))
    await requestWithTimeout(
      url,
      { method: 'POST', headers: new Headers({ Authorization: 'Bearer t' }), body: '{}' },
      LIMITS
    )
    expect(seen[0].headers.authorization).toBe('Bearer t')
  })

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync]
  ])('asks for compressed answers and decodes a %s body', async (encoding, compress) => {
    const { url, seen } = await serve((res) => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-encoding': encoding
      })
      res.end(compress(Buffer.from(PAGE)))
    })
    const response = await requestWithTimeout(url, { method: 'POST', body: '{}' }, LIMITS)
    expect(seen[0].headers['accept-encoding']).toBe('gzip, deflate, br')
    expect(response.body.toString('utf8')).toBe(PAGE)
    expect(JSON.parse(await response.text())).toEqual(JSON.parse(PAGE))
  })

  it('reads a body that arrives in many pieces whole', async () => {
    const pieces = Array.from({ length: 50 }, (_, index) => `"${index}-${'x'.repeat(2000)}"`)
    const { url } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('[')
      pieces.forEach((piece, index) => res.write(index ? `,${piece}` : piece))
      res.end(']')
    })
    const response = await requestWithTimeout(url, {}, LIMITS)
    expect(JSON.parse(await response.text())).toHaveLength(50)
  })

  it('calls a body that does not decompress a retryable failure that says so', async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
      res.end('this is not gzip')
    })
    const request = requestWithTimeout(url, {}, LIMITS)
    await expect(request).rejects.toBeInstanceOf(RetryableError)
    await expect(request).rejects.toThrow(
      new RegExp(`^${url} answered with a gzip body that does not decompress \\(Z_DATA_ERROR\\)$`)
    )
  })

  it('calls a connection reset in the middle of a body a broken connection', async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
      res.write('{"data":', () => res.socket?.resetAndDestroy())
    })
    const request = requestWithTimeout(url, {}, LIMITS)
    await expect(request).rejects.toBeInstanceOf(RetryableError)
    await expect(request).rejects.toThrow(
      `the connection to ${url} broke in the middle of its answer (ECONNRESET)`
    )
  })

  it('calls a connection broken in the middle of a compressed body a broken connection', async () => {
    const whole = gzipSync(Buffer.from(PAGE.repeat(200)))
    const { url } = await serve((res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(whole.length)
      })
      res.write(whole.subarray(0, whole.length >> 1), () => res.socket?.destroy())
    })
    const request = requestWithTimeout(url, {}, LIMITS)
    await expect(request).rejects.toBeInstanceOf(RetryableError)
    await expect(request).rejects.toThrow(
      `the connection to ${url} broke in the middle of its answer`
    )
  })

  it('times out an answer that stops half way, body included', async () => {
    const { url } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
      res.write('{"data":')
    })
    const request = requestWithTimeout(url, {}, { timeoutMs: 300 })
    await expect(request).rejects.toBeInstanceOf(RetryableError)
    await expect(request).rejects.toThrow(`${url} did not answer within 0.3 s`)
  })

  it('does not follow a redirect', async () => {
    const { url: elsewhere, seen: seenElsewhere } = await serve((res) => res.end('{}'))
    const { url } = await serve((res) => {
      res.writeHead(307, { location: `${elsewhere}?token=1` })
      res.end()
    })
    await expect(requestWithTimeout(url, { method: 'POST', body: '{}' }, LIMITS)).rejects.toThrow(
      `answered HTTP 307, a redirect to ${elsewhere}. The action does not follow redirects`
    )
    expect(seenElsewhere).toHaveLength(0)
  })

  describe('answers larger than the action reads', () => {
    const limits = { timeoutMs: 10_000, maxAnswerBytes: 1024 * 1024 }

    it('stops decompressing a gzip bomb at the limit and names the size and endpoint', async () => {
      // 64 MiB of zeros in some 64 KB: the client must stop after 1 MiB of it.
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 })
      const { url } = await serve((res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
        res.end(bomb)
      })
      const request = requestWithTimeout(url, {}, limits)
      await expect(request).rejects.toBeInstanceOf(RetryableError)
      await expect(request).rejects.toThrow(
        `${url} answered with more than 1 MiB of gzip-decoded body, above the 1 MiB the action ` +
          'reads from one answer'
      )
    })

    it('refuses a plain body whose content-length is above the limit without reading it', async () => {
      let written = 0
      const { url } = await serve((res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 3 << 20 })
        res.write('{"data":', () => (written = 8))
      })
      await expect(requestWithTimeout(url, {}, limits)).rejects.toThrow(
        `${url} answered with 3 MiB (its content-length), above the 1 MiB`
      )
      expect(written).toBeLessThanOrEqual(8)
    })

    it('stops reading an endless plain body at the limit and drops the connection', async () => {
      let closed = false
      const { url } = await serve((res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        const chunk = Buffer.alloc(64 * 1024, 0x20)
        const pump = () => {
          while (!closed && res.write(chunk));
          if (!closed) res.once('drain', pump)
        }
        res.on('close', () => (closed = true))
        pump()
      })
      await expect(requestWithTimeout(url, {}, limits)).rejects.toThrow(
        `${url} answered with more than 1 MiB, above the 1 MiB`
      )
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(closed).toBe(true)
    })

    it('reads an answer just under the limit whole', async () => {
      const body = gzipSync(Buffer.alloc(1024 * 1024 - 1, 0x20))
      const { url } = await serve((res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' })
        res.end(body)
      })
      const response = await requestWithTimeout(url, {}, limits)
      expect(response.body.length).toBe(1024 * 1024 - 1)
    })
  })

  it('keeps the connection alive between requests', async () => {
    const sockets = new Set<unknown>()
    const { url } = await serve((res) => {
      sockets.add(res.socket)
      res.end('{}')
    })
    for (let index = 0; index < 3; index++) await requestWithTimeout(url, {}, LIMITS)
    expect(sockets.size).toBe(1)
  })
})

describe('an exchange over https', () => {
  // The action's agents trust the system's certificate authorities only, so the request runs in a
  // child process that is told to trust the test's own certificate (NODE_EXTRA_CA_CERTS).
  const folder = mkdtempSync(path.join(tmpdir(), 'https-test-'))
  const key = path.join(folder, 'key.pem')
  const certificate = path.join(folder, 'cert.pem')
  const script = path.join(folder, 'exchange.mts')

  beforeAll(() => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        certificate,
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1'
      ],
      { stdio: 'ignore' }
    )
    const http = pathToFileURL(path.resolve('src/api/http.ts')).href
    writeFileSync(
      script,
      `import { requestWithTimeout } from ${JSON.stringify(http)}\n` +
        'try {\n' +
        '  const init = { method: "POST", body: "{}" }\n' +
        '  const response = await requestWithTimeout(process.argv[2], init, { timeoutMs: 5000 })\n' +
        '  console.log(JSON.stringify({ status: response.status, text: await response.text() }))\n' +
        '} catch (error) {\n' +
        '  console.log(JSON.stringify({ error: error.message }))\n' +
        '}\n'
    )
  })
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  async function exchangeInChild(url: string, trusted: boolean) {
    const env = { ...process.env, ...(trusted ? { NODE_EXTRA_CA_CERTS: certificate } : {}) }
    if (!trusted) delete env.NODE_EXTRA_CA_CERTS
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script, url], {
      env
    })
    return JSON.parse(stdout) as { status?: number; text?: string; error?: string }
  }

  async function serveTls(): Promise<string> {
    const server = createHttpsServer(
      { key: readFileSync(key), cert: readFileSync(certificate) },
      (req, res) => {
        req.resume()
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
          res.end(gzipSync(Buffer.from(PAGE)))
        })
      }
    ).listen(0, '127.0.0.1')
    servers.push(server)
    await once(server, 'listening')
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`
  }

  it('reads a compressed answer from a server whose certificate it trusts', async () => {
    const url = await serveTls()
    const result = await exchangeInChild(url, true)
    expect(result.error).toBeUndefined()
    expect(result.status).toBe(200)
    expect(JSON.parse(result.text ?? '')).toEqual(JSON.parse(PAGE))
  }, 30_000)

  it('refuses a certificate it cannot verify, as a failure to reach the server', async () => {
    const url = await serveTls()
    const result = await exchangeInChild(url, false)
    expect(result.error).toBe(`could not reach ${url} (DEPTH_ZERO_SELF_SIGNED_CERT)`)
  }, 30_000)
})
