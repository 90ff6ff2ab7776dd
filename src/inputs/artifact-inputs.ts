import path from 'node:path'
import { Input } from '../constants.js'
import { InputError } from '../input-error.js'
import type { ArtifactInputs } from '../publish/settings.js'

/** The raw values, as inputs.ts read them from the inputs and the runner's environment. */
export interface RawArtifactValues {
  name: string
  retentionDays: string
  archive: boolean
  csvPath: string
  serverUrl?: string
  repository?: string
  runId?: string
  repositoryRetentionDays?: string
  runtimeToken?: string
  resultsUrl?: string
}

export const DEFAULT_ARTIFACT_NAME = 'library-components'

/** Characters GitHub refuses in an artifact name: they break downloads on some file systems. */
const FORBIDDEN_IN_NAME: [string, string][] = [
  ['"', 'a double quote'],
  [':', 'a colon'],
  ['<', 'a less-than sign'],
  ['>', 'a greater-than sign'],
  ['|', 'a vertical bar'],
  ['*', 'an asterisk'],
  ['?', 'a question mark'],
  ['\r', 'a carriage return'],
  ['\n', 'a line break'],
  ['\\', 'a backslash'],
  ['/', 'a slash']
]
const FORBIDDEN_HELP = '" : < > | * ? \\ / or a line break'

export function readArtifactInputs(values: RawArtifactValues): ArtifactInputs {
  const name = values.archive
    ? checkArtifactName(values.name || DEFAULT_ARTIFACT_NAME, `Input '${Input.ArtifactName}'`)
    : checkArtifactName(
        path.basename(values.csvPath),
        `Input '${Input.Path}' (with '${Input.ArtifactArchive}: false' the artifact is named after the file)`
      )
  const limit = Number(values.repositoryRetentionDays)
  return {
    name,
    retentionDays: readRetentionDays(values.retentionDays),
    archive: values.archive,
    repositoryRetentionDays: Number.isInteger(limit) && limit > 0 ? limit : undefined,
    run: {
      serverUrl: (values.serverUrl || 'https://github.com').replace(/\/+$/, ''),
      repository: values.repository ?? '',
      runId: values.runId ?? ''
    },
    missingRuntime: [
      ...(values.runtimeToken ? [] : ['ACTIONS_RUNTIME_TOKEN']),
      ...(values.resultsUrl ? [] : ['ACTIONS_RESULTS_URL'])
    ]
  }
}

function checkArtifactName(name: string, subject: string): string {
  if (!name) throw new InputError(`${subject}: the artifact name must not be empty.`)
  for (const [character, description] of FORBIDDEN_IN_NAME) {
    if (name.includes(character)) {
      throw new InputError(
        `${subject}: the artifact name "${name.replace(/\r?\n|\r/g, ' ')}" contains ` +
          `${description}. Accepted: a name without ${FORBIDDEN_HELP}, e.g. ${DEFAULT_ARTIFACT_NAME}.`
      )
    }
  }
  return name
}

function readRetentionDays(value: string): number | undefined {
  if (value === '') return undefined
  const days = /^\d+$/.test(value) ? Number(value) : NaN
  if (days >= 1 && days <= 90) return days
  throw new InputError(
    `Input '${Input.ArtifactRetentionDays}': "${value}" is not accepted. Accepted: a whole number ` +
      'of days from 1 to 90, or empty for the repository default.'
  )
}
