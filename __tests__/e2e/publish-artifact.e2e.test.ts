/**
 * End to end: the built dist/index.js, run as a child process the way the runner runs it, exports
 * from the local Altium stand-in and publishes through the real `@actions/artifact` client to the
 * loopback stand-in of GitHub's results service. The stored bytes are read back and compared with
 * the files the run wrote.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { unzipSync } from 'fflate'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import {
  startResultsService,
  type ResultsService,
  type StoredArtifact
} from '../../local-github/results-service.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import { expectedRows } from '../helpers/expected-csv.js'
import { findLeaks } from '../helpers/secrets.js'
import { standInInputs, standInSecrets } from '../helpers/stand-in-inputs.js'

const LIBRARY_SIZE = 240
const REPOSITORY = 'acme/hardware'
const RUN_ID = '4242'
let altium: StandIn
let results: ResultsService

beforeAll(async () => {
  altium = await startStandIn({ seed: 11, componentCount: LIBRARY_SIZE })
  results = await startResultsService()
})
afterAll(async () => {
  await altium.close()
  await results.close()
})
beforeEach(() => {
  results.reset()
  altium.resetStats()
})

/** What the runner gives an action step on GitHub: the artifact runtime and the run. */
function onGitHub(): Record<string, string> {
  return {
    ACTIONS_RUNTIME_TOKEN: results.runtimeToken,
    ACTIONS_RESULTS_URL: results.resultsUrl,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_RUN_ID: RUN_ID
  }
}

/** Runs the action; every run is scanned for leaked credentials, tokens and the runtime token. */
async function exportWith(
  inputs: Record<string, string> = {},
  options: { env?: Record<string, string>; workspace?: string } = {}
): Promise<ActionRun> {
  const run = await runAction(
    {
      ...standInInputs(altium),
      ...inputs
    },
    { env: options.env ?? onGitHub(), workspace: options.workspace }
  )
  const secrets = [...standInSecrets(altium), results.runtimeToken]
  expect(findLeaks(run, secrets)).toEqual([])
  return run
}

function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
}

function stored(name: string): StoredArtifact & { bytes: Buffer } {
  const artifact = results.artifacts.find((a) => a.name === name)
  if (!artifact?.bytes) throw new Error(`the service holds no artifact ${name}`)
  return artifact as StoredArtifact & { bytes: Buffer }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function twirpBody(method: string): Record<string, unknown> {
  const bodies = results.requests.filter((r) => r.twirpMethod === method).map((r) => r.body)
  expect(bodies).toHaveLength(1)
  return bodies[0] as Record<string, unknown>
}

/** A workspace holding a previous export, which a run that fails early must leave as it was. */
function workspaceWithPreviousCsv(): { workspace: string; file: string } {
  const workspace = mkdtempSync(path.join(tmpdir(), 'previous-'))
  const file = path.join(workspace, 'library_components.csv')
  writeFileSync(file, 'name\nthe previous export\n')
  return { workspace, file }
}

describe('publish: artifact (the default)', () => {
  it('uploads one zip holding the CSV and the report, which read back byte for byte', async () => {
    const run = await exportWith()
    expectSuccess(run)
    const csv = readFileSync(run.outputs['csv-path'])
    const report = readFileSync(run.outputs['report-path'])
    expect((parse(csv) as string[][]).slice(1)).toEqual(expectedRows(altium.library))

    const artifact = stored('library-components')
    const entries = unzipSync(new Uint8Array(artifact.bytes))
    expect(Object.keys(entries).sort()).toEqual([
      'library_components.csv',
      'library_components.report.json'
    ])
    expect(Buffer.from(entries['library_components.csv']).equals(csv)).toBe(true)
    expect(Buffer.from(entries['library_components.report.json']).equals(report)).toBe(true)

    expect(twirpBody('CreateArtifact')).toEqual({
      workflow_run_backend_id: results.runBackendId,
      workflow_job_run_backend_id: results.jobBackendId,
      name: 'library-components',
      mime_type: 'application/zip',
      version: 7
    })
    expect(twirpBody('FinalizeArtifact')).toMatchObject({
      name: 'library-components',
      size: String(artifact.bytes.length),
      hash: `sha256:${sha256(artifact.bytes)}`
    })
    expect(results.requests.every((r) => r.authorized)).toBe(true)

    const url = `https://github.com/${REPOSITORY}/actions/runs/${RUN_ID}/artifacts/${artifact.id}`
    expect(run.outputs['artifact-id']).toBe(String(artifact.id))
    expect(run.outputs['artifact-url']).toBe(url)
    expect(run.summary).toContain(`### Published\n\nArtifact [\`library-components\`](${url})`)
    expect(run.summary).toContain(`a zip, ${artifact.bytes.length} bytes`)
    expect(run.stdout).toContain(`Published the artifact "library-components" (id ${artifact.id}`)
  })

  it('uploads the CSV alone and unzipped, named after the file, kept for the retention days', async () => {
    const started = Date.now()
    const run = await exportWith({
      path: 'exports/eu_library.csv',
      'artifact-archive': 'false',
      'artifact-retention-days': '30'
    })
    expectSuccess(run)
    const artifact = stored('eu_library.csv')
    expect(results.artifacts).toHaveLength(1)
    expect(artifact.bytes.equals(readFileSync(run.outputs['csv-path']))).toBe(true)

    const create = twirpBody('CreateArtifact')
    expect(create).toMatchObject({ name: 'eu_library.csv', mime_type: 'text/csv', version: 7 })
    const thirtyDays = 30 * 24 * 3600 * 1000
    const expires = Date.parse(create.expires_at as string)
    // Calendar days: a daylight saving change in between moves it by an hour.
    expect(expires).toBeGreaterThanOrEqual(started + thirtyDays - 3600_000)
    expect(expires).toBeLessThanOrEqual(Date.now() + thirtyDays + 3600_000)
    expect(twirpBody('FinalizeArtifact')).toMatchObject({
      size: String(artifact.bytes.length),
      hash: `sha256:${sha256(artifact.bytes)}`
    })

    expect(run.outputs['artifact-id']).toBe(String(artifact.id))
    expect(run.outputs['artifact-url']).toMatch(new RegExp(`/artifacts/${artifact.id}$`))
    expect(run.summary).toContain('(id ' + artifact.id + '): `eu_library.csv`, unzipped')
    expect(run.summary).toContain('kept for 30 days')
  })

  it('fails a second upload under the same name with a clear message and keeps the CSV', async () => {
    expectSuccess(await exportWith({ 'artifact-name': 'library-eu' }))
    const second = await exportWith({ 'artifact-name': 'library-eu' })
    expect(second.exitCode).toBe(1)
    expect(second.stdout).toContain(
      '::error::An artifact named "library-eu" already exists in this workflow run, and a name ' +
        'can be uploaded only once per run (HTTP 409). Give each job or matrix entry its own ' +
        '`artifact-name`'
    )
    const csv = readFileSync(path.join(second.workspace, 'library_components.csv'), 'utf8')
    expect((parse(csv) as string[][]).slice(1)).toEqual(expectedRows(altium.library))
    expect(results.artifacts.map((a) => a.name)).toEqual(['library-eu'])
    expect(second.outputs['artifact-id']).toBeUndefined()
  })

  it('refuses to start outside an action step, before any request, and says to use publish: none', async () => {
    const { workspace, file } = workspaceWithPreviousCsv()
    const run = await exportWith(
      {},
      { env: { GITHUB_REPOSITORY: REPOSITORY, GITHUB_RUN_ID: RUN_ID }, workspace }
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /::error::Input 'publish': `artifact` uploads to the GitHub Actions artifact service, but ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set\..*set `publish: none`/
    )
    expect(altium.stats.tokenRequests + altium.stats.graphqlRequests).toBe(0)
    expect(results.requests).toEqual([])
    expect(readFileSync(file, 'utf8')).toBe('name\nthe previous export\n')
  })

  it('says GitHub Enterprise Server is not supported, and keeps the CSV it wrote', async () => {
    const serverUrl = 'https://github.acme-corp.example'
    const run = await exportWith({}, { env: { ...onGitHub(), GITHUB_SERVER_URL: serverUrl } })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      `::error::Publishing the artifact "library-components" failed: GitHub Enterprise Server (${serverUrl}) is not supported`
    )
    expect(results.requests).toEqual([])
    const csv = readFileSync(path.join(run.workspace, 'library_components.csv'), 'utf8')
    expect(csv.split('\n')).toHaveLength(LIBRARY_SIZE + 2)
  })
})

describe('publish: none', () => {
  it('leaves the files in the workspace and never calls the artifact service', async () => {
    const run = await exportWith({ publish: 'none' })
    expectSuccess(run)
    expect(results.requests).toEqual([])
    expect(run.outputs['component-count']).toBe(String(LIBRARY_SIZE))
    expect(run.outputs['artifact-id']).toBeUndefined()
    expect(run.summary).not.toContain('### Published')
  })
})
