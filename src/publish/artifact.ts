import path from 'node:path'
import type { ArtifactClient } from '@actions/artifact'
import type { ArtifactInputs, WorkflowRun } from './settings.js'
import { Input } from '../constants.js'
import type { Logger } from '../logger.js'
import { PublishError } from './publish-error.js'

/** The files of one export. */
export interface ExportFiles {
  csvPath: string
  reportPath: string
}

export interface PublishedArtifact {
  id: number
  name: string
  /** The artifact on the run's page; empty when the run is unknown (outside a workflow). */
  url: string
  /** Bytes uploaded: the zip, or the CSV itself. */
  size: number
  /** SHA-256 of the uploaded bytes, in hex. */
  digest: string
  /** File names inside the artifact. */
  files: string[]
  archive: boolean
  /** Days GitHub keeps it, when known; undefined: the repository default, not told to the step. */
  retentionDays?: number
}

/**
 * The one wrapper around GitHub's artifact client. By default one zip named `settings.name` holds
 * the CSV and the report; with `archive: false` the CSV alone is uploaded unzipped, and the client
 * then names the artifact after the file. The client is loaded only here, so a run that does not
 * publish an artifact does not pay for loading it.
 */
export async function uploadExportArtifact(
  files: ExportFiles,
  settings: ArtifactInputs,
  logger: Logger
): Promise<PublishedArtifact> {
  const paths = settings.archive ? [files.csvPath, files.reportPath] : [files.csvPath]
  const names = paths.map((file) => path.basename(file))
  logger.info(
    `Uploading ${names.join(' and ')} as the artifact "${settings.name}"` +
      `${settings.archive ? ' (zipped)' : ' (unzipped)'}.`
  )
  let response: { id?: number; size?: number; digest?: string }
  try {
    const client = await loadArtifactClient()
    response = await client.uploadArtifact(settings.name, paths, path.dirname(files.csvPath), {
      retentionDays: settings.retentionDays,
      skipArchive: !settings.archive
    })
  } catch (error) {
    throw explainArtifactFailure(error, settings)
  }
  if (response.id === undefined) {
    throw new PublishError(
      `Uploading the artifact "${settings.name}" failed: the artifact service returned no artifact id.`
    )
  }
  const published: PublishedArtifact = {
    id: response.id,
    name: settings.name,
    url: artifactUrl(settings.run, response.id),
    size: response.size ?? 0,
    digest: response.digest ?? '',
    files: names,
    archive: settings.archive,
    retentionDays: keptDays(settings)
  }
  logger.info(
    `Published the artifact "${published.name}" (id ${published.id}, ${published.size} bytes)` +
      `${published.url ? `: ${published.url}` : '.'}`
  )
  return published
}

/**
 * Whether the artifact client can upload here, asked before the export. On an action step the
 * runner's variables say so. Without them GitHub's client refuses at once, offline (it reads them
 * before any request), while a replacement such as GitHub's local debugger (`@github/local-action`,
 * which keeps artifacts in LOCAL_ACTION_ARTIFACT_PATH) answers for itself: listing this run's
 * artifacts is the question, as it uploads nothing.
 */
export async function checkArtifactClient(settings: ArtifactInputs): Promise<void> {
  const missing = settings.missingRuntime
  if (missing.length === 0) return
  try {
    await (await loadArtifactClient()).listArtifacts({ latest: true })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (missing.some((name) => message.includes(name))) throw missingRuntimeError(missing)
    if (error instanceof Error && error.name === 'GHESNotSupportedError') {
      throw explainArtifactFailure(error, settings)
    }
    throw new PublishError(
      `\`${Input.Publish}: artifact\`: the artifact client cannot upload here ` +
        `(${message.split('\n')[0]}). Set what it asks for, or set \`${Input.Publish}: none\` ` +
        'and take the file from the `csv-path` output.'
    )
  }
}

/**
 * The runner gives the artifact runtime (`ACTIONS_RUNTIME_TOKEN`, `ACTIONS_RESULTS_URL`) only to
 * action steps on GitHub, so its absence means a laptop, a `run:` step or another CI.
 */
function missingRuntimeError(missing: readonly string[]): PublishError {
  return new PublishError(
    `Input '${Input.Publish}': \`artifact\` uploads to the GitHub Actions artifact service, but ` +
      `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set. The runner sets ` +
      'them only for an action step (`uses:`) running on GitHub, not for a `run:` step, a ' +
      'laptop or another CI. There, set `publish: none` and take the file from the `csv-path` output.'
  )
}

/** Where an earlier run's artifact is, and the token that may read it (`actions: read`). */
export interface ArtifactLocation {
  id: number
  name: string
  /** The run that uploaded it. */
  runId: number
  /** `owner/name`. */
  repository: string
  token: string
}

/**
 * Downloads an earlier run's artifact into `directory` with the artifact client, which asks the
 * REST API (GITHUB_API_URL) for the artifact's address and follows it without the token. A zip is
 * unpacked; an unzipped artifact arrives as its one file.
 */
export async function downloadEarlierArtifact(
  artifact: ArtifactLocation,
  directory: string
): Promise<void> {
  const [repositoryOwner, repositoryName] = artifact.repository.split('/')
  try {
    const client = await loadArtifactClient()
    await client.downloadArtifact(artifact.id, {
      path: directory,
      findBy: {
        token: artifact.token,
        workflowRunId: artifact.runId,
        repositoryOwner,
        repositoryName
      }
    })
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    const what = `the artifact "${artifact.name}" (id ${artifact.id}) of run ${artifact.runId}`
    if (name === 'GHESNotSupportedError') {
      throw new PublishError(
        `Downloading ${what} failed: the artifact client this action uses does not support ` +
          `GitHub Enterprise Server. Set '${Input.Baseline}' to a file or git:<ref> instead.`
      )
    }
    throw new PublishError(
      `Downloading ${what} as the baseline failed: ${firstLine}. Run the job again; if it keeps ` +
        `failing, set '${Input.Baseline}' to a file or git:<ref> instead.`
    )
  }
}

async function loadArtifactClient(): Promise<ArtifactClient> {
  // Loaded only when an artifact is uploaded or downloaded: the bundler puts it in a chunk of its own.
  const { DefaultArtifactClient } = await import('@actions/artifact')
  return new DefaultArtifactClient()
}

/** The link GitHub shows for an artifact on the run's summary page. */
export function artifactUrl(run: WorkflowRun, id: number): string {
  if (!run.repository || !run.runId) return ''
  return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}/artifacts/${id}`
}

/** The client caps the asked days at the repository's limit, with a warning of its own. */
function keptDays(settings: ArtifactInputs): number | undefined {
  const { retentionDays, repositoryRetentionDays } = settings
  if (retentionDays === undefined) return repositoryRetentionDays
  if (repositoryRetentionDays === undefined) return retentionDays
  return Math.min(retentionDays, repositoryRetentionDays)
}

/**
 * Turns what the artifact client throws into a message that names the artifact and says what to
 * do. The client wraps most of its typed errors in a plain `Error('Failed to <Method>: …')`, so
 * they are told apart by name where it survives and otherwise by the text the client uses.
 */
export function explainArtifactFailure(error: unknown, settings: ArtifactInputs): PublishError {
  const name = error instanceof Error ? error.name : ''
  const message = error instanceof Error ? error.message : String(error)
  const firstLine = message.split('\n')[0]
  const artifact = `"${settings.name}"`
  if (name === 'GHESNotSupportedError') {
    return new PublishError(
      `Publishing the artifact ${artifact} failed: GitHub Enterprise Server ` +
        `(${settings.run.serverUrl}) is not supported by the artifact client this action uses, ` +
        'which works with github.com and GHE.com only. Set `publish: none` and keep the files ' +
        'with a later step, e.g. the actions/upload-artifact version your server supports.'
    )
  }
  if (/\(409\)|already exists/.test(message)) {
    const fix = settings.archive
      ? `Give each job or matrix entry its own \`${Input.ArtifactName}\`, e.g. ` +
        `\`${Input.ArtifactName}: ${settings.name}-\${{ matrix.workspace }}\`.`
      : `With \`${Input.ArtifactArchive}: false\` the artifact is named after the file, so give ` +
        `each job or matrix entry its own \`${Input.Path}\`.`
    return new PublishError(
      `An artifact named ${artifact} already exists in this workflow run, and a name can be ` +
        `uploaded only once per run (HTTP 409). ${fix} The CSV is still in the workspace.`
    )
  }
  if (name === 'UsageError' || /storage quota has been hit/.test(message)) {
    return new PublishError(
      `The artifact ${artifact} was not uploaded: the storage quota for Actions artifacts is ` +
        `used up. Delete old artifacts, or set a shorter \`${Input.ArtifactRetentionDays}\`; ` +
        'the quota frees up as artifacts expire.'
    )
  }
  const network = /Unable to make request: (\w+)/.exec(message)
  if (name === 'NetworkError' || network) {
    return new PublishError(
      `The artifact ${artifact} was not uploaded: the artifact service could not be reached ` +
        `(${network?.[1] ?? firstLine}). On a self-hosted runner, make sure it can reach GitHub's artifact ` +
        'storage; otherwise run the job again.'
    )
  }
  if (name === 'InvalidResponseError') {
    return new PublishError(
      `The artifact ${artifact} was not uploaded: the artifact service did not accept it ` +
        `(${firstLine}). Run the job again; if it keeps failing, check githubstatus.com.`
    )
  }
  return new PublishError(`Uploading the artifact ${artifact} failed: ${firstLine}`)
}
