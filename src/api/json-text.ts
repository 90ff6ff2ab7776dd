import { isAscii } from 'node:buffer'

/**
 * Decodes a UTF-8 JSON body into a string of one-byte characters that `JSON.parse` reads as the
 * same value: ASCII stays as it is, and every run of other characters becomes the `\uXXXX`
 * escapes JSON has for them.
 *
 * Why: one component name with a `µ` or `Ω` makes V8 decode a whole megabyte page into a two-byte
 * string, which costs about a second of CPU per 100,000 components on a small runner and twice
 * the memory. Latin-1 decoding is a copy, and the few escaped runs are cheap. The runs are
 * escaped in the bytes, before the one decoding: a page becomes one string, not two, and every
 * string of that size is fresh memory that the system has to hand over page by page.
 *
 * Why it is exact: outside strings, JSON text is ASCII only, so every byte of 0x80 and above is
 * inside a string, where an escape means the same character. A run of such bytes is never cut
 * inside a UTF-8 sequence (each byte of a multi-byte sequence is 0x80 or above), so decoding a run
 * gives the same characters as decoding the whole body, replacement characters included.
 */
export function jsonText(body: Buffer): string {
  const start = hasByteOrderMark(body) ? 3 : 0
  const text = start ? body.subarray(start) : body
  return (isAscii(text) ? text : escapeNonAscii(text)).toString('latin1')
}

/** The bytes with every run of bytes 0x80 and above written as JSON `\u` escapes. */
function escapeNonAscii(bytes: Buffer): Buffer {
  const pieces: Buffer[] = []
  let asciiStart = 0
  let index = 0
  while (index < bytes.length) {
    if (bytes[index] < 0x80) {
      index++
      continue
    }
    let runEnd = index + 1
    while (runEnd < bytes.length && bytes[runEnd] >= 0x80) runEnd++
    pieces.push(bytes.subarray(asciiStart, index), escapedRun(bytes.subarray(index, runEnd)))
    asciiStart = index = runEnd
  }
  pieces.push(bytes.subarray(asciiStart))
  return Buffer.concat(pieces)
}

/** The same few runs (`µ`, `±`, `Ω`) come back on every page. */
const escapedRuns = new Map<string, Buffer>()
const MAX_REMEMBERED_RUNS = 10_000

function escapedRun(run: Buffer): Buffer {
  const key = run.toString('latin1')
  let escaped = escapedRuns.get(key)
  if (escaped === undefined) {
    const text = run.toString('utf8')
    let escapes = ''
    for (let index = 0; index < text.length; index++) {
      escapes += `\\u${text.charCodeAt(index).toString(16).padStart(4, '0')}`
    }
    escaped = Buffer.from(escapes, 'latin1')
    if (escapedRuns.size < MAX_REMEMBERED_RUNS) escapedRuns.set(key, escaped)
  }
  return escaped
}

function hasByteOrderMark(body: Buffer): boolean {
  return body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf
}
