import { Output } from '../constants.js'
import type { Logger } from '../logger.js'

/** A publishing failure with a message that says what to change. */
export class PublishError extends Error {
  override name = 'PublishError'
}

/** What the publish stage did, for the outputs and the job summary. */
export interface PublishResult {
  /** Whether the files differ from what the branch held (commit and pull-request modes). */
  changed?: boolean
  /** The commit that holds the files on the remote. */
  commitSha?: string
  pullRequest?: { number: number; url: string }
  /** One sentence for the log and the job summary. */
  description?: string
}

export function setPublishOutputs(result: PublishResult, logger: Logger): void {
  if (result.changed !== undefined) logger.setOutput(Output.Changed, String(result.changed))
  if (result.commitSha) logger.setOutput(Output.CommitSha, result.commitSha)
  if (result.pullRequest) {
    logger.setOutput(Output.PullRequestNumber, result.pullRequest.number)
    logger.setOutput(Output.PullRequestUrl, result.pullRequest.url)
  }
}
