/**
 * End to end: `baseline: artifact` through the built dist/index.js. The REST stand-in lists the
 * repository's artifacts (the right one among decoys) and redirects the download to a blob address
 * it serves without a token; the real `@actions/artifact` client follows it. Chained runs carry the
 * report's `history` on through the artifact the first run really uploaded.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { zipSync } from 'fflate'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import {
  startGitHubRestApi,
  type GitHubRestStandIn,
  type StandInArtifact
} from '../../local-github/rest-api.js'
import { startResultsService, type ResultsService } from '../../local-github/results-service.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import { findLeaks } from '../helpers/secrets.js'
import { standInInputs, standInSecrets } from '../helpers/stand-in-inputs.js'

const TOKEN = 'ghs_artifactBaselineToken0123456789'
const THIS_RUN = 5000
let altium: StandIn
let results: ResultsService
let rest: GitHubRestStandIn
/** The CSV this library exports, as a first export wrote it. */
let exported: string

beforeAll(async () => {
  altium = await startStandIn({ seed: 18, componentCount: 60 })
  results = await startResultsService()
  rest = await startGitHubRestApi({ token: TOKEN })
  const first = await exportWith({ baseline: '', publish: 'none' })
  expectSuccess(first)
  exported = readFileSync(first.outputs['csv-path'], 'utf8')
})
afterAll(async () => {
  await altium.close()
  await results.close()
  await rest.close()
})
beforeEach(() => {
  rest.reset()
  rest.setFaults({})
  results.reset()
})

async function exportWith(
  inputs: Record<string, string>,
  runId = THIS_RUN,
  env: Record<string, string> = {}
): Promise<ActionRun> {
  const run = await runAction(
    { ...standInInputs(altium), baseline: 'artifact', 'github-token': TOKEN, ...inputs },
    {
      env: {
        ACTIONS_RUNTIME_TOKEN: results.runtimeToken,
        ACTIONS_RESULTS_URL: results.resultsUrl,
        GITHUB_REPOSITORY: `${rest.owner}/${rest.repo}`,
        GITHUB_RUN_ID: String(runId),
        GITHUB_REF_NAME: 'main',
        GITHUB_API_URL: rest.url,
        ...env
      }
    }
  )
  expect(findLeaks(run, [...standInSecrets(altium), results.runtimeToken, TOKEN])).toEqual([])
  return run
}

function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
}

interface Report {
  changes: {
    firstExport: boolean
    counts: { added: number; removed: number; modified: number }
    baseline: { kind: string; found: boolean; artifact?: Record<string, unknown> }
  }
  history: { runId: string; components: number; added: number; lifecycle?: object }[]
}

function reportOf(run: ActionRun): Report {
  return JSON.parse(readFileSync(run.outputs['report-path'], 'utf8')) as Report
}

/**
 * The exported CSV with three rows taken out (three added now), one made up (one removed) and one
 * cell changed (one modified).
 */
function editedCsv(): string {
  const lines = exported.trimEnd().split('\n')
  const [header, ...rows] = lines
  const kept = rows.slice(3)
  const cells = kept[0].split(',')
  cells[cells.length - 1] = 'https://example.com/an-older-datasheet.pdf'
  kept[0] = cells.join(',')
  const madeUp = ['ZZZ-GONE-1', ...cells.slice(1).map(() => '')].join(',')
  return `${[header, ...kept, madeUp].join('\n')}\n`
}

function zipOf(files: Record<string, string>): Buffer {
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, text]) => [name, new TextEncoder().encode(text)])
  )
  return Buffer.from(zipSync(entries))
}

function artifact(
  id: number,
  fields: Partial<StandInArtifact> & { runId: number; createdAt: string }
): StandInArtifact {
  return {
    id,
    name: 'library-components',
    headBranch: 'main',
    zipped: true,
    bytes: zipOf({ 'library_components.csv': 'name\nsomething else\n' }),
    ...fields
  }
}

describe('baseline: artifact', () => {
  it('compares with the newest earlier artifact of the same name and branch, not the decoys', async () => {
    rest.artifacts.push(
      artifact(10, { runId: 99, createdAt: '2026-11-20T06:00:00Z' }),
      artifact(11, {
        runId: 100,
        createdAt: '2026-11-27T06:00:00Z',
        bytes: zipOf({ 'library_components.csv': editedCsv() })
      }),
      artifact(12, { runId: 101, createdAt: '2026-12-01T06:00:00Z', expired: true }),
      artifact(13, { runId: 102, createdAt: '2026-12-02T06:00:00Z', headBranch: 'feature' }),
      artifact(14, { runId: THIS_RUN, createdAt: '2026-12-03T06:00:00Z' }),
      artifact(15, { runId: 103, createdAt: '2026-12-02T07:00:00Z', name: 'other-library' })
    )
    const run = await exportWith({ publish: 'none' })
    expectSuccess(run)
    const { changes } = reportOf(run)
    expect(changes.counts).toEqual({ added: 3, removed: 1, modified: 1 })
    expect(changes.baseline).toMatchObject({
      kind: 'artifact',
      found: true,
      artifact: { id: 11, runId: 100, name: 'library-components', branch: 'main' }
    })
    const runUrl = `https://github.com/${rest.owner}/${rest.repo}/actions/runs/100`
    expect(run.summary).toContain(`[run 100](${runUrl}) (2026-11-27)`)
    // Listed by name with the token; the blob fetched once, without it.
    const listing = rest.requests.find((r) => r.path.endsWith('/actions/artifacts'))
    expect(listing?.query.name).toBe('library-components')
    expect(listing?.authorization).toMatch(/ghs_artifactBaselineToken/)
    expect(rest.blobRequests).toEqual([{ path: '/blob/11.zip', authorization: undefined }])
    // The download stayed out of the workspace and was cleaned away.
    expect(readdirSync(run.workspace).sort()).toEqual([
      'library_components.csv',
      'library_components.report.json'
    ])
    expect(readdirSync(run.runnerTemp).filter((f) => f.startsWith('altium-baseline-'))).toEqual([])
  })

  it('reads an unzipped artifact, named after the CSV, as the baseline', async () => {
    rest.artifacts.push({
      id: 21,
      name: 'library_components.csv',
      runId: 200,
      headBranch: 'main',
      createdAt: '2026-11-28T06:00:00Z',
      zipped: false,
      bytes: Buffer.from(editedCsv())
    })
    const run = await exportWith({ publish: 'none', 'artifact-archive': 'false' })
    expectSuccess(run)
    expect(reportOf(run).changes.counts).toEqual({ added: 3, removed: 1, modified: 1 })
    expect(rest.blobRequests).toEqual([{ path: '/blob/21', authorization: undefined }])
  })

  it('compares a pull request with its base branch', async () => {
    rest.artifacts.push(
      artifact(31, {
        runId: 300,
        createdAt: '2026-11-28T06:00:00Z',
        headBranch: 'release',
        bytes: zipOf({ 'library_components.csv': editedCsv() })
      })
    )
    const run = await exportWith({ publish: 'none' }, THIS_RUN, {
      GITHUB_REF_NAME: '7/merge',
      GITHUB_BASE_REF: 'release'
    })
    expectSuccess(run)
    expect(reportOf(run).changes.baseline.artifact).toMatchObject({ id: 31, branch: 'release' })
  })

  it('says plainly that it is a first export when no earlier artifact is left', async () => {
    rest.artifacts.push(
      artifact(41, { runId: 400, createdAt: '2026-11-01T06:00:00Z', expired: true })
    )
    const run = await exportWith({ publish: 'none' })
    expectSuccess(run)
    const { changes } = reportOf(run)
    expect(changes.firstExport).toBe(true)
    expect(changes.baseline).toMatchObject({ kind: 'artifact', found: false })
    expect(run.summary).toContain(
      '**First export**: no earlier artifact `library-components` from branch `main` was found'
    )
    expect(run.stdout).toContain('First export: no earlier artifact library-components')
    expect(rest.blobRequests).toEqual([])
  })

  it('fails before the export when the token may not list artifacts, naming actions: read', async () => {
    rest.setFaults({
      always: { status: 403, body: { message: 'Resource not accessible by integration' } }
    })
    altium.resetStats()
    const run = await exportWith({ publish: 'none' })
    expect(run.exitCode).not.toBe(0)
    expect(run.stdout).toContain('`actions: read`')
    expect(run.stdout).toContain('`permissions:`')
    expect(run.stdout).toContain('list the artifacts named "library-components"')
    expect(altium.stats.graphqlRequests).toBe(0)
    expect(readdirSync(run.workspace)).toEqual([])
  })

  it('carries the history on: two chained runs give two entries and a chart', async () => {
    const first = await exportWith({}, 6001)
    expectSuccess(first)
    expect(reportOf(first).history).toHaveLength(1)
    expect(first.summary).not.toContain('xychart-beta')
    const uploaded = results.artifacts.find((a) => a.name === 'library-components')
    if (!uploaded?.bytes) throw new Error('the first run uploaded no artifact')
    rest.artifacts.push({
      id: 61,
      name: 'library-components',
      runId: 6001,
      headBranch: 'main',
      createdAt: '2026-11-27T06:00:00Z',
      zipped: true,
      bytes: uploaded.bytes
    })
    results.reset()

    const second = await exportWith({}, 6002)
    expectSuccess(second)
    const { history, changes } = reportOf(second)
    expect(changes.counts).toEqual({ added: 0, removed: 0, modified: 0 })
    expect(history.map((e) => [e.runId, e.components, e.added])).toEqual([
      ['6001', 60, 60],
      ['6002', 60, 0]
    ])
    expect(history[1].lifecycle).toBeDefined()
    expect(second.summary).toContain('```mermaid\nxychart-beta')
    expect(second.summary).toContain('    line [60, 60]')
    expect(second.summary).toContain('## Trend')
  })
})
