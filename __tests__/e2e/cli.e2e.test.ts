/**
 * End to end: the command line, built (dist/cli/index.js), run as a child process in a folder of
 * its own against the local Altium stand-in, with the credentials in ALTIUM_* variables.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { PROJECT_ROOT, readActionMetadata, type ActionRun } from '../../scripts/runner.js'
import { findLeaks } from '../helpers/secrets.js'
import { standInSecrets } from '../helpers/stand-in-inputs.js'

const CLI_ENTRY = path.join(PROJECT_ROOT, 'dist', 'cli', 'index.js')

let altium: StandIn

beforeAll(async () => {
  if (!existsSync(CLI_ENTRY)) throw new Error('dist/cli/index.js is missing: run npm run bundle')
  altium = await startStandIn({ componentCount: 400 })
})

afterAll(async () => {
  await altium.close()
})

/** The flags that point the command line at the stand-in. */
const standInFlags = () => [
  '--workspace-url',
  altium.workspaceUrl,
  '--realm',
  'altium-365',
  '--api-url',
  altium.apiUrl,
  '--token-url',
  altium.tokenUrl
]

/** The stand-in's refresh-token credentials, as a shell would export them. */
const credentials = () => ({
  ALTIUM_CLIENT_ID: altium.credentials.clientId,
  ALTIUM_CLIENT_SECRET: altium.credentials.clientSecret,
  ALTIUM_REFRESH_TOKEN: altium.credentials.refreshToken
})

/** Runs `node dist/cli/index.js …` in a new folder, outside GitHub Actions. */
async function cli(
  args: string[],
  env: Record<string, string> = credentials(),
  folder = mkdtempSync(path.join(tmpdir(), 'cli-'))
): Promise<ActionRun> {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? '', HOME: folder, ...env }
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  return {
    exitCode,
    stdout,
    stderr,
    outputs: {},
    summary: '',
    workspace: folder,
    runnerTemp: folder
  }
}

/** No line a runner would read as a workflow command. */
function expectNoWorkflowCommands(run: ActionRun): void {
  for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
    expect(line).not.toMatch(/^\s*::/)
    expect(line).not.toContain('##[')
  }
}

describe('the command line', () => {
  it('writes the CSV and the report, prints the summary as text, and exits 0', async () => {
    const run = await cli([...standInFlags(), '--path', 'parts.csv', '--fail-on', 'never'])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const csv = readFileSync(path.join(run.workspace, 'parts.csv'), 'utf8')
    expect(csv.trimEnd().split('\n')).toHaveLength(401)
    expect(existsSync(path.join(run.workspace, 'parts.report.json'))).toBe(true)
    expect(run.stdout).toContain(
      `Wrote 400 components to ${path.join(run.workspace, 'parts.csv')}.`
    )
    expect(run.stdout).toMatch(/^Progress: 400 of 400 components \(100%\)/m)
    // The summary, as text: the heading underlined, the table in columns.
    expect(run.stdout).toContain('Altium library export\n=====================\n')
    expect(run.stdout).toMatch(/^Components +400$/m)
    expect(run.stdout).not.toContain('| --- |')
    expectNoWorkflowCommands(run)
    expect(findLeaks(run, standInSecrets(altium))).toEqual([])
  })

  it('exits 1 when fail-on is met, after writing the files, with the audit rules from a file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'cli-'))
    writeFileSync(path.join(folder, 'rules.txt'), 'require-part-choice\nunique-mpn: warning\n')
    const failing = await cli(
      [...standInFlags(), '--audit-file', 'rules.txt'],
      credentials(),
      folder
    )
    expect(failing.exitCode).toBe(1)
    expect(existsSync(path.join(folder, 'library_components.csv'))).toBe(true)
    expect(failing.stderr).toMatch(/^Error: Library audit: require-part-choice: /m)
    expect(failing.stderr).toMatch(/^Failed: .*fail-on is 'error' and the audit found \d+ errors/m)
    expect(failing.stdout).toContain('Library audit')
    expectNoWorkflowCommands(failing)

    const passing = await cli(
      [...standInFlags(), '--audit-file', 'rules.txt', '--fail-on', 'never'],
      credentials(),
      folder
    )
    expect(passing.exitCode).toBe(0)
  })

  it('lists every input of action.yml in --help', async () => {
    const run = await cli(['--help'], {})
    expect(run.exitCode).toBe(0)
    for (const name of Object.keys(readActionMetadata().inputs)) {
      expect(run.stdout).toMatch(
        new RegExp(`(--${name} VALUE|ALTIUM_\\w+ \\(${name}\\)|GITHUB_TOKEN \\(${name}\\))`)
      )
    }
  })

  it('refuses a secret given as a flag, before any request, without printing it', async () => {
    const before = altium.stats.tokenRequests
    const secret = altium.credentials.clientSecret
    const run = await cli([...standInFlags(), '--client-secret', secret])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('--client-secret is refused')
    expect(run.stderr).toContain('ALTIUM_CLIENT_SECRET')
    expect(`${run.stdout}${run.stderr}`).not.toContain(secret)
    expect(altium.stats.tokenRequests).toBe(before)
    expect(existsSync(path.join(run.workspace, 'library_components.csv'))).toBe(false)
  })

  it('refuses to publish outside GitHub Actions', async () => {
    const before = altium.stats.tokenRequests
    const run = await cli([...standInFlags(), '--publish', 'commit'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/--publish commit works only in a GitHub Actions workflow/)
    expect(altium.stats.tokenRequests).toBe(before)
  })

  it('says which flags it accepts when one is unknown', async () => {
    const run = await cli([...standInFlags(), '--output', 'x.csv'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/Unknown option '--output'\. Accepted: --workspace-url, /)
  })

  it("fails with exit 1 and the engine's message when the credentials are missing", async () => {
    const run = await cli(standInFlags(), {})
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/^Failed: /m)
    expectNoWorkflowCommands(run)
  })

  it('is the bin of package.json, a script node runs', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>
    }
    expect(path.join(PROJECT_ROOT, pkg.bin['altium-library-export'])).toBe(CLI_ENTRY)
    expect(readFileSync(CLI_ENTRY, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })
})
