/**
 * Publishing from a checkout with `core.autocrlf=true`, as on a Windows runner: the committed CSV
 * has CRLF line endings in the working tree, and the export writes LF. A difference in line
 * endings alone is no change: no commit, no pull request. Real repositories on disk.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startGitHubRestApi, type GitHubRestStandIn } from '../../local-github/rest-api.js'
import { Deadline } from '../../src/api/deadline.js'
import { BOT_IDENTITY } from '../../src/git/commit-identity.js'
import { Git } from '../../src/git/git.js'
import { Logger } from '../../src/logger.js'
import { publishCommit } from '../../src/publish/commit.js'
import { GitHubApi } from '../../src/publish/github-api.js'
import { publishPullRequest } from '../../src/publish/pull-request.js'
import {
  branchesOf,
  cloneForAction,
  createRemote,
  git,
  gitEnv,
  historyOf,
  remoteFile,
  type Remote
} from '../helpers/git-repos.js'

const TOKEN = 'ghs_lineEndingsTestToken0123456789'
const CSV = 'library_components.csv'
const REPORT = 'library_components.report.json'
const EXPORT = 'name,revision\nR-0001,1\nR-0002,1\n'
const CHANGED = 'name,revision\nR-0001,2\nR-0002,1\n'
const crlf = (text: string) => text.replace(/\n/g, '\r\n')
const WINDOWS = { 'core.autocrlf': 'true' }

let api: GitHubRestStandIn
let remote: Remote

beforeAll(async () => {
  api = await startGitHubRestApi({
    token: TOKEN,
    hasBranch: (branch) => branchesOf(remote.bare).includes(branch)
  })
})
afterAll(() => api.close())

/** A remote whose main holds `csv` exactly as given (CRLF stays CRLF: no attributes, no autocrlf). */
function remoteHolding(csv: string): Remote {
  remote = createRemote({ [CSV]: csv, [REPORT]: '{"run":1}\n' })
  return remote
}

/** Writes the export as the export stage does (LF), with a report that always differs. */
function writeExport(clone: string, csv: string): string[] {
  const files = [path.join(clone, CSV), path.join(clone, REPORT)]
  writeFileSync(files[0], csv)
  writeFileSync(files[1], '{"run":2}\n')
  return files
}

function gitFor(clone: string, logger: Logger): Git {
  return new Git({
    cwd: clone,
    env: gitEnv(),
    logger,
    token: TOKEN,
    serverUrl: 'https://github.com'
  })
}

function commitExport(clone: string, files: string[]) {
  const logger = new Logger()
  const request = { files, message: 'Update', identity: BOT_IDENTITY, branch: '', headRef: '' }
  return publishCommit(gitFor(clone, logger), request, logger)
}

function proposeExport(clone: string, files: string[]) {
  const logger = new Logger()
  logger.addSecret(TOKEN)
  const connect = () =>
    GitHubApi.connect({
      token: TOKEN,
      apiUrl: api.url,
      repository: 'acme/hardware',
      logger,
      deadline: new Deadline(60_000)
    })
  const pullRequest = { branch: 'altium-library/update', base: '', title: 'Update', labels: [] }
  const request = { files, message: 'Update', identity: BOT_IDENTITY, pullRequest, body: '' }
  return publishPullRequest(gitFor(clone, logger), connect, request, logger)
}

describe('publish: commit from a checkout with core.autocrlf=true', () => {
  it('makes no commit when the export is the committed one, which the checkout holds with CRLF', async () => {
    const before = historyOf(remoteHolding(EXPORT).bare)
    const clone = cloneForAction(remote, { config: WINDOWS })
    expect(readFileSync(path.join(clone, CSV), 'utf8')).toBe(crlf(EXPORT))

    const result = await commitExport(clone, writeExport(clone, EXPORT))

    expect(result).toEqual({ changed: false, description: expect.stringMatching(/unchanged/) })
    expect(historyOf(remote.bare)).toEqual(before)
  })

  it('stages the LF export although core.safecrlf=true refuses LF that autocrlf would change', async () => {
    remoteHolding(EXPORT)
    const clone = cloneForAction(remote, { config: { ...WINDOWS, 'core.safecrlf': 'true' } })

    const result = await commitExport(clone, writeExport(clone, CHANGED))

    expect(result.changed).toBe(true)
    expect(remoteFile(remote.bare, 'main', CSV)).toBe(CHANGED)
  })

  it('makes no commit when the committed CSV has CRLF and the export differs only in line endings', async () => {
    // Committed from a Windows machine without autocrlf: the CRs are in the repository itself.
    const before = historyOf(remoteHolding(crlf(EXPORT)).bare)
    for (const config of [WINDOWS, {}]) {
      const clone = cloneForAction(remote, { config })

      const result = await commitExport(clone, writeExport(clone, EXPORT))

      expect(result).toEqual({
        changed: false,
        description: expect.stringMatching(/only in line endings .*nothing to commit/)
      })
      expect(historyOf(remote.bare)).toEqual(before)
      // Nothing is left staged for a later step to commit by accident.
      expect(git(clone, ['diff', '--cached', '--name-only']).trim()).toBe('')
    }
  })

  it('commits a real change on such a checkout, with LF line endings', async () => {
    remoteHolding(crlf(EXPORT))
    const clone = cloneForAction(remote, { config: WINDOWS })

    const result = await commitExport(clone, writeExport(clone, CHANGED))

    expect(result.changed).toBe(true)
    expect(historyOf(remote.bare)[0].files.sort()).toEqual([CSV, REPORT])
    expect(remoteFile(remote.bare, 'main', CSV)).toBe(CHANGED)
  })
})

describe('publish: pull-request from a checkout with core.autocrlf=true', () => {
  it('opens no pull request when the base holds the export with CRLF line endings', async () => {
    api.reset()
    remoteHolding(crlf(EXPORT))
    const clone = cloneForAction(remote, { config: WINDOWS })

    const result = await proposeExport(clone, writeExport(clone, EXPORT))

    expect(result).toEqual({ changed: false, description: expect.stringMatching(/matches/) })
    expect(branchesOf(remote.bare)).toEqual(['main'])
    expect(api.requests.filter((request) => request.method !== 'GET')).toEqual([])
  })

  it('opens one when the library changed', async () => {
    api.reset()
    remoteHolding(crlf(EXPORT))
    const clone = cloneForAction(remote, { config: WINDOWS })

    const result = await proposeExport(clone, writeExport(clone, CHANGED))

    expect(result.changed).toBe(true)
    expect(remoteFile(remote.bare, 'altium-library/update', CSV)).toBe(CHANGED)
  })
})
