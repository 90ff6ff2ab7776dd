/**
 * End to end: setups that cannot publish, or answers GitHub gives under load, run through the
 * built dist/index.js. What can be checked before the export is checked before the first request
 * to Altium (the stand-in counts none); the git credential goes to GITHUB_SERVER_URL's host only;
 * the two files are checked together; the REST client retries 5xx answers and rate limits within
 * `deadline-minutes`.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
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
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import {
  primaryRateLimit,
  secondaryRateLimit,
  startGitHubRestApi,
  type GitHubRestStandIn
} from '../../local-github/rest-api.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import { startGitHttpServer, type GitHttpServer } from '../helpers/git-http-server.js'
import {
  actionGitEnv,
  branchesOf,
  cloneForAction,
  createRemote,
  git,
  historyOf,
  type Remote
} from '../helpers/git-repos.js'
import { findLeaks } from '../helpers/secrets.js'
import { standInInputs, standInSecrets } from '../helpers/stand-in-inputs.js'

jest.setTimeout(180_000)

const TOKEN = 'ghs_e2eSetupToken4d5e6f7a8b9c0d1e2f'
const CSV = 'library_components.csv'
const basic = (token: string) => Buffer.from(`x-access-token:${token}`).toString('base64')

let altium: StandIn
let rest: GitHubRestStandIn
let remote: Remote

beforeAll(async () => {
  altium = await startStandIn({ seed: 31, componentCount: 60, maxPageSize: 100 })
  rest = await startGitHubRestApi({
    token: TOKEN,
    hasBranch: (branch) => branchesOf(remote.bare).includes(branch)
  })
})
afterAll(async () => {
  await altium.close()
  await rest.close()
})
beforeEach(() => {
  altium.resetStats()
  rest.reset()
  rest.setFaults({})
  remote = createRemote({ [CSV]: 'name\nan earlier export\n' })
})

async function exportIn(
  workspace: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<ActionRun> {
  const run = await runAction(
    { ...standInInputs(altium), 'github-token': TOKEN, ...inputs },
    {
      workspace,
      env: {
        ...actionGitEnv(),
        GITHUB_REPOSITORY: 'acme/hardware',
        GITHUB_API_URL: rest.url,
        ...env
      },
      timeoutMs: 150_000
    }
  )
  expect(findLeaks(run, [TOKEN, basic(TOKEN), ...standInSecrets(altium)])).toEqual([])
  return run
}

function errorLine(run: ActionRun): string {
  return run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
}

function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
}

/** The run failed before it asked Altium for anything. */
function expectRefusedBeforeExport(run: ActionRun, message: RegExp): void {
  expect(run.exitCode).toBe(1)
  expect(errorLine(run)).toMatch(message)
  expect(altium.stats.tokenRequests).toBe(0)
  expect(altium.stats.graphqlRequests).toBe(0)
}

describe('github-token goes to the GitHub server only', () => {
  let http: GitHttpServer

  beforeEach(async () => {
    http = await startGitHttpServer({ root: path.dirname(remote.bare), writeTokens: [TOKEN] })
  })
  afterEach(() => http.close())

  it('refuses, before the export, to push to an origin on another host than GITHUB_SERVER_URL', async () => {
    const clone = cloneForAction(remote)
    const url = http.urlOf(remote.bare)
    git(clone, ['remote', 'set-url', 'origin', url])
    const before = historyOf(remote.bare)
    // GITHUB_SERVER_URL is github.com (the runner's default); origin is another host.
    const run = await exportIn(clone, { publish: 'commit' })
    expectRefusedBeforeExport(
      run,
      new RegExp(
        `the remote 'origin' is on ${new URL(url).origin.replace(/\./g, '\\.')}, but ` +
          "'github-token' is only ever sent to the GitHub server https://github\\.com"
      )
    )
    expect(http.requests).toEqual([])
    expect(historyOf(remote.bare)).toEqual(before)
  })

  it('sends the token to that host when GITHUB_SERVER_URL names it', async () => {
    const clone = cloneForAction(remote)
    const url = http.urlOf(remote.bare)
    git(clone, ['remote', 'set-url', 'origin', url])
    const run = await exportIn(
      clone,
      { publish: 'commit' },
      { GITHUB_SERVER_URL: new URL(url).origin }
    )
    expectSuccess(run)
    expect(http.requests.length).toBeGreaterThan(0)
    for (const request of http.requests) {
      expect(request.authorizations).toEqual([`basic ${basic(TOKEN)}`])
    }
  })
})

describe('the files are checked before the export', () => {
  it('refuses a report path that is a folder, and leaves the CSV as it was', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'report-folder-'))
    writeFileSync(path.join(workspace, CSV), 'name\nthe previous export\n')
    mkdirSync(path.join(workspace, 'library_components.report.json'))
    const run = await exportIn(workspace, { publish: 'none' })
    expectRefusedBeforeExport(
      run,
      /Input 'path': the JSON report beside the CSV \(library_components\.report\.json\) is a folder/
    )
    expect(readFileSync(path.join(workspace, CSV), 'utf8')).toBe('name\nthe previous export\n')
  })

  it.each(['.git/config', 'hardware/.Git/library.csv'])(
    'refuses path: %s, inside a .git folder',
    async (file) => {
      const clone = cloneForAction(remote)
      const config = readFileSync(path.join(clone, '.git', 'config'), 'utf8')
      const run = await exportIn(clone, { publish: 'none', path: file })
      expectRefusedBeforeExport(run, /Input 'path': ".*" is inside a \.git folder/)
      expect(readFileSync(path.join(clone, '.git', 'config'), 'utf8')).toBe(config)
    }
  )

  it('refuses a baseline inside .git', async () => {
    const clone = cloneForAction(remote)
    const run = await exportIn(clone, { publish: 'none', baseline: '.git/ORIG_HEAD' })
    expectRefusedBeforeExport(run, /Input 'baseline': "\.git\/ORIG_HEAD" is inside a \.git folder/)
  })

  it('refuses a path through a symbolic link to a folder that does not exist', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'dangling-'))
    symlinkSync(path.join(workspace, 'not-made-yet'), path.join(workspace, 'exports'))
    const run = await exportIn(workspace, { publish: 'none', path: 'exports/library.csv' })
    expectRefusedBeforeExport(
      run,
      /Input 'path': "exports\/library\.csv" goes through .*exports, a symbolic link to .*not-made-yet, which does not exist/
    )
  })
})

describe('the publish setup is checked before the export', () => {
  it('refuses publish: commit without a checkout', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'no-checkout-'))
    const run = await exportIn(workspace, { publish: 'commit' })
    expectRefusedBeforeExport(
      run,
      /`publish: commit` needs a git checkout, but .* is not inside one/
    )
  })

  it('refuses publish: commit on a detached HEAD with no branch to push to', async () => {
    const clone = cloneForAction(remote, { detached: true })
    const run = await exportIn(clone, { publish: 'commit' })
    expectRefusedBeforeExport(run, /HEAD is detached.*Set 'branch'/)
  })

  it('refuses pr-branch equal to pr-base', async () => {
    const clone = cloneForAction(remote)
    const run = await exportIn(clone, {
      publish: 'pull-request',
      'pr-branch': 'main',
      'pr-base': 'main'
    })
    expectRefusedBeforeExport(run, /Inputs 'pr-branch' and 'pr-base' both name 'main'/)
    expect(rest.requests).toEqual([])
  })

  it('asks GitHub for the default branch first, and refuses a pr-branch that is it', async () => {
    const clone = cloneForAction(remote)
    const run = await exportIn(clone, { publish: 'pull-request', 'pr-branch': 'main' })
    expectRefusedBeforeExport(run, /Inputs 'pr-branch' and 'pr-base' both name 'main'/)
    expect(rest.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/hardware'])
    expect(branchesOf(remote.bare)).toEqual(['main'])
  })
})

describe('GitHub REST calls are retried within deadline-minutes', () => {
  const pullRequest = { publish: 'pull-request' }
  const repositoryReads = () =>
    rest.requests.filter((r) => r.method === 'GET' && r.path === '/repos/acme/hardware').length

  it('tries again after a 502', async () => {
    rest.setFaults({ answers: [{ status: 502, body: { message: 'Server Error' } }] })
    const run = await exportIn(cloneForAction(remote), pullRequest)
    expectSuccess(run)
    expect(run.outputs['pull-request-number']).toBe('1')
    expect(repositoryReads()).toBe(2)
    expect(run.stdout).toContain(
      'GitHub answered 502 to GET /repos/{owner}/{repo}; trying again in 1 s (retry 1 of 3).'
    )
  })

  it('waits out a secondary rate limit (403 with retry-after), then goes on', async () => {
    rest.setFaults({ answers: [secondaryRateLimit(1)] })
    const run = await exportIn(cloneForAction(remote), pullRequest)
    expectSuccess(run)
    expect(repositoryReads()).toBe(2)
    expect(run.stdout).toContain(
      "GitHub's secondary rate limit held back GET /repos/{owner}/{repo}; trying again in 1 s " +
        '(retry 1 of 3).'
    )
  })

  it('waits out a used-up rate limit until x-ratelimit-reset, then goes on', async () => {
    rest.setFaults({ answers: [primaryRateLimit(new Date(Date.now() + 1000))] })
    const run = await exportIn(cloneForAction(remote), pullRequest)
    expectSuccess(run)
    expect(repositoryReads()).toBe(2)
    expect(run.stdout).toMatch(/GitHub's rate limit held back GET \/repos\/\{owner\}\/\{repo\}/)
  })

  it('gives up after 3 retries of a rate limit, saying so', async () => {
    rest.setFaults({ always: secondaryRateLimit(1) })
    const run = await exportIn(cloneForAction(remote), pullRequest)
    expectRefusedBeforeExport(
      run,
      /GitHub's rate limit stopped the action when trying to read the repository in acme\/hardware \(403 You have exceeded a secondary rate limit.*\)\. It was tried 4 times\. Run the job again later/
    )
    expect(repositoryReads()).toBe(4)
  })

  it('waits no retry past deadline-minutes', async () => {
    rest.setFaults({ always: { status: 502, body: { message: 'Server Error' } } })
    const started = Date.now()
    const run = await exportIn(cloneForAction(remote), {
      ...pullRequest,
      'deadline-minutes': '0.1'
    })
    expectRefusedBeforeExport(
      run,
      /GitHub failed to read the repository in acme\/hardware \(502 Server Error\)\. It was tried [23] times; the next wait would have run past `deadline-minutes`\./
    )
    // 6 s allowed: waits of 1 and 4 s fit, the next of 9 s does not.
    expect(Date.now() - started).toBeLessThan(9_000)
  })
})
