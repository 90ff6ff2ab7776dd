/**
 * GitHub's local debugger, `@github/local-action`, run as a new user would: its own command line,
 * as a child process, against the local Altium stand-in, with a `.env` made from the committed
 * `.env.example`. It imports src/main.ts, calls `run()` with no argument, and replaces
 * `@actions/core` and `@actions/artifact` with its own, which keep artifacts in
 * LOCAL_ACTION_ARTIFACT_PATH.
 */
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { unzipSync } from 'fflate'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { PROJECT_ROOT } from '../../scripts/runner.js'
import { pieTitled } from '../helpers/mermaid.js'
import { standInSecrets } from '../helpers/stand-in-inputs.js'

const DEBUGGER = path.join(PROJECT_ROOT, 'node_modules', '@github', 'local-action', 'bin')
const LIBRARY_SIZE = 40
let altium: StandIn

beforeAll(async () => {
  altium = await startStandIn({ seed: 5, componentCount: LIBRARY_SIZE })
})
afterAll(async () => {
  await altium.close()
})
beforeEach(() => {
  altium.resetStats()
})

interface DebuggerRun {
  code: number | null
  output: string
  folder: string
  workspace: string
  artifacts: string
  summary: string
}

/** The example's variables, each line `NAME=value` (comments and blank lines left out). */
function exampleVariables(): Map<string, string> {
  const text = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8')
  const variables = new Map<string, string>()
  for (const line of text.split('\n')) {
    const match = /^([A-Z][\w-]*)=(.*)$/.exec(line)
    if (match) variables.set(match[1], match[2])
  }
  return variables
}

/**
 * `.env.example` with the stand-in's address and token and this run's folders in place of the
 * values a user pastes; `drop` leaves variables out.
 */
function writeDotEnv(folder: string, drop: string[] = []): string {
  const variables = exampleVariables()
  const fill: Record<string, string> = {
    'INPUT_API-URL': altium.apiUrl,
    'INPUT_TOKEN-URL': altium.tokenUrl,
    'INPUT_WORKSPACE-URL': altium.workspaceUrl,
    'INPUT_ACCESS-TOKEN': altium.credentials.accessToken,
    GITHUB_WORKSPACE: path.join(folder, 'workspace'),
    LOCAL_ACTION_WORKSPACE: path.join(folder, 'workspace'),
    LOCAL_ACTION_ARTIFACT_PATH: path.join(folder, 'artifacts'),
    GITHUB_STEP_SUMMARY: path.join(folder, 'summary.md')
  }
  for (const [name, value] of Object.entries(fill)) {
    // The example must name every variable the test fills, or the test would not try it.
    expect(variables.has(name)).toBe(true)
    variables.set(name, value)
  }
  for (const name of drop) variables.delete(name)
  const file = path.join(folder, '.env')
  writeFileSync(file, [...variables].map(([name, value]) => `${name}=${value}\n`).join(''))
  return file
}

/** `npx local-action . src/main.ts .env`, from the project's folder. */
async function runDebugger(drop: string[] = []): Promise<DebuggerRun> {
  const folder = mkdtempSync(path.join(tmpdir(), 'local-action-'))
  const workspace = path.join(folder, 'workspace')
  const artifacts = path.join(folder, 'artifacts')
  mkdirSync(workspace)
  mkdirSync(artifacts)
  writeFileSync(path.join(folder, 'summary.md'), '')
  const envFile = writeDotEnv(folder, drop)
  // Nothing of this process's own runner, inputs or Node options reaches the debugger.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(INPUT_|GITHUB_|ACTIONS_|RUNNER_|LOCAL_ACTION_|NODE_OPTIONS$)/.test(name)
    )
  )
  const child = spawn(
    process.execPath,
    [path.join(DEBUGGER, 'local-action.js'), PROJECT_ROOT, 'src/main.ts', envFile],
    { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const summary = readFileSync(path.join(folder, 'summary.md'), 'utf8')
  return { code, output, folder, workspace, artifacts, summary }
}

function expectNoSecrets(run: DebuggerRun): void {
  for (const secret of standInSecrets(altium)) {
    expect(run.output).not.toContain(secret)
    expect(run.summary).not.toContain(secret)
  }
}

describe("GitHub's local debugger (@github/local-action)", () => {
  it('runs src/main.ts from the example .env: writes the CSV and uploads it to LOCAL_ACTION_ARTIFACT_PATH', async () => {
    const run = await runDebugger()
    expect(run.output).not.toMatch(/Cannot read properties of undefined/)
    expect(run.output).not.toMatch(/::error::/)
    expect(run.code).toBe(0)

    const csv = readFileSync(path.join(run.workspace, 'library_components.csv'))
    expect(csv.toString('utf8').trimEnd().split('\n')).toHaveLength(LIBRARY_SIZE + 1)
    expect(altium.stats.graphqlRequests).toBeGreaterThan(0)

    // The debugger's artifact client zips the CSV and the report into its folder.
    expect(readdirSync(run.artifacts)).toEqual(['library-components.zip'])
    const zip = unzipSync(readFileSync(path.join(run.artifacts, 'library-components.zip')))
    expect(Object.keys(zip).sort()).toEqual([
      'library_components.csv',
      'library_components.report.json'
    ])
    expect(Buffer.from(zip['library_components.csv']).equals(csv)).toBe(true)
    expect(run.output).toContain('Published the artifact "library-components" (id 1')

    // The summary the debugger keeps holds the text tables and the pictures.
    expect(run.summary).toContain('## Altium library export')
    const lifecycle = await pieTitled(run.summary, 'Lifecycle states')
    expect(lifecycle.sections.reduce((sum, slice) => sum + slice.value, 0)).toBe(LIBRARY_SIZE)
    await pieTitled(run.summary, 'Audit findings by rule')
    expectNoSecrets(run)
  }, 120_000)

  it("passes on the debugger's own word when its artifact folder is not set, before any request", async () => {
    const run = await runDebugger(['LOCAL_ACTION_ARTIFACT_PATH'])
    expect(run.output).toMatch(
      /::error::`publish: artifact`: the artifact client cannot upload here \(LOCAL_ACTION_ARTIFACT_PATH must be set/
    )
    expect(altium.stats.tokenRequests + altium.stats.graphqlRequests).toBe(0)
    expect(existsSync(path.join(run.workspace, 'library_components.csv'))).toBe(false)
    expectNoSecrets(run)
  }, 120_000)
})
