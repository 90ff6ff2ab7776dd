/**
 * Decodes a UTF-8 JSON body into a string of one-byte characters that `JSON.parse` reads as the
 * same value: ASCII stays as it is, and every run of other characters becomes the `\uXXXX`
 * escapes JSON has for them.
 *
 * Why: one component name with a `µ` or `Ω` makes V8 decode a whole megabyte page into a two-byte
 * string, which costs about a second of CPU per 100,000 components on a small runner and twice
 * the memory. Latin-1 decoding is a copy, and the few escaped runs are cheap.
 *
 * Why it is exact: outside strings, JSON text is ASCII only, so every byte of 0x80 and above is
 * inside a string, where an escape means the same character. A run of such bytes is never cut
 * inside a UTF-8 sequence (each byte of a multi-byte sequence is 0x80 or above), so decoding a run
 * gives the same characters as decoding the whole body, replacement characters included.
 */
export function jsonText(body: Buffer): string {
  const start = hasByteOrderMark(body) ? 3 : 0
  const latin1 = body.toString('latin1', start)
  // Without a match, replace gives the same string back.
  return latin1.replace(NON_ASCII_RUNS, escapeRun)
}

const NON_ASCII_RUNS = /[\x80-\xff]+/g

/** The same few runs (`µ`, `±`, `Ω`) come back on every page. */
const escapedRuns = new Map<string, string>()
const MAX_REMEMBERED_RUNS = 10_000

function escapeRun(latin1Run: string): string {
  let escaped = escapedRuns.get(latin1Run)
  if (escaped === undefined) {
    const text = Buffer.from(latin1Run, 'latin1').toString('utf8')
    escaped = ''
    for (let index = 0; index < text.length; index++) {
      escaped += `\\u${text.charCodeAt(index).toString(16).padStart(4, '0')}`
    }
    if (escapedRuns.size < MAX_REMEMBERED_RUNS) escapedRuns.set(latin1Run, escaped)
  }
  return escaped
}

function hasByteOrderMark(body: Buffer): boolean {
  return body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf
}
