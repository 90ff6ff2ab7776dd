import { Output } from '../constants.js'
import type { Inputs } from '../inputs/inputs.js'
import type { Logger } from '../logger.js'
import { uploadExportArtifact, type ExportFiles, type PublishedArtifact } from './artifact.js'

/** Where the export went, for the outputs and the job summary. */
export type PublishResult = { mode: 'none' } | { mode: 'artifact'; artifact: PublishedArtifact }

/** Publishes the written files as `publish` says. A failure throws a `PublishError`. */
export async function publishExport(
  files: ExportFiles,
  inputs: Inputs,
  logger: Logger
): Promise<PublishResult> {
  switch (inputs.publish) {
    case 'none':
      return { mode: 'none' }
    case 'artifact':
      return {
        mode: 'artifact',
        artifact: await uploadExportArtifact(files, inputs.artifact, logger)
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
  }
}

/** A job summary section saying where the export went; empty when it stayed in the workspace. */
export function renderPublishSummary(result: PublishResult): string {
  switch (result.mode) {
    case 'none':
      return ''
    case 'artifact': {
      const { artifact } = result
      const name = artifact.url ? `[\`${artifact.name}\`](${artifact.url})` : `\`${artifact.name}\``
      const kept =
        artifact.retentionDays === undefined
          ? 'kept for the repository default'
          : `kept for ${artifact.retentionDays} days`
      const form = artifact.archive ? 'a zip' : 'unzipped'
      // The blank line first ends the HTML block (`<details>`) the summary may close with.
      return [
        '',
        '### Published',
        '',
        `Artifact ${name} (id ${artifact.id}): ${artifact.files.map((f) => `\`${f}\``).join(' and ')}, ` +
          `${form}, ${artifact.size} bytes, ${kept}.`,
        ''
      ].join('\n')
    }
  }
}
