/** Errors a caller acts on. Each message says what happened, where, and what to do. */

/** Where a failure happened, for the one message the run ends with. */
export interface FailureContext {
  /** The address the failing request went to. */
  endpoint?: string
  /** The service's `extensions.requestId` of the failing answer, for a support request. */
  requestId?: string
}

/** A failure worth trying again: network trouble, HTTP 5xx or 429, `LIMIT_EXCEEDED`. */
export class RetryableError extends Error {
  override name = 'RetryableError'
  constructor(
    message: string,
    /** The server's `Retry-After`, when it gave one. */
    readonly retryAfterMs?: number,
    readonly requestId?: string
  ) {
    super(message)
  }
}

/**
 * The API refused the access token: `expired` (HTTP 401, `AUTH_EXPIRED_TOKEN`, `AuthExpiredToken`)
 * or `invalid` (`AUTH_INVALID_TOKEN`, `AuthInvalidToken`: revoked, another workspace's, or sent to
 * the wrong region).
 */
export class TokenExpiredError extends Error {
  override name = 'TokenExpiredError'
  constructor(
    message: string,
    readonly reason: 'expired' | 'invalid' = 'expired',
    readonly requestId?: string
  ) {
    super(message)
  }
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
  constructor(
    message: string,
    public context: FailureContext = {}
  ) {
    super(message)
  }

  /**
   * Fills in where the failure happened when the thrower did not know. A context that already
   * names its endpoint is kept whole: a request id belongs to the endpoint that gave it.
   */
  within(context: FailureContext): this {
    if (this.context.endpoint) return this
    this.context = {
      ...context,
      ...(this.context.requestId ? { requestId: this.context.requestId } : {})
    }
    return this
  }
}

/** The run ran out of the time `deadline-minutes` gives it. */
export class DeadlineExceededError extends AltiumApiError {
  override name = 'DeadlineExceededError'
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
