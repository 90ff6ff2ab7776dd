import { Input } from '../constants.js'
import { retriesOf } from './github-retries.js'
import { PublishError } from './publish-result.js'

/** What a 403 asks for when the pull-request modes are refused. */
const PUBLISH_PERMISSION = '`permissions: contents: write` and `pull-requests: write`'

/** The setting GitHub names in its 403 when Actions may not open pull requests. */
const NOT_PERMITTED = /not permitted to create or approve pull requests/i

/** A primary (`x-ratelimit-remaining: 0`) or secondary rate limit, as GitHub signals them. */
function isRateLimit(error: unknown, said: string): boolean {
  const headers = (error as { response?: { headers?: Record<string, string> } }).response?.headers
  return headers?.['x-ratelimit-remaining'] === '0' || /\brate limit/i.test(said)
}

interface ApiErrorBody {
  message?: string
  errors?: ({ message?: string; code?: string; field?: string } | string)[]
}

/**
 * A REST failure as a message that names the missing permission (`permission`, as the job's
 * `permissions:` would grant it) or setting.
 */
export function explainApiError(
  what: string,
  repository: string,
  error: unknown,
  permission = PUBLISH_PERMISSION
): Error {
  const status = (error as { status?: unknown }).status
  if (typeof status !== 'number') {
    const reason = error instanceof Error ? error.message : String(error)
    return new PublishError(`Could not ${what} in ${repository}: ${reason}`)
  }
  const body = ((error as { response?: { data?: unknown } }).response?.data ?? {}) as ApiErrorBody
  const message = typeof body === 'object' && body.message ? body.message : `HTTP ${status}`
  const details = (Array.isArray(body.errors) ? body.errors : [])
    .map((e) => (typeof e === 'string' ? e : (e.message ?? [e.field, e.code].join(' '))))
    .filter(Boolean)
  const said = [message, ...details].join(': ')
  const { tries, stoppedByDeadline } = retriesOf(error)
  const retried =
    tries > 1 || stoppedByDeadline
      ? ` It was tried ${tries} ${tries === 1 ? 'time' : 'times'}` +
        (stoppedByDeadline
          ? `; the next wait would have run past \`${Input.DeadlineMinutes}\`.`
          : '.')
      : ''
  if ((status === 403 || status === 429) && isRateLimit(error, said)) {
    return new PublishError(
      `GitHub's rate limit stopped the action when trying to ${what} in ${repository} ` +
        `(${status} ${said}).${retried} Run the job again later, or run fewer jobs with this ` +
        'token at the same time.'
    )
  }
  if (status >= 500) {
    return new PublishError(
      `GitHub failed to ${what} in ${repository} (${status} ${said}).${retried} GitHub may be ` +
        'having trouble (https://www.githubstatus.com): run the job again later.'
    )
  }
  switch (status) {
    case 401:
      return new PublishError(
        `GitHub did not accept the token in '${Input.GithubToken}' (401 ${said}) when trying to ` +
          `${what}. Leave it at its default (\${{ github.token }}) or give a valid token.`
      )
    case 403:
      if (NOT_PERMITTED.test(said)) {
        return new PublishError(
          `GitHub refused to ${what} in ${repository}: "${message}" Turn on "Allow GitHub ` +
            'Actions to create and approve pull requests" (repository or organisation Settings → ' +
            'Actions → General → Workflow permissions) and give the job `permissions: ' +
            'pull-requests: write` and `contents: write`.'
        )
      }
      return new PublishError(
        `GitHub refused to ${what} in ${repository} (403 ${said}). Give the job ` +
          `${permission}; pull requests from forks always get a read-only token.`
      )
    case 404:
      return new PublishError(
        `GitHub found nothing when trying to ${what} in ${repository} (404 ${said}). Check that ` +
          `the repository exists and the token in '${Input.GithubToken}' can see it.`
      )
    case 422:
      return new PublishError(`GitHub refused to ${what} in ${repository} (422 ${said}).`)
    default:
      return new PublishError(`GitHub failed to ${what} in ${repository} (${status} ${said}).`)
  }
}
