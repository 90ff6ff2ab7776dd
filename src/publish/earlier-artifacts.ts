import type { ArtifactSource } from '../changes/artifact-baseline.js'
import type { ArtifactWanted } from '../changes/artifact-choice.js'
import { downloadEarlierArtifact } from './artifact.js'
import type { GitHubApi } from './github-api.js'

export interface EarlierArtifactsSettings {
  wanted: ArtifactWanted
  /** `owner/name`. */
  repository: string
  /** GITHUB_SERVER_URL's origin, for the links to runs. */
  serverUrl: string
  /** `github-token`; it needs `actions: read`. */
  token: string
  tempDir: string
}

/**
 * `baseline: artifact` over the real systems: the listing through the REST API wrapper, the
 * download through the artifact client.
 */
export function earlierArtifacts(
  settings: EarlierArtifactsSettings,
  connect: () => Promise<GitHubApi>
): ArtifactSource {
  return {
    wanted: settings.wanted,
    tempDir: settings.tempDir,
    list: async (name) => (await connect()).listArtifacts(name),
    download: async (artifact, directory) =>
      downloadEarlierArtifact(
        {
          id: artifact.id,
          name: artifact.name,
          runId: artifact.workflowRun?.id ?? 0,
          repository: settings.repository,
          token: settings.token
        },
        directory
      ),
    runUrl: (runId) => `${settings.serverUrl}/${settings.repository}/actions/runs/${runId}`
  }
}
