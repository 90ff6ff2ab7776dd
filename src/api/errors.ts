/** Errors a caller acts on. Each message says what happened, where, and what to do. */

/** A failure worth trying again: network trouble, HTTP 5xx or 429, `LIMIT_EXCEEDED`. */
export class RetryableError extends Error {
  override name = 'RetryableError'
  constructor(
    message: string,
    /** The server's `Retry-After`, when it gave one. */
    readonly retryAfterMs?: number
  ) {
    super(message)
  }
}

/** The access token has expired (HTTP 401, `AUTH_EXPIRED_TOKEN`, `AuthExpiredToken`). */
export class TokenExpiredError extends Error {
  override name = 'TokenExpiredError'
}

/** The server refused the page size (`HC0051` too many items, `HC0047` cost too high). */
export class PageSizeRejectedError extends Error {
  override name = 'PageSizeRejectedError'
  constructor(
    message: string,
    readonly code: string
  ) {
    super(message)
  }
}

/** A failure that retrying will not fix; the message is the user's guide to the fix. */
export class AltiumApiError extends Error {
  override name = 'AltiumApiError'
}

/** A GraphQL error as the API sends it. */
export interface GraphqlErrorEntry {
  message: string
  path?: readonly (string | number)[]
  extensions?: { code?: string; [key: string]: unknown }
}

/** Error codes come in two spellings (`AUTH_EXPIRED_TOKEN`, `AuthExpiredToken`): compare them as one. */
export function normaliseCode(code: unknown): string {
  return typeof code === 'string' ? code.replace(/_/g, '').toLowerCase() : ''
}

export function hasCode(errors: GraphqlErrorEntry[] | undefined, ...codes: string[]): boolean {
  const wanted = codes.map(normaliseCode)
  return (errors ?? []).some((error) => wanted.includes(normaliseCode(error.extensions?.code)))
}

/** `message (CODE)` for each error, for messages that list what the server said. */
export function describeErrors(errors: GraphqlErrorEntry[]): string {
  return errors
    .map((error) => {
      const code = error.extensions?.code
      const where = error.path?.length ? ` at ${error.path.join('.')}` : ''
      return `${error.message}${code ? ` (${code})` : ''}${where}`
    })
    .join('; ')
}
