/**
 * End to end on a checkout with `core.autocrlf=true`, as on a Windows runner: the built
 * dist/index.js compares with, and commits over, a CSV the checkout holds with CRLF line endings.
 * An unchanged library is no change, whichever baseline is read, and makes no commit.
 */
import { copyFileSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import {
  actionGitEnv,
  cloneForAction,
  createRemote,
  historyOf,
  pushFromElsewhere,
  remoteFile,
  type Remote
} from '../helpers/git-repos.js'
import { findLeaks } from '../helpers/secrets.js'
import { standInInputs, standInSecrets } from '../helpers/stand-in-inputs.js'

jest.setTimeout(180_000)

const CSV = 'library_components.csv'
const REPORT = 'library_components.report.json'
const WINDOWS = { config: { 'core.autocrlf': 'true' } }
const crlf = (text: string) => text.replace(/\n/g, '\r\n')

let altium: StandIn
let remote: Remote
/** The export as the action commits it (LF), from a first run. */
let exported: string

beforeAll(async () => {
  altium = await startStandIn({ seed: 17, componentCount: 120, maxPageSize: 100 })
  remote = createRemote()
  // The first export, committed with LF as the action writes it.
  await exportWith(cloneForAction(remote), { publish: 'commit' })
  exported = remoteFile(remote.bare, 'main', CSV) as string
})
afterAll(() => altium.close())

async function exportWith(clone: string, inputs: Record<string, string>): Promise<ActionRun> {
  const run = await runAction(
    { ...standInInputs(altium), 'github-token': 'ghs_lineEndingsE2eToken01234567', ...inputs },
    { workspace: clone, env: actionGitEnv(), timeoutMs: 150_000 }
  )
  expect(findLeaks(run, standInSecrets(altium))).toEqual([])
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
  return run
}

function expectNoChange(run: ActionRun): void {
  expect(run.outputs).toMatchObject({ changed: 'false', added: '0', removed: '0', modified: '0' })
}

describe('a checkout with core.autocrlf=true', () => {
  it('finds no change against the CRLF copy of the previous export, from any baseline', async () => {
    const clone = cloneForAction(remote, WINDOWS)
    expect(exported).not.toContain('\r')
    expect(readFileSync(path.join(clone, CSV), 'utf8')).toBe(crlf(exported))
    copyFileSync(path.join(clone, CSV), path.join(clone, 'previous.csv'))

    expectNoChange(await exportWith(clone, { publish: 'none', baseline: 'previous.csv' }))
    expectNoChange(await exportWith(clone, { publish: 'none', baseline: 'git:HEAD' }))
    // Last, as it replaces the CRLF file with the LF export.
    copyFileSync(path.join(clone, 'previous.csv'), path.join(clone, CSV))
    expectNoChange(await exportWith(clone, { publish: 'none' }))
  })

  it('makes no commit when the library did not change', async () => {
    const before = historyOf(remote.bare)
    const clone = cloneForAction(remote, WINDOWS)

    const run = await exportWith(clone, { publish: 'commit' })

    expectNoChange(run)
    expect(run.outputs['commit-sha']).toBeUndefined()
    expect(historyOf(remote.bare)).toEqual(before)
    expect(run.summary).toContain('unchanged from the commit checked out; nothing to commit')
  })

  it('makes no commit when the CSV was committed with CRLF and only line endings differ', async () => {
    // Someone committed the export from a Windows machine without autocrlf: CRs in the repository.
    const report = remoteFile(remote.bare, 'main', REPORT) as string
    const theirs = pushFromElsewhere(remote, { [CSV]: crlf(exported) }, 'Export from a laptop')
    expect(remoteFile(remote.bare, 'main', CSV)).toBe(crlf(exported))
    const clone = cloneForAction(remote, WINDOWS)

    const run = await exportWith(clone, { publish: 'commit' })

    expectNoChange(run)
    expect(run.outputs['commit-sha']).toBeUndefined()
    expect(historyOf(remote.bare)[0].sha).toBe(theirs)
    expect(remoteFile(remote.bare, 'main', REPORT)).toBe(report)
    expect(run.summary).toContain('only in line endings')
  })
})
