import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Transform } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import type { Deadline } from './deadline.js'
import { AltiumApiError, RetryableError } from './errors.js'
import { jsonText } from './json-text.js'
import { checkProxyRoute, proxyAgent, type ProxySettings } from './proxy.js'
import { parseRetryAfter } from './retry.js'

/** How long one request may take, and the run's deadline that cuts it shorter near the end. */
export interface RequestLimits {
  timeoutMs: number
  deadline?: Deadline
  /** The most one answer may hold, decompressed; `MAX_ANSWER_BYTES` unless a test says less. */
  maxAnswerBytes?: number
  /** The company proxy: https requests to hosts it covers are tunnelled through it. */
  proxy?: ProxySettings
}

/**
 * An answer whose body has been read in full. It offers the part of `Response` that the token
 * client and graphql-request use; `text()` decodes with `Buffer`, several times faster than
 * `Response.text()` on the megabytes of a large library page, and a JSON body into one-byte
 * text (`jsonText`).
 */
export class BufferedResponse {
  readonly status: number
  readonly statusText: string
  readonly ok: boolean
  readonly headers: Headers

  constructor(
    response: IncomingMessage,
    readonly body: Buffer
  ) {
    this.status = response.statusCode ?? 0
    this.statusText = response.statusMessage ?? ''
    this.ok = this.status >= 200 && this.status < 300
    this.headers = new Headers()
    const raw = response.rawHeaders
    for (let i = 0; i + 1 < raw.length; i += 2) this.headers.append(raw[i], raw[i + 1])
  }

  async text(): Promise<string> {
    if (JSON_TYPE.test(this.headers.get('content-type') ?? '')) return jsonText(this.body)
    const text = this.body.toString('utf8')
    // Like Response.text(), drop a byte order mark.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  }
}

/** `application/json`, `application/graphql-response+json` and the like. */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i

/**
 * One HTTP exchange with a time limit that covers the whole of it, body included: a server that
 * stops half way times out like one that never answers. Transport failures (refused, reset, timed
 * out) become retryable errors naming the endpoint. Redirects are not followed, so that the token
 * and the client secret only ever go to the address configured.
 *
 * It speaks `node:http` rather than `fetch`: fetch hands each body to a web stream, chunk by
 * chunk, which for the hundred megabytes of a large library costs more CPU and memory than
 * parsing them (`npm run bench` measures both).
 */
export async function requestWithTimeout(
  url: string,
  init: ExchangeInit,
  limits: RequestLimits
): Promise<BufferedResponse> {
  const { timeoutMs, deadline } = limits
  // Before the deadline's check: a request the proxy would read in clear is never made.
  const proxy = limits.proxy && checkProxyRoute(new URL(url), limits.proxy)
  const remaining = deadline ? deadline.remainingMs() : Infinity
  if (deadline && remaining <= 0) throw deadline.exceeded()
  const budgetMs = Math.min(timeoutMs, remaining)
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), budgetMs)
  try {
    const maxBytes = limits.maxAnswerBytes ?? MAX_ANSWER_BYTES
    const agent = proxy ? await proxyAgent(proxy) : undefined
    const response = await exchange(url, init, controller.signal, maxBytes, agent)
    if (response.status >= 300 && response.status < 400) throw redirected(url, response)
    return response
  } catch (error) {
    if (error instanceof AltiumApiError) throw error
    if (controller.signal.aborted) {
      if (deadline && budgetMs < timeoutMs) throw deadline.exceeded(`${url} did not answer in time`)
      throw new RetryableError(`${url} did not answer within ${timeoutMs / 1000} s`)
    }
    if (error instanceof RetryableError) throw error
    const via = proxy ? ` through the proxy ${proxy.shown}` : ''
    throw new RetryableError(`could not reach ${url}${via} (${errorCode(error)})`)
  } finally {
    clearTimeout(timer)
  }
}

/** What a request carries: the part of `RequestInit` the token client and graphql-request use. */
export interface ExchangeInit {
  method?: string
  headers?: ConstructorParameters<typeof Headers>[0]
  body?: unknown
}

/** Kept-alive connections for the whole run, as `fetch` keeps them. */
const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true })
}

/** Compressed answers are welcome (a library page shrinks some tenfold), as with `fetch`. */
const ACCEPT_ENCODING = 'gzip, deflate, br'

function exchange(
  url: string,
  init: ExchangeInit,
  signal: AbortSignal,
  maxBytes: number,
  agent?: HttpAgent
): Promise<BufferedResponse> {
  const target = new URL(url)
  const secure = target.protocol === 'https:'
  const headers = new Headers(init.headers)
  if (!headers.has('accept-encoding')) headers.set('accept-encoding', ACCEPT_ENCODING)
  const options = {
    method: init.method ?? 'GET',
    headers: Object.fromEntries(headers),
    agent: agent ?? (secure ? AGENTS['https:'] : AGENTS['http:']),
    signal
  }
  return new Promise((resolve, reject) => {
    let answered = false
    const request = (secure ? httpsRequest : httpRequest)(target, options, (response) => {
      answered = true
      readBody(url, response, maxBytes).then(
        (body) => resolve(new BufferedResponse(response, body)),
        reject
      )
    })
    // Once the answer has begun, a broken connection is the body reader's to report.
    request.on('error', (error) => {
      if (!answered) reject(error)
    })
    request.end(init.body === undefined || init.body === null ? undefined : String(init.body))
  })
}

/**
 * The most an answer may hold, decompressed: 256 MiB. A library page of 1,000 components is about
 * 1.2 MB, so this is some two hundred times the largest real page, and it bounds what a hostile
 * or broken server (a gzip bomb: 1 MB that expands to 1 GiB) can make the run hold in memory.
 */
export const MAX_ANSWER_BYTES = 256 * 1024 * 1024

/**
 * The whole body, decompressed as its `content-encoding` says, up to `MAX_ANSWER_BYTES`: reading
 * and decompressing stop at the limit, and the connection is dropped.
 */
async function readBody(url: string, response: IncomingMessage, limit: number): Promise<Buffer> {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase()
  const decoder = DECODERS[encoding]?.()
  const declared = Number(response.headers['content-length'])
  if (!decoder && declared > limit) {
    response.destroy()
    throw answerTooLarge(url, `${formatBytes(declared)} (its content-length)`, limit)
  }
  let broken: unknown
  response.on('error', (error) => {
    broken = error
    decoder?.destroy(error)
  })
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of decoder ? response.pipe(decoder) : response) {
      size += (chunk as Buffer).length
      if (size > limit) break
      chunks.push(chunk as Buffer)
    }
  } catch (error) {
    if (broken !== undefined || !decoder) {
      throw new RetryableError(
        `the connection to ${url} broke in the middle of its answer (${errorCode(broken ?? error)})`
      )
    }
    throw new RetryableError(
      `${url} answered with a ${encoding} body that does not decompress (${errorCode(error)})`
    )
  }
  if (size > limit) {
    // Leaving the loop destroyed the decoder; the rest of the answer is not read either.
    response.destroy()
    throw answerTooLarge(
      url,
      `more than ${formatBytes(limit)}${decoder ? ` of ${encoding}-decoded body` : ''}`,
      limit
    )
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
}

/**
 * Retried like an answer that does not decompress: a proxy's fault may pass, and the retries are
 * bounded (tries and `deadline-minutes`), each holding at most the limit.
 */
function answerTooLarge(url: string, size: string, limit: number): RetryableError {
  return new RetryableError(
    `${url} answered with ${size}, above the ${formatBytes(limit)} the action reads from one ` +
      'answer (a real library page is a few megabytes); the rest was not read'
  )
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024)
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`
}

const DECODERS: Record<string, (() => Transform) | undefined> = {
  gzip: () => createGunzip(),
  'x-gzip': () => createGunzip(),
  deflate: () => createInflate(),
  br: () => createBrotliDecompress()
}

/** `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`…, or the message when there is no code. */
function errorCode(error: unknown): string {
  const failure = error as { code?: string; message?: string } | undefined
  return failure?.code ?? failure?.message ?? 'unknown error'
}

/** A redirect is refused rather than followed: the credentials stay with the configured host. */
function redirected(url: string, response: BufferedResponse): AltiumApiError {
  const location = response.headers.get('location') ?? ''
  let target = 'an address it did not name'
  try {
    const next = new URL(location, url)
    target = `${next.origin}${next.pathname}`
  } catch {
    // keep the neutral wording
  }
  return new AltiumApiError(
    `${url} answered HTTP ${response.status}, a redirect to ${target}. The action does not ` +
      'follow redirects, so that credentials only go to the addresses you configured: set ' +
      '`api-url` or `token-url` to the final https address if you trust it.',
    { endpoint: url }
  )
}

/** HTTP statuses that a later try may not see again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500
}

export function retryableStatusError(url: string, response: BufferedResponse): RetryableError {
  return new RetryableError(
    `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    parseRetryAfter(response.headers.get('retry-after'))
  )
}
