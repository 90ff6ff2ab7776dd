/**
 * Git's smart HTTP protocol on loopback: `git http-backend` (the CGI program shipped with git)
 * behind a small bridge that checks the Authorization header the way GitHub does. A token listed
 * as read-only may fetch but gets GitHub's 403 on push; two Authorization headers get a 400.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { gitEnv } from './git-repos.js'

export interface GitHttpRequest {
  method: string
  path: string
  service: 'upload-pack' | 'receive-pack'
  /** Every Authorization header sent, in order. */
  authorizations: string[]
}

export interface GitHttpServer {
  /** The clone URL of a bare repository under the root, e.g. http://127.0.0.1:1234/acme/hardware.git */
  urlOf(bare: string): string
  readonly requests: GitHttpRequest[]
  close(): Promise<void>
}

export interface GitHttpOptions {
  /** The folder the bare repositories are served from. */
  root: string
  /** Tokens that may fetch and push. */
  writeTokens: string[]
  /** Tokens that may fetch only, as GITHUB_TOKEN on a fork pull request. */
  readTokens?: string[]
  /** The repository name GitHub's 403 text carries. */
  repository?: string
}

export async function startGitHttpServer(options: GitHttpOptions): Promise<GitHttpServer> {
  const requests: GitHttpRequest[] = []
  const writers = new Set(options.writeTokens)
  const readers = new Set(options.readTokens ?? [])

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const authorizations: string[] = []
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i].toLowerCase() === 'authorization') {
        authorizations.push(req.rawHeaders[i + 1])
      }
    }
    const service =
      url.searchParams.get('service') === 'git-receive-pack' ||
      url.pathname.endsWith('/git-receive-pack')
        ? 'receive-pack'
        : 'upload-pack'
    requests.push({ method: req.method ?? 'GET', path: url.pathname, service, authorizations })

    const text = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain', ...headers })
      res.end(body)
    }
    if (authorizations.length > 1) return text(400, 'Duplicate header: "Authorization"\n')
    const given = tokenOf(authorizations[0])
    const canRead = writers.has(given) || readers.has(given)
    if (!canRead) {
      return text(401, 'Authentication required\n', { 'www-authenticate': 'Basic realm="GitHub"' })
    }
    if (service === 'receive-pack' && !writers.has(given)) {
      const repository = options.repository ?? 'acme/hardware'
      return text(403, `Permission to ${repository}.git denied to github-actions[bot].\n`)
    }

    const cgi = spawn('git', ['http-backend'], {
      env: gitEnv({
        GIT_PROJECT_ROOT: options.root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        // http-backend allows pushes only from an authenticated user.
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }
          : {}),
        ...(req.headers['git-protocol']
          ? { GIT_PROTOCOL: String(req.headers['git-protocol']) }
          : {})
      })
    })
    req.pipe(cgi.stdin)
    const chunks: Buffer[] = []
    cgi.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    cgi.on('close', () => {
      const output = Buffer.concat(chunks)
      const split = output.indexOf('\r\n\r\n')
      const head = output.subarray(0, split).toString('latin1')
      const headers: Record<string, string> = {}
      let status = 200
      for (const line of head.split('\r\n')) {
        const at = line.indexOf(':')
        const name = line.slice(0, at).trim()
        const value = line.slice(at + 1).trim()
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10)
        else if (name) headers[name] = value
      }
      res.writeHead(status, headers)
      res.end(output.subarray(split + 4))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    urlOf: (bare) =>
      `http://127.0.0.1:${port}/${path.relative(options.root, bare).split(path.sep).join('/')}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve()))
      )
  }
}

/** The token of `Basic base64(x-access-token:<token>)`; the scheme is case-insensitive. */
function tokenOf(header: string | undefined): string {
  const match = /^basic\s+(\S+)$/i.exec(header ?? '')
  if (!match) return ''
  const [user, token] = Buffer.from(match[1], 'base64').toString('utf8').split(':')
  return user === 'x-access-token' && token ? token : ''
}
