/**
 * The artifact wrapper with the real, unmocked `@actions/artifact` client, in process, against the
 * loopback stand-in of GitHub's results service.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import { unzipSync } from 'fflate'
import {
  startResultsService,
  type ResultsService,
  type StoredArtifact
} from '../../local-github/results-service.js'
import type { ArtifactInputs } from '../../src/publish/settings.js'
import { actionsSink } from '../../src/log-sinks.js'
import { Logger } from '../../src/logger.js'
import { artifactUrl, uploadExportArtifact, type ExportFiles } from '../../src/publish/artifact.js'
import { PublishError } from '../../src/publish/publish-error.js'
import { renderPublishSummary } from '../../src/publish/publish.js'

const RUN = { serverUrl: 'https://github.com', repository: 'acme/hardware', runId: '4242' }
const CLIENT_ENV = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RESULTS_URL',
  'GITHUB_SERVER_URL',
  'GITHUB_RETENTION_DAYS'
]

let results: ResultsService
const savedEnv: Record<string, string | undefined> = {}
let printed: string

beforeAll(async () => {
  results = await startResultsService()
  for (const name of CLIENT_ENV) savedEnv[name] = process.env[name]
})
afterAll(async () => {
  for (const name of CLIENT_ENV) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
  await results.close()
})
beforeEach(() => {
  results.reset()
  // The client reads the runner's variables itself.
  process.env.ACTIONS_RUNTIME_TOKEN = results.runtimeToken
  process.env.ACTIONS_RESULTS_URL = results.resultsUrl
  delete process.env.GITHUB_SERVER_URL
  delete process.env.GITHUB_RETENTION_DAYS
  // The client and the logger print workflow commands; keep them to check, not to show.
  printed = ''
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += chunk.toString()
    return true
  })
})
afterEach(() => {
  jest.restoreAllMocks()
  // `::add-mask::` is how the runner learns to mask it; nowhere else may it appear.
  const shown = printed.split('\n').filter((line) => !line.startsWith('::add-mask::'))
  if (shown.join('\n').includes(results.runtimeToken))
    throw new Error('the runtime token was printed')
})

function settings(overrides: Partial<ArtifactInputs> = {}): ArtifactInputs {
  return { name: 'library-components', archive: true, run: RUN, missingRuntime: [], ...overrides }
}

function exportFiles(csv = 'name,mpn-1\nC1,GRM188\nR1,RC0603\n'): ExportFiles {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'publish-')), 'exports')
  mkdirSync(folder)
  const files = {
    csvPath: path.join(folder, 'library_components.csv'),
    reportPath: path.join(folder, 'library_components.report.json')
  }
  writeFileSync(files.csvPath, csv)
  writeFileSync(files.reportPath, '{\n  "schemaVersion": 1\n}\n')
  return files
}

function logger(): Logger {
  // The runner's sink: these tests read what the upload prints, as the runner would.
  const logger = new Logger(actionsSink)
  logger.addSecret(results.runtimeToken)
  return logger
}

function stored(name: string): StoredArtifact {
  const artifact = results.artifacts.find((a) => a.name === name)
  if (!artifact?.bytes) throw new Error(`no artifact ${name} with bytes`)
  return artifact
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function twirpBodies(method: string): Record<string, unknown>[] {
  return results.requests
    .filter((r) => r.twirpMethod === method)
    .map((r) => r.body as Record<string, unknown>)
}

async function failureOf(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(PublishError)
  return error as PublishError
}

describe('uploading the export as an artifact', () => {
  it('uploads the CSV and the report as one zip that reads back byte for byte', async () => {
    const files = exportFiles()
    const published = await uploadExportArtifact(files, settings(), logger())

    const artifact = stored('library-components')
    expect(artifact.bytes?.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'))
    const entries = unzipSync(new Uint8Array(artifact.bytes as Buffer))
    expect(Object.keys(entries).sort()).toEqual([
      'library_components.csv',
      'library_components.report.json'
    ])
    expect(Buffer.from(entries['library_components.csv'])).toEqual(readFileSync(files.csvPath))
    expect(Buffer.from(entries['library_components.report.json'])).toEqual(
      readFileSync(files.reportPath)
    )

    expect(published).toEqual({
      id: artifact.id,
      name: 'library-components',
      url: `https://github.com/acme/hardware/actions/runs/4242/artifacts/${artifact.id}`,
      size: artifact.bytes?.length,
      digest: sha256(artifact.bytes as Buffer),
      files: ['library_components.csv', 'library_components.report.json'],
      archive: true,
      retentionDays: undefined
    })
    expect(twirpBodies('CreateArtifact')).toEqual([
      {
        workflow_run_backend_id: results.runBackendId,
        workflow_job_run_backend_id: results.jobBackendId,
        name: 'library-components',
        mime_type: 'application/zip',
        version: 7
      }
    ])
    expect(twirpBodies('FinalizeArtifact')).toEqual([
      {
        workflow_run_backend_id: results.runBackendId,
        workflow_job_run_backend_id: results.jobBackendId,
        name: 'library-components',
        size: String(artifact.bytes?.length),
        hash: `sha256:${sha256(artifact.bytes as Buffer)}`
      }
    ])
    expect(results.requests.every((r) => r.authorized)).toBe(true)
    expect(printed).toContain(`Published the artifact "library-components" (id ${artifact.id}`)
  })

  it('uploads the CSV alone and unzipped under its file name, expiring after the retention days', async () => {
    const files = exportFiles()
    const before = Date.now()
    const published = await uploadExportArtifact(
      files,
      settings({ name: 'library_components.csv', archive: false, retentionDays: 5 }),
      logger()
    )
    const artifact = stored('library_components.csv')
    expect(artifact.bytes).toEqual(readFileSync(files.csvPath))
    expect(artifact.mimeType).toBe('text/csv')
    expect(artifact.hash).toBe(`sha256:${sha256(artifact.bytes as Buffer)}`)
    const fiveDays = 5 * 24 * 3600 * 1000
    const expires = Date.parse(artifact.expiresAt as string)
    // The client adds calendar days, which differ from 24 h across a daylight saving change.
    expect(expires).toBeGreaterThanOrEqual(before + fiveDays - 3600_000)
    expect(expires).toBeLessThanOrEqual(Date.now() + fiveDays + 3600_000)
    expect(published).toMatchObject({ files: ['library_components.csv'], retentionDays: 5 })
    expect(results.artifacts).toHaveLength(1)
  })

  it('reassembles an upload of several blocks in block-list order', async () => {
    // The client uploads in 8 MiB blocks, up to five at once: 20 MiB makes three.
    const row = 'CMP-000001,Murata,GRM188R71H104KA93D,Capacitor 100nF 50V X7R 0603\n'
    const csv = row.repeat(Math.ceil((20 * 1024 * 1024) / row.length))
    const files = exportFiles(csv)
    await uploadExportArtifact(
      files,
      settings({ name: 'library_components.csv', archive: false }),
      logger()
    )
    expect(results.requests.filter((r) => r.comp === 'block')).toHaveLength(3)
    expect(stored('library_components.csv').bytes?.equals(Buffer.from(csv))).toBe(true)
  })

  it('caps the days it reports at the repository limit', async () => {
    process.env.GITHUB_RETENTION_DAYS = '10'
    const published = await uploadExportArtifact(
      exportFiles(),
      settings({ retentionDays: 30, repositoryRetentionDays: 10 }),
      logger()
    )
    expect(published.retentionDays).toBe(10)
    expect(printed).toMatch(/::warning::Retention days cannot be greater than the maximum/)
  })

  it('retries a 503 from the service and completes the upload', async () => {
    results.setFaults({ failNext: { status: 503, count: 1, method: 'CreateArtifact' } })
    const published = await uploadExportArtifact(exportFiles(), settings(), logger())
    expect(
      results.requests.filter((r) => r.twirpMethod === 'CreateArtifact').map((r) => r.status)
    ).toEqual([503, 200])
    expect(published.id).toBe(stored('library-components').id)
  })
})

describe('failures name the artifact and say what to do', () => {
  it('refuses a name already used in the run, naming artifact-name', async () => {
    await uploadExportArtifact(exportFiles(), settings(), logger())
    const error = await failureOf(uploadExportArtifact(exportFiles(), settings(), logger()))
    expect(error.message).toBe(
      'An artifact named "library-components" already exists in this workflow run, and a name ' +
        'can be uploaded only once per run (HTTP 409). Give each job or matrix entry its own ' +
        '`artifact-name`, e.g. `artifact-name: library-components-${{ matrix.workspace }}`. ' +
        'The CSV is still in the workspace.'
    )
    expect(results.artifacts).toHaveLength(1)
  })

  it('points at path when an unzipped artifact, named after the file, is uploaded twice', async () => {
    const unzipped = settings({ name: 'library_components.csv', archive: false })
    await uploadExportArtifact(exportFiles(), unzipped, logger())
    const error = await failureOf(uploadExportArtifact(exportFiles(), unzipped, logger()))
    expect(error.message).toMatch(
      /"library_components\.csv" already exists .*`artifact-archive: false` the artifact is named after the file, so give each job or matrix entry its own `path`/
    )
  })

  it.each([
    ['CreateArtifact', 'CreateArtifact: response from backend was not ok'],
    ['FinalizeArtifact', 'FinalizeArtifact: response from backend was not ok']
  ] as const)('explains an ok: false answer to %s', async (method, detail) => {
    results.setFaults({ notOk: [method] })
    const error = await failureOf(uploadExportArtifact(exportFiles(), settings(), logger()))
    expect(error.message).toBe(
      `The artifact "library-components" was not uploaded: the artifact service did not ` +
        `accept it (${detail}). Run the job again; if it keeps failing, check githubstatus.com.`
    )
  })

  it('explains a used-up storage quota', async () => {
    results.setFaults({ quotaExceeded: true })
    const error = await failureOf(uploadExportArtifact(exportFiles(), settings(), logger()))
    expect(error.message).toMatch(
      /"library-components" was not uploaded: the storage quota for Actions artifacts is used up\. Delete old artifacts, or set a shorter `artifact-retention-days`/
    )
  })

  it('says GitHub Enterprise Server is not supported, before any request', async () => {
    process.env.GITHUB_SERVER_URL = 'https://github.acme-corp.example'
    const error = await failureOf(
      uploadExportArtifact(
        exportFiles(),
        settings({ run: { ...RUN, serverUrl: 'https://github.acme-corp.example' } }),
        logger()
      )
    )
    expect(error.message).toMatch(
      /^Publishing the artifact "library-components" failed: GitHub Enterprise Server \(https:\/\/github\.acme-corp\.example\) is not supported.*Set `publish: none`/
    )
    expect(results.requests).toEqual([])
  })

  it('names the artifact for any other refusal, with the service answer', async () => {
    results.setFaults({ failNext: { status: 403, count: 1 } })
    const error = await failureOf(uploadExportArtifact(exportFiles(), settings(), logger()))
    expect(error.message).toBe(
      'Uploading the artifact "library-components" failed: Failed to CreateArtifact: Received ' +
        'non-retryable error: Failed request: (403) Forbidden: the results service is unavailable'
    )
  })

  it('says the service could not be reached', async () => {
    process.env.ACTIONS_RESULTS_URL = 'http://127.0.0.1:1/'
    const error = await failureOf(uploadExportArtifact(exportFiles(), settings(), logger()))
    expect(error.message).toMatch(
      /^The artifact "library-components" was not uploaded: the artifact service could not be reached \(ECONNREFUSED\)\. On a self-hosted runner/
    )
  })
})

describe('what the run shows about the artifact', () => {
  it('links the artifact on the run page only when the run is known', () => {
    expect(artifactUrl(RUN, 17)).toBe(
      'https://github.com/acme/hardware/actions/runs/4242/artifacts/17'
    )
    expect(artifactUrl({ ...RUN, runId: '' }, 17)).toBe('')
  })

  it('summarises the artifact with its link, files, form, size and retention', () => {
    const summary = renderPublishSummary({
      mode: 'artifact',
      artifact: {
        id: 17,
        name: 'library-components',
        url: 'https://github.com/acme/hardware/actions/runs/4242/artifacts/17',
        size: 2048,
        digest: 'ab',
        files: ['library_components.csv', 'library_components.report.json'],
        archive: true,
        retentionDays: 30
      }
    })
    expect(summary).toBe(
      '\n### Published\n\n' +
        'Artifact [`library-components`](https://github.com/acme/hardware/actions/runs/4242/artifacts/17) ' +
        '(id 17): `library_components.csv` and `library_components.report.json`, a zip, 2048 bytes, ' +
        'kept for 30 days.\n'
    )
    expect(renderPublishSummary({ mode: 'none' })).toBe('')
  })
})
