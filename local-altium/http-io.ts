// Minimal request/response plumbing shared by the token and GraphQL endpoints.
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface Reply {
  status: number
  headers?: Record<string, string>
  /** Objects are sent as JSON, strings as they are. */
  body: unknown
  /** Writes the answer itself, for faults of the wire (silence, a reset mid-body). */
  deliver?: (res: ServerResponse) => void
}

const MAX_BODY_BYTES = 5 * 1024 * 1024

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > MAX_BODY_BYTES) throw new Error('request body too large')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    body,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
  }
}

/** What a load balancer in front of the gateway answers when the backend is down. */
export function serviceUnavailable(): Reply {
  return {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body:
      '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n' +
      '<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n'
  }
}

export function send(res: ServerResponse, reply: Reply): void {
  if (reply.deliver) return reply.deliver(res)
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
