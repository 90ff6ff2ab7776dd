import { readFileSync } from 'node:fs'
import { Input } from '../constants.js'
import { InputError } from './input-error.js'

/** The events whose runs belong to a pull request, so that `comment-on-pr` has one to comment on. */
export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target']

/** `comment-on-pr` and the run's event (docs/changes-and-audit.md#comment-on-pull-requests). */
export interface CommentSettings {
  enabled: boolean
  /** GITHUB_EVENT_NAME, e.g. `pull_request`; empty off GitHub. */
  event: string
  /** The pull request's number, on pull request events only. */
  pullRequest?: number
}

/** The raw values, as inputs.ts read them from the inputs and the runner's environment. */
export interface RawCommentValues {
  enabled: boolean
  /** GITHUB_EVENT_NAME */
  eventName?: string
  /** GITHUB_EVENT_PATH: the event's payload, a JSON file the runner writes. */
  eventPath?: string
  /** GITHUB_REF, `refs/pull/<number>/merge` on pull request events. */
  ref?: string
}

/**
 * On a pull request event, the number of the pull request to comment on: from the event payload,
 * else from GITHUB_REF. Other events need none (the comment stage says it skips them).
 */
export function readCommentSettings(raw: RawCommentValues): CommentSettings {
  const event = (raw.eventName ?? '').trim()
  if (!raw.enabled || !PULL_REQUEST_EVENTS.includes(event)) return { enabled: raw.enabled, event }
  const pullRequest = numberFromPayload(raw.eventPath) ?? numberFromRef(raw.ref)
  if (pullRequest === undefined) {
    throw new InputError(
      `Input '${Input.CommentOnPr}' is true on a ${event} event, but neither the event payload ` +
        `(GITHUB_EVENT_PATH "${raw.eventPath ?? ''}") nor GITHUB_REF ("${raw.ref ?? ''}") names ` +
        'the pull request. The GitHub runner sets both; elsewhere set them, or set ' +
        `'${Input.CommentOnPr}' to false.`
    )
  }
  return { enabled: true, event, pullRequest }
}

function numberFromPayload(eventPath: string | undefined): number | undefined {
  if (!eventPath) return undefined
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      number?: unknown
      pull_request?: { number?: unknown }
    }
    return wholeNumber(payload.pull_request?.number ?? payload.number)
  } catch {
    return undefined
  }
}

function numberFromRef(ref: string | undefined): number | undefined {
  const match = /^refs\/pull\/(\d+)\//.exec((ref ?? '').trim())
  return match ? wholeNumber(Number(match[1])) : undefined
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined
}
