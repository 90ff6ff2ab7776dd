import { isChanged } from '../changes/change-report.js'
import { number, renderChangeSection } from '../changes/change-table.js'
import { Input } from '../constants.js'
import { describeFailure } from '../failure-message.js'
import { PULL_REQUEST_EVENTS, type CommentStageSettings } from './settings.js'
import type { Logger } from '../logger.js'
import type { ExportReport } from '../report/export-report.js'
import { BODY_MAX_CHARS } from '../report/github-limits.js'
import type { Deadline } from '../api/deadline.js'
import { BOT_IDENTITY } from '../git/commit-identity.js'
import { GitHubApi } from './github-api.js'

const FOOTER =
  '<sub>Posted by the Altium 365 Library Export action (`comment-on-pr`); every run on this pull ' +
  'request updates this comment in place.</sub>'

/**
 * The hidden first line by which a later run finds the comment again. It names the CSV, so that
 * two exports in one repository keep a comment each. `encodeURI` leaves no `>` or `"` that could
 * end the HTML comment or the attribute early.
 */
export function commentMarker(csv: string): string {
  return `<!-- altium-library-export csv="${encodeURI(csv)}" -->`
}

/** Where the files are, relative to the workspace, as the comment names them. */
export interface CommentFiles {
  csv: string
  reportFile: string
}

/**
 * The comment: the marker, then what changed since the baseline (overview and tables, grouped by
 * kind, field by field), the audit's counts when there was an audit, and a footer; within `limit`
 * characters, the table cut with a line saying how much was left out. No times, so the same
 * export and baseline give the same comment.
 */
export function renderChangeComment(
  report: ExportReport,
  files: CommentFiles,
  limit = BODY_MAX_CHARS
): string {
  const head = `${commentMarker(files.csv)}\n## Altium library changes: \`${files.csv}\`\n\n`
  const audit = report.audit
    ? `\n**Library audit**: ${plural(report.audit.counts.errors, 'error')} and ` +
      `${plural(report.audit.counts.warnings, 'warning')} in ` +
      `${plural(report.audit.audited, 'component')}; the job summary and ` +
      `\`${files.reportFile}\` list every finding.\n`
    : ''
  const tail = `${audit}\n---\n${FOOTER}\n`
  const changes = report.changes
    ? renderChangeSection(report.changes, {
        maxChars: limit - head.length - tail.length,
        fullList: `the JSON report \`${files.reportFile}\` lists every change`
      })
    : 'This export has no change report.'
  return `${head}${changes.trimEnd()}\n${tail}`
}

/** What became of the comment, for the log and the job summary. */
export type CommentAction = 'created' | 'updated' | 'unchanged' | 'not-needed'

export interface CommentRequest {
  pullRequest: number
  marker: string
  body: string
  /** Whether the export differs from its baseline; no comment is created to say nothing changed. */
  changed: boolean
  /** The login of the action's own comments; a comment by anyone else is never updated. */
  author: string
}

export interface UpsertedComment {
  action: CommentAction
  /** The comment's address; absent when none was needed. */
  url?: string
}

/**
 * One comment per pull request and CSV: the first comment (oldest first, through every page) that
 * the action's own identity wrote and that starts with the marker is updated in place; only when
 * there is none is one created. A comment with the marker by anyone else is left alone (anyone can
 * copy the marker into a comment of their own). An existing comment is updated also when nothing
 * changed any more, so that it never tells of old changes; but no comment is created only to say
 * that nothing changed. A comment that already says exactly this is left alone.
 */
export async function upsertComment(
  api: GitHubApi,
  request: CommentRequest,
  logger: Logger
): Promise<UpsertedComment> {
  const { pullRequest, marker, body } = request
  const existing = await api.findComment(pullRequest, (comment) => {
    if (!comment.body.startsWith(marker)) return false
    if (sameLogin(comment.author, request.author)) return true
    logger.info(
      `Comment ${comment.url} carries this action's marker but was written by ` +
        `${comment.author || 'an unknown account'}, not ${request.author}; it is left alone.`
    )
    return false
  })
  if (!existing) {
    if (!request.changed) {
      logger.info(
        `Nothing changed since the baseline and pull request #${pullRequest} has no change ` +
          'comment yet, so none was posted.'
      )
      return { action: 'not-needed' }
    }
    const created = await api.createComment(pullRequest, body)
    logger.info(`Commented on pull request #${pullRequest}: ${created.url}`)
    return { action: 'created', url: created.url }
  }
  // GitHub may hand a body back with CRLF line ends.
  if (existing.body.replace(/\r\n/g, '\n') === body) {
    logger.info(`The comment on pull request #${pullRequest} already says this: ${existing.url}`)
    return { action: 'unchanged', url: existing.url }
  }
  await api.updateComment(existing.id, body)
  logger.info(`Updated the comment on pull request #${pullRequest}: ${existing.url}`)
  return { action: 'updated', url: existing.url }
}

/** The comment stage's result: a line for the job summary, or the failure to end the step with. */
export interface CommentResult {
  description?: string
  failure?: string
}

/**
 * `comment-on-pr` (docs/changes-and-audit.md#comment-on-pull-requests): on pull request events,
 * create or update the one comment that says what changed. On other events it warns and skips. A
 * failure does not throw: the files are written by now, so the run goes on to its summary and then
 * fails with the returned message.
 */
export async function commentOnPullRequest(
  report: ExportReport,
  files: CommentFiles,
  inputs: CommentStageSettings,
  logger: Logger,
  deadline: Deadline
): Promise<CommentResult> {
  const { enabled, event, pullRequest } = inputs.commentOnPr
  if (!enabled) return {}
  if (pullRequest === undefined) {
    logger.warning(
      `'${Input.CommentOnPr}' applies to ${PULL_REQUEST_EVENTS.join(' and ')} events only; ` +
        `this run is ${event ? `a ${event} event` : 'not a workflow event (no GITHUB_EVENT_NAME)'}, ` +
        'so no comment was posted.'
    )
    return {}
  }
  try {
    const api = await GitHubApi.connect({
      token: inputs.githubToken,
      apiUrl: inputs.runner.apiUrl,
      repository: inputs.runner.repository,
      logger,
      deadline
    })
    // The job's token cannot ask who it is; its comments are github-actions[bot]'s.
    const author = inputs.commentAuthor || (await api.tokenLogin()) || BOT_IDENTITY.name
    const upserted = await upsertComment(
      api,
      {
        pullRequest,
        marker: commentMarker(files.csv),
        body: logger.redact(renderChangeComment(report, files)),
        changed: report.changes ? isChanged(report.changes) : true,
        author
      },
      logger
    )
    return { description: describeComment(pullRequest, upserted) }
  } catch (error) {
    return { failure: describeFailure(error).message }
  }
}

function describeComment(pullRequest: number, { action, url }: UpsertedComment): string {
  const comment = url ? `[the change comment](${url})` : 'the change comment'
  switch (action) {
    case 'created':
      return `Posted ${comment} on pull request #${pullRequest}.`
    case 'updated':
      return `Updated ${comment} on pull request #${pullRequest}.`
    case 'unchanged':
      return `Pull request #${pullRequest} already had ${comment} saying this; left as it was.`
    case 'not-needed':
      return `Nothing changed, so no comment was posted on pull request #${pullRequest}.`
  }
}

/** A job summary section for the comment; empty when there was none to make. */
export function renderCommentSummary(result: CommentResult): string {
  return result.description
    ? ['', '### Pull request comment', '', result.description, ''].join('\n')
    : ''
}

/** GitHub logins are compared without regard to case. */
function sameLogin(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function plural(count: number, word: string): string {
  return `${number(count)} ${word}${count === 1 ? '' : 's'}`
}
