import path from 'node:path'
import type { Deadline } from '../api/deadline.js'
import { Output } from '../constants.js'
import type { Logger } from '../logger.js'
import { workspaceRelative } from '../paths.js'
import type { ExportReport } from '../report/export-report.js'
import { uploadExportArtifact, type ExportFiles, type PublishedArtifact } from './artifact.js'
import { publishCommit } from './commit.js'
import { Git } from '../git/git.js'
import { GitHubApi } from './github-api.js'
import { pullRequestBodyFor } from './pull-request-body.js'
import type { PublishSetup } from './preflight.js'
import { publishPullRequest } from './pull-request.js'
import type { BranchPublishResult } from './publish-result.js'
import type { PublishSettings } from './settings.js'

/** Where the export went, for the outputs and the job summary. */
export type PublishResult =
  | { mode: 'none' }
  | { mode: 'artifact'; artifact: PublishedArtifact }
  | { mode: 'commit' | 'pull-request'; branch: BranchPublishResult }

/** What the run knows by now: its deadline, and what the checks before the export found. */
export interface PublishContext {
  deadline: Deadline
  setup: PublishSetup
}

/**
 * Publishes the written files as `publish` says (docs/design.md#publish). A failure throws a
 * `PublishError`.
 */
export async function publishExport(
  files: ExportFiles,
  report: ExportReport,
  inputs: PublishSettings,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  context: PublishContext
): Promise<PublishResult> {
  const paths = [files.csvPath, files.reportPath]
  const git = () =>
    new Git({
      cwd: path.dirname(files.csvPath),
      env,
      logger,
      token: inputs.githubToken,
      serverUrl: inputs.runner.serverUrl
    })
  const { commitMessage: message, commitAuthor: identity } = inputs
  switch (inputs.publish) {
    case 'none':
      return { mode: 'none' }
    case 'artifact':
      return {
        mode: 'artifact',
        artifact: await uploadExportArtifact(files, inputs.artifact, logger)
      }
    case 'commit': {
      const request = {
        files: paths,
        message,
        identity,
        branch: inputs.branch,
        headRef: inputs.runner.headRef
      }
      return { mode: 'commit', branch: await publishCommit(git(), request, logger) }
    }
    case 'pull-request': {
      const connect = () =>
        GitHubApi.connect({
          token: inputs.githubToken,
          apiUrl: inputs.runner.apiUrl,
          repository: inputs.runner.repository,
          logger,
          deadline: context.deadline
        })
      const reportFile = workspaceRelative(inputs.runner.workspace, files.reportPath)
      const body = logger.redact(pullRequestBodyFor(report, reportFile))
      const pullRequest = {
        ...inputs.pullRequest,
        base: context.setup.pullRequestBase ?? inputs.pullRequest.base
      }
      const request = { files: paths, message, identity, pullRequest, body }
      return {
        mode: 'pull-request',
        branch: await publishPullRequest(git(), connect, request, logger)
      }
    }
  }
}

/** The outputs a publish mode sets; the others stay empty. */
export function publishOutputs(result: PublishResult): [Output, string][] {
  switch (result.mode) {
    case 'none':
      return []
    case 'artifact':
      return [
        [Output.ArtifactId, String(result.artifact.id)],
        [Output.ArtifactUrl, result.artifact.url]
      ]
    case 'commit':
    case 'pull-request': {
      const { commitSha, pullRequest } = result.branch
      return [
        ...(commitSha ? ([[Output.CommitSha, commitSha]] as [Output, string][]) : []),
        ...(pullRequest
          ? ([
              [Output.PullRequestNumber, String(pullRequest.number)],
              [Output.PullRequestUrl, pullRequest.url]
            ] as [Output, string][])
          : [])
      ]
    }
  }
}

/** A job summary section saying where the export went; empty when it stayed in the workspace. */
export function renderPublishSummary(result: PublishResult): string {
  switch (result.mode) {
    case 'none':
      return ''
    case 'artifact':
      return section(describeArtifact(result.artifact))
    case 'commit':
    case 'pull-request':
      return result.branch.description ? section(result.branch.description) : ''
  }
}

function describeArtifact(artifact: PublishedArtifact): string {
  const name = artifact.url ? `[\`${artifact.name}\`](${artifact.url})` : `\`${artifact.name}\``
  const kept =
    artifact.retentionDays === undefined
      ? 'kept for the repository default'
      : `kept for ${artifact.retentionDays} days`
  const form = artifact.archive ? 'a zip' : 'unzipped'
  return (
    `Artifact ${name} (id ${artifact.id}): ${artifact.files.map((f) => `\`${f}\``).join(' and ')}, ` +
    `${form}, ${artifact.size} bytes, ${kept}.`
  )
}

/** The blank line first ends the HTML block (`<details>`) the summary may close with. */
function section(text: string): string {
  return ['', '### Published', '', text, ''].join('\n')
}
