// A loopback stand-in for the few GitHub REST endpoints the action calls: the repository, pull
// requests, labels, issue comments, and the repository's artifacts (listed, and downloaded through
// a redirect to an unauthenticated blob address, as GitHub does). It records every request so tests can check method, path,
// auth header and body, and it has switches for the refusals GitHub gives.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { json, readBody, send, type Reply } from '../local-altium/http-io.js'

export interface RecordedRequest {
  method: string
  /** The path without the query string. */
  path: string
  query: Record<string, string>
  authorization: string | undefined
  /** The parsed JSON body, if any. */
  body: unknown
}

export interface StoredPull {
  number: number
  head: string
  base: string
  title: string
  body: string
  state: 'open' | 'closed'
  labels: string[]
}

export interface StoredComment {
  id: number
  issue: number
  body: string
  author: string
}

/** One answer given instead of the real one, e.g. a 502 or a secondary rate limit. */
export interface ScriptedAnswer {
  status: number
  body?: object
  headers?: Record<string, string>
}

/** GitHub's answer when a secondary rate limit holds a request back. */
export function secondaryRateLimit(retryAfterSeconds: number): ScriptedAnswer {
  return {
    status: 403,
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
    },
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining': '4999' }
  }
}

/** GitHub's answer when the token's hourly (primary) rate limit is used up until `resetAt`. */
export function primaryRateLimit(resetAt: Date): ScriptedAnswer {
  return {
    status: 403,
    body: { message: 'API rate limit exceeded for installation ID 1.' },
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.ceil(resetAt.getTime() / 1000))
    }
  }
}

/** An artifact an earlier run uploaded, as the listing and the download serve it. */
export interface StandInArtifact {
  id: number
  name: string
  runId: number
  headBranch: string
  /** ISO 8601. */
  createdAt: string
  expired?: boolean
  /** A zip, or with `zipped: false` the one file uploaded unzipped (named `name`). */
  bytes: Buffer
  zipped: boolean
}

/** A request for a blob address the download was redirected to. */
export interface BlobRequest {
  path: string
  authorization: string | undefined
}

export interface RestFaults {
  /** Creating a pull request: GitHub's 403 for repositories that do not let Actions do it, or a 422. */
  createPull?: 'not-permitted' | 'validation'
  /** Every write answered 403 "Resource not accessible by integration" (a read-only token). */
  readOnly?: boolean
  /** Answers given, in order, to the next requests (after the token check), one each. */
  answers?: ScriptedAnswer[]
  /** Given to every request (after the token check) once `answers` are used up. */
  always?: ScriptedAnswer
}

export interface GitHubRestOptions {
  owner?: string
  repo?: string
  defaultBranch?: string
  /** The token the API accepts. */
  token: string
  /** When given, creating a pull request checks that both branches exist, as GitHub does. */
  hasBranch?: (branch: string) => boolean
  faults?: RestFaults
  /**
   * The account the token belongs to, as GET /user names it, and the author of the comments it
   * posts. Absent: an installation token (the job's own), which gets a 403 from GET /user and
   * posts as github-actions[bot].
   */
  tokenLogin?: string
}

export interface GitHubRestStandIn {
  /** What GITHUB_API_URL is set to: http://127.0.0.1:<port> */
  readonly url: string
  readonly owner: string
  readonly repo: string
  readonly requests: RecordedRequest[]
  readonly pulls: StoredPull[]
  readonly comments: StoredComment[]
  /** The repository's artifacts; tests add and remove them. */
  readonly artifacts: StandInArtifact[]
  /** Every request to a blob address, with the Authorization header it carried (there should be none). */
  readonly blobRequests: BlobRequest[]
  /** Puts a comment on an issue as someone else wrote it, e.g. a reviewer; returns its id. */
  addComment(issue: number, body: string, author?: string): number
  setFaults(faults: RestFaults): void
  /** Who the token belongs to from now on (see GitHubRestOptions.tokenLogin). */
  setTokenLogin(login: string | undefined): void
  /** Forgets requests, pull requests and comments, and numbers from 1 again. */
  reset(): void
  close(): Promise<void>
}

const NOT_PERMITTED = 'GitHub Actions is not permitted to create or approve pull requests.'

export async function startGitHubRestApi(options: GitHubRestOptions): Promise<GitHubRestStandIn> {
  const owner = options.owner ?? 'acme'
  const repo = options.repo ?? 'hardware'
  const defaultBranch = options.defaultBranch ?? 'main'
  let faults: RestFaults = options.faults ?? {}
  let tokenLogin = options.tokenLogin
  const requests: RecordedRequest[] = []
  const pulls: StoredPull[] = []
  const comments: StoredComment[] = []
  const artifacts: StandInArtifact[] = []
  const blobRequests: BlobRequest[] = []
  let nextNumber = 1
  let nextCommentId = 9001
  /** Set once the server listens; the pagination links point at it. */
  let origin = ''
  const htmlUrl = (n: number) => `https://github.com/${owner}/${repo}/pull/${n}`
  const pullJson = (pull: StoredPull) => ({
    number: pull.number,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    html_url: htmlUrl(pull.number),
    head: { ref: pull.head, label: `${owner}:${pull.head}` },
    base: { ref: pull.base },
    labels: pull.labels.map((name) => ({ name }))
  })
  const commentJson = (comment: StoredComment) => ({
    id: comment.id,
    body: comment.body,
    user: { login: comment.author, type: 'Bot' },
    html_url: `https://github.com/${owner}/${repo}/issues/${comment.issue}#issuecomment-${comment.id}`
  })

  const artifactJson = (a: StandInArtifact) => ({
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: a.bytes.length,
    url: `${origin}/repos/${owner}/${repo}/actions/artifacts/${a.id}`,
    archive_download_url: `${origin}/repos/${owner}/${repo}/actions/artifacts/${a.id}/zip`,
    expired: Boolean(a.expired),
    created_at: a.createdAt,
    updated_at: a.createdAt,
    expires_at: a.createdAt,
    workflow_run: {
      id: a.runId,
      repository_id: 1,
      head_repository_id: 1,
      head_branch: a.headBranch,
      head_sha: '0'.repeat(40)
    }
  })

  /** The blob store: no token, as the signed address GitHub redirects to needs none. */
  function blob(path: string): Reply {
    const match = /^\/blob\/(\d+)(\.zip)?$/.exec(path)
    const artifact = match && artifacts.find((a) => a.id === Number(match[1]))
    if (!artifact) return { status: 404, body: 'BlobNotFound' }
    const headers: Record<string, string> = artifact.zipped
      ? { 'content-type': 'application/zip' }
      : {
          'content-type': 'text/csv',
          'content-disposition': `attachment; filename="${artifact.name}"`
        }
    return {
      status: 200,
      body: '',
      deliver: (res) => {
        res.writeHead(200, { ...headers, 'content-length': artifact.bytes.length })
        res.end(artifact.bytes)
      }
    }
  }

  function handle(request: RecordedRequest): Reply {
    if (request.path.startsWith('/blob/')) {
      blobRequests.push({ path: request.path, authorization: request.authorization })
      return blob(request.path)
    }
    if (!authorized(request.authorization, options.token)) {
      return json(401, { message: 'Bad credentials', status: '401' })
    }
    const scripted = faults.answers?.shift() ?? faults.always
    if (scripted) return json(scripted.status, scripted.body ?? {}, scripted.headers)
    if (request.method === 'GET' && request.path === '/user') {
      return tokenLogin
        ? json(200, { login: tokenLogin, type: tokenLogin.endsWith('[bot]') ? 'Bot' : 'User' })
        : json(403, { message: 'Resource not accessible by integration', status: '403' })
    }
    const prefix = `/repos/${owner}/${repo}`
    if (!request.path.startsWith(prefix)) return notFound()
    const rest = request.path.slice(prefix.length)
    const body = (request.body ?? {}) as Record<string, unknown>
    const write = request.method !== 'GET'
    if (write && faults.readOnly) {
      return json(403, { message: 'Resource not accessible by integration', status: '403' })
    }

    if (request.method === 'GET' && rest === '') {
      return json(200, {
        name: repo,
        full_name: `${owner}/${repo}`,
        default_branch: defaultBranch,
        private: true
      })
    }
    if (request.method === 'GET' && rest === '/pulls') {
      const { head, base, state = 'open' } = request.query
      const found = pulls.filter(
        (p) =>
          (state === 'all' || p.state === state) &&
          (!head || `${owner}:${p.head}` === head) &&
          (!base || p.base === base)
      )
      return json(200, found.map(pullJson))
    }
    if (request.method === 'POST' && rest === '/pulls') {
      if (faults.createPull === 'not-permitted') {
        return json(403, { message: NOT_PERMITTED, status: '403' })
      }
      const head = String(body.head ?? '')
      const base = String(body.base ?? '')
      const invalid = [
        ...(options.hasBranch && !options.hasBranch(head) ? [{ field: 'head' }] : []),
        ...(options.hasBranch && !options.hasBranch(base) ? [{ field: 'base' }] : [])
      ]
      if (faults.createPull === 'validation' || invalid.length) {
        return validationFailed(
          invalid.length
            ? invalid.map((e) => ({ resource: 'PullRequest', code: 'invalid', ...e }))
            : [
                {
                  resource: 'PullRequest',
                  code: 'custom',
                  message: `No commits between ${base} and ${head}`
                }
              ]
        )
      }
      if (pulls.some((p) => p.state === 'open' && p.head === head && p.base === base)) {
        return validationFailed([
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${owner}:${head}.`
          }
        ])
      }
      const pull: StoredPull = {
        number: nextNumber++,
        head,
        base,
        title: String(body.title ?? ''),
        body: String(body.body ?? ''),
        state: 'open',
        labels: []
      }
      pulls.push(pull)
      return json(201, pullJson(pull))
    }
    if (request.method === 'GET' && rest === '/actions/artifacts') {
      // Newest first, as GitHub lists them.
      const named = artifacts
        .filter((a) => !request.query.name || a.name === request.query.name)
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
        .map(artifactJson)
      const listed = page(named, request, `${origin}${request.path}`)
      return { ...listed, body: { total_count: named.length, artifacts: listed.body } }
    }
    const downloadMatch = /^\/actions\/artifacts\/(\d+)\/zip$/.exec(rest)
    if (request.method === 'GET' && downloadMatch) {
      const artifact = artifacts.find((a) => a.id === Number(downloadMatch[1]))
      if (!artifact) return notFound()
      if (artifact.expired) return json(410, { message: 'Artifact has expired', status: '410' })
      const file = `/blob/${artifact.id}${artifact.zipped ? '.zip' : ''}`
      return { status: 302, headers: { location: `${origin}${file}?sig=signed` }, body: '' }
    }
    const pullMatch = /^\/pulls\/(\d+)$/.exec(rest)
    if (request.method === 'PATCH' && pullMatch) {
      const pull = pulls.find((p) => p.number === Number(pullMatch[1]))
      if (!pull) return notFound()
      if (typeof body.title === 'string') pull.title = body.title
      if (typeof body.body === 'string') pull.body = body.body
      if (body.state === 'open' || body.state === 'closed') pull.state = body.state
      return json(200, pullJson(pull))
    }
    const labelsMatch = /^\/issues\/(\d+)\/labels$/.exec(rest)
    if (request.method === 'POST' && labelsMatch) {
      const pull = pulls.find((p) => p.number === Number(labelsMatch[1]))
      if (!pull) return notFound()
      const labels = Array.isArray(body.labels) ? body.labels.map(String) : []
      for (const label of labels) if (!pull.labels.includes(label)) pull.labels.push(label)
      return json(
        200,
        pull.labels.map((name) => ({ name }))
      )
    }
    const commentsMatch = /^\/issues\/(\d+)\/comments$/.exec(rest)
    if (commentsMatch) {
      const issue = Number(commentsMatch[1])
      if (request.method === 'GET') {
        const onIssue = comments.filter((c) => c.issue === issue).map(commentJson)
        return page(onIssue, request, `${origin}${request.path}`)
      }
      if (request.method === 'POST') {
        const comment: StoredComment = {
          id: nextCommentId++,
          issue,
          body: String(body.body ?? ''),
          author: tokenLogin ?? 'github-actions[bot]'
        }
        comments.push(comment)
        return json(201, commentJson(comment))
      }
    }
    const commentMatch = /^\/issues\/comments\/(\d+)$/.exec(rest)
    if (request.method === 'PATCH' && commentMatch) {
      const comment = comments.find((c) => c.id === Number(commentMatch[1]))
      if (!comment) return notFound()
      comment.body = String(body.body ?? '')
      return json(200, commentJson(comment))
    }
    return notFound()
  }

  const server = createServer((req, res) => {
    record(req)
      .then((request) => {
        requests.push(request)
        send(res, handle(request))
      })
      .catch((error: unknown) => send(res, json(500, { message: String(error) })))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`

  return {
    url: `http://127.0.0.1:${port}`,
    owner,
    repo,
    requests,
    pulls,
    comments,
    artifacts,
    blobRequests,
    addComment: (issue, body, author = 'octocat') => {
      const id = nextCommentId++
      comments.push({ id, issue, body, author })
      return id
    },
    setFaults: (next) => {
      faults = { ...next, answers: next.answers && [...next.answers] }
    },
    setTokenLogin: (login) => {
      tokenLogin = login
    },
    reset: () => {
      requests.length = 0
      pulls.length = 0
      comments.length = 0
      artifacts.length = 0
      blobRequests.length = 0
      nextNumber = 1
      nextCommentId = 9001
      tokenLogin = options.tokenLogin
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve()))
      )
  }
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const text = await readBody(req)
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    authorization: req.headers.authorization,
    body: text ? (JSON.parse(text) as unknown) : undefined
  }
}

/**
 * One page of a list, as GitHub pages it: `per_page` (default 30, at most 100) and `page` (from 1),
 * with a `Link` header naming the next and last pages while there are more.
 */
function page(items: unknown[], request: RecordedRequest, url: string): Reply {
  const perPage = Math.min(Math.max(Number(request.query.per_page) || 30, 1), 100)
  const number = Math.max(Number(request.query.page) || 1, 1)
  const last = Math.max(Math.ceil(items.length / perPage), 1)
  const link = (n: number) => {
    const query = new URLSearchParams({
      ...request.query,
      per_page: String(perPage),
      page: String(n)
    })
    return `<${url}?${query.toString()}>`
  }
  const headers: Record<string, string> =
    number < last ? { link: `${link(number + 1)}; rel="next", ${link(last)}; rel="last"` } : {}
  return json(200, items.slice((number - 1) * perPage, number * perPage), headers)
}

/** GitHub accepts `token <t>` and `Bearer <t>`. */
function authorized(header: string | undefined, token: string): boolean {
  const match = /^(token|bearer) (.+)$/i.exec(header ?? '')
  return Boolean(match && match[2] === token)
}

function notFound(): Reply {
  return json(404, {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
    status: '404'
  })
}

function validationFailed(errors: object[]): Reply {
  return json(422, {
    message: 'Validation Failed',
    errors,
    documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
    status: '422'
  })
}
