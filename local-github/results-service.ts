/**
 * A loopback stand-in of GitHub's artifact results service, close enough that the real, unmocked
 * `@actions/artifact` client uploads to it: the Twirp JSON `ArtifactService` (Create, Finalize,
 * List, Delete) plus the block-blob upload endpoint its signed upload URL points at. It keeps every
 * artifact with the bytes the client committed, and every request, so tests can read back exactly
 * what was published. Fault switches make it fail the way the real service can.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mintRuntimeToken } from './runtime-token.js'

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/'
const BLOB_PREFIX = '/blob/'
const MAX_TWIRP_BODY = 1024 * 1024
/** The client uploads in 8 MiB blocks. */
const MAX_BLOB_BODY = 16 * 1024 * 1024

export const TWIRP_METHODS = [
  'CreateArtifact',
  'FinalizeArtifact',
  'ListArtifacts',
  'DeleteArtifact'
] as const
export type TwirpMethod = (typeof TWIRP_METHODS)[number]

/** The message the real service gives for a name used twice in one run. */
export const DUPLICATE_NAME_MESSAGE =
  'an artifact with this name already exists on the workflow run'

export interface StoredArtifact {
  /** The `artifact_id` / `database_id`. */
  id: number
  name: string
  workflowRunBackendId: string
  workflowJobRunBackendId: string
  /** `mime_type` of CreateArtifact: `application/zip`, or the file's type when not archived. */
  mimeType?: string
  /** `expires_at` of CreateArtifact (RFC 3339), absent for the repository default. */
  expiresAt?: string
  version?: number
  createdAt: string
  /** FinalizeArtifact was called. */
  finalized: boolean
  /** `size` of FinalizeArtifact. */
  size?: number
  /** `hash` of FinalizeArtifact: `sha256:<hex>`. */
  hash?: string
  /** The blob as the block list committed it: the zip, or the file itself when not archived. */
  bytes?: Buffer
  /** `x-ms-blob-content-type` of the block-list commit. */
  blobContentType?: string
}

export interface ResultsRequest {
  httpMethod: string
  /** Path without the query (the query of a blob URL carries the signature). */
  path: string
  kind: 'twirp' | 'blob' | 'unknown'
  twirpMethod?: string
  /** The parsed JSON body of a Twirp call. */
  body?: unknown
  /** Blob calls: `block` or `blocklist`. */
  comp?: string
  /** Twirp calls: carried `Authorization: Bearer <runtime token>`. Blob calls: a valid `sig`. */
  authorized: boolean
  status: number
}

export interface ResultsFaults {
  /** The next `count` Twirp calls (of `method` only, when given) answer `status` with a JSON error. */
  failNext?: { status: number; count: number; method?: TwirpMethod }
  /** These methods answer 200 with `ok: false`. */
  notOk?: TwirpMethod[]
  /** CreateArtifact answers as when the account's artifact storage quota is used up. */
  quotaExceeded?: boolean
  /** The next `count` blob uploads answer `status`. */
  blobFailNext?: { status: number; count: number }
}

export interface ResultsServiceOptions {
  /** The workflow run's backend id; a new UUID when absent. */
  runBackendId?: string
  /** The job's backend id; a new UUID when absent. */
  jobBackendId?: string
}

export interface ResultsService {
  /** `http://127.0.0.1:<port>/`: the runner's `ACTIONS_RESULTS_URL`. */
  readonly resultsUrl: string
  /** A runtime token whose `scp` names this run and job: the runner's `ACTIONS_RUNTIME_TOKEN`. */
  readonly runtimeToken: string
  readonly runBackendId: string
  readonly jobBackendId: string
  /** Live list of artifacts created in this run (a deleted one is removed). */
  readonly artifacts: StoredArtifact[]
  /** Live list of every request, in arrival order. */
  readonly requests: ResultsRequest[]
  /** Replaces the fault switches; counted faults are used up as they fire. */
  setFaults(faults: ResultsFaults): void
  /** Forgets artifacts, requests and faults. */
  reset(): void
  close(): Promise<void>
}

interface Reply {
  status: number
  headers?: Record<string, string>
  body?: unknown
}

/** Twirp errors are always JSON: the client parses every body, and retries on one that is not. */
function twirpError(status: number, code: string, msg: string): Reply {
  return { status, body: { code, msg } }
}

function azureError(status: number, code: string, message: string): Reply {
  return {
    status,
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code },
    body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  }
}

export async function startResultsService(
  options: ResultsServiceOptions = {}
): Promise<ResultsService> {
  const runBackendId = options.runBackendId ?? randomUUID()
  const jobBackendId = options.jobBackendId ?? randomUUID()
  const runtimeToken = mintRuntimeToken(runBackendId, jobBackendId)
  const artifacts: StoredArtifact[] = []
  const requests: ResultsRequest[] = []
  const signatures = new Map<number, string>()
  const pendingBlocks = new Map<number, Map<string, Buffer>>()
  let faults: ResultsFaults = {}
  let nextId = 7001
  let origin = ''

  const artifactOfRun = (name: string) =>
    artifacts.find((a) => a.workflowRunBackendId === runBackendId && a.name === name)

  function twirp(method: string, body: Record<string, unknown>): Reply {
    const failNext = faults.failNext
    if (failNext && failNext.count > 0 && (!failNext.method || failNext.method === method)) {
      failNext.count--
      return twirpError(failNext.status, 'internal', 'the results service is unavailable')
    }
    if (faults.notOk?.includes(method as TwirpMethod)) return { status: 200, body: { ok: false } }
    if (
      body.workflow_run_backend_id !== runBackendId ||
      body.workflow_job_run_backend_id !== jobBackendId
    ) {
      return twirpError(400, 'invalid_argument', 'the backend ids do not match the runtime token')
    }
    const name = typeof body.name === 'string' ? body.name : ''
    switch (method) {
      case 'CreateArtifact': {
        if (faults.quotaExceeded) {
          // The text the client recognises as the storage quota being used up.
          return twirpError(429, 'resource_exhausted', 'insufficient usage to create artifact')
        }
        if (!name) return twirpError(400, 'invalid_argument', 'name is required')
        if (artifactOfRun(name)) return twirpError(409, 'already_exists', DUPLICATE_NAME_MESSAGE)
        const id = nextId++
        const signature = randomBytes(16).toString('hex')
        signatures.set(id, signature)
        artifacts.push({
          id,
          name,
          workflowRunBackendId: runBackendId,
          workflowJobRunBackendId: jobBackendId,
          mimeType: typeof body.mime_type === 'string' ? body.mime_type : undefined,
          expiresAt: typeof body.expires_at === 'string' ? body.expires_at : undefined,
          version: typeof body.version === 'number' ? body.version : undefined,
          createdAt: new Date().toISOString(),
          finalized: false
        })
        return {
          status: 200,
          body: {
            ok: true,
            signed_upload_url: `${origin}${BLOB_PREFIX}${runBackendId}/${id}?sv=2025-01-05&sr=b&sp=cw&sig=${signature}`
          }
        }
      }
      case 'FinalizeArtifact': {
        const artifact = artifactOfRun(name)
        if (!artifact || artifact.finalized) {
          return twirpError(404, 'not_found', 'no artifact with this name awaits finalizing')
        }
        artifact.finalized = true
        artifact.size = Number(body.size ?? 0)
        artifact.hash = typeof body.hash === 'string' ? body.hash : undefined
        return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } }
      }
      case 'ListArtifacts': {
        const nameFilter = typeof body.name_filter === 'string' ? body.name_filter : undefined
        const idFilter = body.id_filter === undefined ? undefined : Number(body.id_filter)
        const listed = artifacts.filter(
          (a) =>
            a.finalized &&
            a.workflowRunBackendId === runBackendId &&
            (nameFilter === undefined || a.name === nameFilter) &&
            (idFilter === undefined || a.id === idFilter)
        )
        return {
          status: 200,
          body: {
            artifacts: listed.map((a) => ({
              workflow_run_backend_id: a.workflowRunBackendId,
              workflow_job_run_backend_id: a.workflowJobRunBackendId,
              database_id: String(a.id),
              name: a.name,
              size: String(a.size ?? 0),
              created_at: a.createdAt,
              ...(a.hash ? { digest: a.hash } : {})
            }))
          }
        }
      }
      case 'DeleteArtifact': {
        const artifact = artifactOfRun(name)
        if (!artifact?.finalized) return twirpError(404, 'not_found', 'artifact not found')
        artifacts.splice(artifacts.indexOf(artifact), 1)
        return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } }
      }
      default:
        return twirpError(404, 'bad_route', `no handler for ArtifactService/${method}`)
    }
  }

  function blob(
    req: IncomingMessage,
    path: string,
    query: Map<string, string>,
    body: Buffer,
    log: ResultsRequest
  ): Reply {
    const id = Number(path.slice(BLOB_PREFIX.length).split('/')[1])
    const artifact = artifacts.find((a) => a.id === id)
    log.comp = query.get('comp')
    log.authorized = Boolean(artifact) && query.get('sig') === signatures.get(id)
    if (!artifact || !log.authorized) {
      return azureError(403, 'AuthenticationFailed', 'The signature does not match.')
    }
    const blobFailNext = faults.blobFailNext
    if (blobFailNext && blobFailNext.count > 0) {
      blobFailNext.count--
      return azureError(blobFailNext.status, 'ServerBusy', 'The server is busy.')
    }
    if (artifact.finalized) {
      return azureError(409, 'BlobImmutable', 'The artifact is finalized and cannot change.')
    }
    const blocks = pendingBlocks.get(id) ?? new Map<string, Buffer>()
    pendingBlocks.set(id, blocks)
    const comp = query.get('comp')
    if (req.method === 'PUT' && comp === 'block') {
      const blockId = query.get('blockid')
      if (!blockId) return azureError(400, 'InvalidQueryParameterValue', 'blockid is missing.')
      blocks.set(blockId, body)
      return { status: 201 }
    }
    if (req.method === 'PUT' && comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(Latest|Uncommitted)>([^<]*)<\/\1>/g)].map(
        (match) => match[2]
      )
      const missing = ids.find((blockId) => !blocks.has(blockId))
      if (missing !== undefined) {
        return azureError(400, 'InvalidBlockList', `Block ${missing} was never uploaded.`)
      }
      artifact.bytes = Buffer.concat(ids.map((blockId) => blocks.get(blockId) as Buffer))
      artifact.blobContentType = req.headers['x-ms-blob-content-type'] as string | undefined
      pendingBlocks.delete(id)
      return { status: 201 }
    }
    if (req.method === 'PUT' && comp === undefined) {
      artifact.bytes = body
      return { status: 201 }
    }
    return azureError(400, 'UnsupportedHttpVerb', `${req.method} ${comp ?? ''} is not supported.`)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [path, rawQuery = ''] = (req.url ?? '/').split('?', 2)
    const log: ResultsRequest = {
      httpMethod: req.method ?? '',
      path,
      kind: 'unknown',
      authorized: false,
      status: 0
    }
    requests.push(log)
    let reply: Reply
    try {
      if (path.startsWith(TWIRP_PREFIX)) {
        log.kind = 'twirp'
        log.twirpMethod = path.slice(TWIRP_PREFIX.length)
        log.authorized = req.headers.authorization === `Bearer ${runtimeToken}`
        const text = (await readBody(req, MAX_TWIRP_BODY)).toString('utf8')
        let body: Record<string, unknown> | undefined
        try {
          body = JSON.parse(text || '{}') as Record<string, unknown>
        } catch {
          body = undefined
        }
        log.body = body
        if (req.method !== 'POST') {
          reply = twirpError(404, 'bad_route', 'Twirp methods take POST')
        } else if (!log.authorized) {
          reply = twirpError(401, 'unauthenticated', 'the runtime token is missing or wrong')
        } else if (!body || typeof body !== 'object') {
          reply = twirpError(400, 'malformed', 'the body is not a JSON object')
        } else {
          reply = twirp(log.twirpMethod, body)
        }
      } else if (path.startsWith(BLOB_PREFIX)) {
        log.kind = 'blob'
        const body = await readBody(req, MAX_BLOB_BODY)
        reply = blob(req, path, parseQuery(rawQuery), body, log)
      } else {
        await readBody(req, MAX_TWIRP_BODY)
        reply = twirpError(404, 'bad_route', `no route for ${req.method} ${path}`)
      }
    } catch (error) {
      reply = twirpError(500, 'internal', error instanceof Error ? error.message : String(error))
    }
    log.status = reply.status
    const text =
      reply.body === undefined
        ? ''
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body)
    res.writeHead(reply.status, {
      'x-ms-request-id': randomUUID(),
      ...(reply.body !== undefined && typeof reply.body !== 'string'
        ? { 'content-type': 'application/json' }
        : {}),
      ...reply.headers,
      'content-length': Buffer.byteLength(text)
    })
    res.end(text)
  }

  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    resultsUrl: `${origin}/`,
    runtimeToken,
    runBackendId,
    jobBackendId,
    artifacts,
    requests,
    setFaults(next: ResultsFaults) {
      faults = structuredClone(next)
    },
    reset() {
      artifacts.length = 0
      requests.length = 0
      pendingBlocks.clear()
      signatures.clear()
      faults = {}
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error(`request body larger than ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Query values decoded without turning `+` into a space: block ids are base64. */
function parseQuery(rawQuery: string): Map<string, string> {
  const query = new Map<string, string>()
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue
    const at = pair.indexOf('=')
    const key = at < 0 ? pair : pair.slice(0, at)
    query.set(decodeURIComponent(key), at < 0 ? '' : decodeURIComponent(pair.slice(at + 1)))
  }
  return query
}
