// Hostile answers: what a compromised proxy or a careless server could send. Hostile text in
// names and messages lives with the workspace, component and token faults it rides on.
import { gzipSync } from 'node:zlib'
import { json, type Reply } from './http-io.js'

const GIB = 1024 * 1024 * 1024
/** One gzip member of 16 MiB of zeros (16 KB); members in a row are one valid gzip stream. */
const MEMBER_BYTES = 16 * 1024 * 1024
let member: Buffer | undefined
const bombs = new Map<number, Buffer>()

/**
 * `gzipBombRate`: a 200 answer of about 1 MB (for the default 1 GiB) that expands to `bytes` of
 * zeros. Built once per size from repeated gzip members, so that building it is quick.
 */
export function gzipBomb(bytes = GIB): Reply {
  let body = bombs.get(bytes)
  if (!body) {
    member ??= gzipSync(Buffer.alloc(MEMBER_BYTES), { level: 9 })
    const whole = Math.floor(bytes / MEMBER_BYTES)
    const rest = gzipSync(Buffer.alloc(bytes % MEMBER_BYTES), { level: 9 })
    body = Buffer.concat([...Array.from({ length: whole }, () => member as Buffer), rest])
    bombs.set(bytes, body)
  }
  const compressed = body
  return {
    status: 200,
    body: '',
    deliver: (res) => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-encoding': 'gzip',
        'content-length': String(compressed.length)
      })
      res.end(compressed)
    }
  }
}

/** `tokenEchoesForm`: a token endpoint that quotes the whole request back in its error. */
export function echoedForm(body: string): Reply {
  return json(
    400,
    { error: 'invalid_request', error_description: `The request could not be processed: ${body}` },
    { 'cache-control': 'no-store' }
  )
}
