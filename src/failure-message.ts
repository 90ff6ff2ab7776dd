import { AltiumApiError, type FailureContext } from './api/errors.js'
import { FileWriteError } from './csv/atomic-write.js'
import { InputError } from './input-error.js'
import { GitError } from './git/git.js'
import { PublishError } from './publish/publish-error.js'

export interface FailureReport {
  /** The one line the step fails with. */
  message: string
  /** For the debug log only: the stack of an unforeseen error. */
  stack?: string
}

/**
 * The one message a failed run ends with: what happened and what to do and, for a failure at a
 * service, the workspace, the endpoint and the request id to quote to Altium support.
 */
export function describeFailure(error: unknown, workspaceUrl?: string): FailureReport {
  if (
    error instanceof InputError ||
    error instanceof FileWriteError ||
    error instanceof PublishError ||
    error instanceof GitError
  ) {
    return { message: error.message }
  }
  if (error instanceof AltiumApiError) {
    return { message: `${error.message} ${whereItFailed(error.context, workspaceUrl)}` }
  }
  // A bug or an unforeseen failure: say so, and keep the stack for a debug run.
  const what = error instanceof Error ? error.message : String(error)
  return {
    message:
      `Unexpected error: ${what}. This is a fault in the action rather than in your settings: ` +
      'please report it with this log (re-run with debug logging on to include the stack).',
    stack: error instanceof Error ? error.stack : undefined
  }
}

/** `(workspace …, endpoint …, request id …)` */
export function whereItFailed(context: FailureContext, workspaceUrl?: string): string {
  const parts = [
    workspaceUrl ? `workspace ${workspaceUrl}` : undefined,
    context.endpoint ? `endpoint ${context.endpoint}` : undefined,
    context.requestId ? `request id ${context.requestId}` : 'no request id'
  ]
  return `(${parts.filter((part) => part !== undefined).join(', ')})`
}
