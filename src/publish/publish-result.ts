export { PublishError } from './publish-error.js'

/** What commit and pull-request modes did: the commit on the remote and the pull request. */
export interface BranchPublishResult {
  /** Whether the files differ from what the branch held. */
  changed?: boolean
  /** The commit that holds the files on the remote. */
  commitSha?: string
  pullRequest?: { number: number; url: string }
  /** One sentence for the log and the job summary. */
  description?: string
}
