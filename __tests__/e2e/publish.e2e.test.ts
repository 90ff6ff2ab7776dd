/**
 * End to end: the built dist/index.js, run as the runner runs it, exports from the local Altium
 * stand-in and publishes into real git repositories — over file paths, and over smart HTTP with
 * the token checked as GitHub checks it — and to the REST stand-in for pull requests.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { startGitHubRestApi, type GitHubRestStandIn } from '../../local-github/rest-api.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import { startGitHttpServer, type GitHttpServer } from '../helpers/git-http-server.js'
import {
  actionGitEnv,
  branchesOf,
  cloneForAction,
  createRemote,
  GH006_HOOK,
  git,
  historyOf,
  installPreReceiveHook,
  pushFromElsewhere,
  remoteFile,
  type Remote
} from '../helpers/git-repos.js'
import { findLeaks } from '../helpers/secrets.js'
import { standInInputs, standInSecrets } from '../helpers/stand-in-inputs.js'

jest.setTimeout(180_000)

const TOKEN = 'ghs_e2eWriteToken7f3a9c0d1e2b4a5968'
const READ_ONLY_TOKEN = 'ghs_e2eReadOnlyToken0a1b2c3d4e5f6071'
const STALE_TOKEN = 'ghs_e2eStalePersistedToken99887766'
/** What actions/checkout persisted in the test that relies on it; it lives in .git/config there. */
const PERSISTED_TOKEN = 'ghs_e2ePersistedCheckoutToken5544332211'
const CSV = 'library_components.csv'
const REPORT = 'library_components.report.json'
const BOT = 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>'
const basic = (token: string) => Buffer.from(`x-access-token:${token}`).toString('base64')

let altium: StandIn
let rest: GitHubRestStandIn
let http: GitHttpServer
let remote: Remote

beforeAll(async () => {
  altium = await startStandIn({ seed: 11, componentCount: 150, maxPageSize: 100 })
  rest = await startGitHubRestApi({
    token: TOKEN,
    hasBranch: (branch) => branchesOf(remote.bare).includes(branch)
  })
})
afterAll(async () => {
  await altium.close()
  await rest.close()
  await http?.close()
})
beforeEach(() => {
  altium.resetStats()
  rest.reset()
  rest.setFaults({})
  remote = createRemote({ [CSV]: 'name\nan earlier export\n' })
})

/** Runs the built action in `clone`; every run is scanned for the tokens and Altium secrets. */
async function exportAndPublish(
  clone: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<ActionRun> {
  const run = await runAction(
    {
      ...standInInputs(altium),
      ...inputs
    },
    {
      workspace: clone,
      env: { ...actionGitEnv(), RUNNER_DEBUG: '1', ...env },
      timeoutMs: 150_000
    }
  )
  const secrets = [
    TOKEN,
    READ_ONLY_TOKEN,
    basic(TOKEN),
    basic(READ_ONLY_TOKEN),
    ...standInSecrets(altium)
  ]
  expect(findLeaks(run, secrets)).toEqual([])
  // Git commands are logged at debug level; none of them carries a credential.
  const gitLines = run.stdout.split('\n').filter((line) => /^::debug::git /.test(line))
  for (const line of gitLines) {
    for (const secret of secrets) expect(line).not.toContain(secret)
    expect(line).not.toMatch(/extraheader|AUTHORIZATION/i)
  }
  return run
}

function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
}

function errorLine(run: ActionRun): string {
  return run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? ''
}

describe('publish: commit, end to end', () => {
  it('commits the export, then makes no commit when the library is unchanged', async () => {
    const clone = cloneForAction(remote)
    const first = await exportAndPublish(clone, { publish: 'commit', 'github-token': TOKEN })
    expectSuccess(first)

    const [commit] = historyOf(remote.bare)
    expect(first.outputs).toMatchObject({ changed: 'true', 'commit-sha': commit.sha })
    expect(commit).toMatchObject({ author: BOT, committer: BOT })
    expect(commit.files.sort()).toEqual([CSV, REPORT])
    expect(remoteFile(remote.bare, 'main', CSV)).toBe(readFileSync(path.join(clone, CSV), 'utf8'))
    expect(first.summary).toContain(
      `### Published\n\nCommitted ${commit.sha.slice(0, 7)} to \`main\`.`
    )

    const second = await exportAndPublish(clone, { publish: 'commit', 'github-token': TOKEN })
    expectSuccess(second)
    expect(second.outputs.changed).toBe('false')
    expect(second.outputs['commit-sha']).toBeUndefined()
    expect(historyOf(remote.bare)[0].sha).toBe(commit.sha)
  })

  it('rebases onto a commit pushed in between and uses commit-author and commit-message', async () => {
    const clone = cloneForAction(remote)
    const theirs = pushFromElsewhere(remote, { 'board/power.sch': 'v2\n' }, 'Rework power stage')
    const run = await exportAndPublish(clone, {
      publish: 'commit',
      'commit-author': 'Library Bot <library-bot@example.com>',
      'commit-message': 'Nightly library snapshot [skip ci]'
    })
    expectSuccess(run)
    const [ours] = historyOf(remote.bare)
    expect(ours).toMatchObject({
      parents: [theirs],
      author: 'Library Bot <library-bot@example.com>',
      subject: 'Nightly library snapshot [skip ci]'
    })
    expect(run.outputs['commit-sha']).toBe(ours.sha)
    expect(run.stdout).toContain(
      'rejected because the branch moved; fetching it and rebasing (retry 1 of 3)'
    )
  })

  it("pushes a detached checkout to the pull request's branch (GITHUB_HEAD_REF)", async () => {
    pushFromElsewhere(remote, { 'board/power.sch': 'v3\n' }, 'Feature work', 'feature/regulator')
    const clone = cloneForAction(remote, { branch: 'feature/regulator', detached: true })
    const run = await exportAndPublish(
      clone,
      { publish: 'commit' },
      { GITHUB_HEAD_REF: 'feature/regulator' }
    )
    expectSuccess(run)
    expect(historyOf(remote.bare, 'feature/regulator')[0].sha).toBe(run.outputs['commit-sha'])
    expect(remoteFile(remote.bare, 'main', CSV)).toBe('name\nan earlier export\n')
  })

  it('fails on a detached HEAD with no branch known, telling to set branch', async () => {
    const clone = cloneForAction(remote, { detached: true })
    const run = await exportAndPublish(clone, { publish: 'commit' })
    expect(run.exitCode).toBe(1)
    expect(errorLine(run)).toMatch(/HEAD is detached.*Set 'branch'/)
  })

  it('explains a protected branch (GH006) and leaves the remote alone', async () => {
    const clone = cloneForAction(remote)
    installPreReceiveHook(remote.bare, GH006_HOOK)
    const before = historyOf(remote.bare)
    const run = await exportAndPublish(clone, { publish: 'commit', 'github-token': TOKEN })
    expect(run.exitCode).toBe(1)
    expect(errorLine(run)).toMatch(
      /push to branch 'main' was refused by branch protection or a ruleset.*`publish: pull-request`.*`permissions: contents: write`.*GH006/
    )
    expect(historyOf(remote.bare)).toEqual(before)
  })
})

describe('publish: commit over HTTP with github-token', () => {
  let url: string

  beforeEach(async () => {
    await http?.close()
    http = await startGitHttpServer({
      root: path.dirname(remote.bare),
      writeTokens: [TOKEN, PERSISTED_TOKEN],
      readTokens: [READ_ONLY_TOKEN]
    })
    url = http.urlOf(remote.bare)
  })

  /** The runner's GITHUB_SERVER_URL is the git server's: the one host the token may go to. */
  const exportOverHttp = (clone: string, inputs: Record<string, string>) =>
    exportAndPublish(clone, inputs, { GITHUB_SERVER_URL: new URL(url).origin })

  /** The action's clone with an http origin, as actions/checkout leaves it. */
  function httpClone(persistedToken?: string): string {
    const clone = cloneForAction(remote)
    git(clone, ['remote', 'set-url', 'origin', url])
    if (persistedToken) {
      const origin = new URL(url).origin
      git(clone, [
        'config',
        `http.${origin}/.extraheader`,
        `AUTHORIZATION: basic ${basic(persistedToken)}`
      ])
    }
    return clone
  }

  it('fetches and pushes with the token as a header, never stored in .git/config', async () => {
    const clone = httpClone()
    // Someone pushes first, so the action also has to fetch and rebase over HTTP.
    const theirs = pushFromElsewhere(remote, { 'board/power.sch': 'v2\n' }, 'Rework power stage')
    const run = await exportOverHttp(clone, { publish: 'commit', 'github-token': TOKEN })
    expectSuccess(run)
    const [ours] = historyOf(remote.bare)
    expect(ours).toMatchObject({ sha: run.outputs['commit-sha'], parents: [theirs] })
    const pushes = http.requests.filter((r) => r.service === 'receive-pack')
    expect(pushes.length).toBeGreaterThan(0)
    expect(http.requests.some((r) => r.service === 'upload-pack')).toBe(true)
    for (const request of http.requests) {
      expect(request.authorizations).toEqual([`basic ${basic(TOKEN)}`])
    }
    expect(run.stdout).toContain('::debug::git push origin HEAD:refs/heads/main\n')
    expect(run.stdout).toContain('::debug::git fetch --no-tags --quiet origin')
    const config = readFileSync(path.join(clone, '.git', 'config'), 'utf8')
    expect(config).not.toMatch(/extraheader/i)
    expect(config).not.toContain(basic(TOKEN))
  })

  it('replaces a credential persisted by actions/checkout, sending one Authorization header', async () => {
    const clone = httpClone(STALE_TOKEN)
    const run = await exportOverHttp(clone, { publish: 'commit', 'github-token': TOKEN })
    expectSuccess(run)
    const pushes = http.requests.filter((r) => r.service === 'receive-pack')
    expect(pushes.map((r) => r.authorizations)).toEqual(pushes.map(() => [`basic ${basic(TOKEN)}`]))
  })

  it('uses the persisted credential when github-token is empty', async () => {
    const clone = httpClone(PERSISTED_TOKEN)
    const run = await exportOverHttp(clone, { publish: 'commit' })
    expectSuccess(run)
    expect(historyOf(remote.bare)[0].sha).toBe(run.outputs['commit-sha'])
  })

  it('says to sign in when there is no credential at all', async () => {
    const clone = httpClone()
    const run = await exportOverHttp(clone, { publish: 'commit' })
    expect(run.exitCode).toBe(1)
    expect(errorLine(run)).toMatch(/Git could not sign in to the remote to push branch 'main'/)
  })

  it('explains a read-only token (403): contents: write, forks, and the pull-request mode', async () => {
    const clone = httpClone()
    const before = historyOf(remote.bare)
    const run = await exportOverHttp(clone, {
      publish: 'commit',
      'github-token': READ_ONLY_TOKEN
    })
    expect(run.exitCode).toBe(1)
    const error = errorLine(run)
    expect(error).toMatch(/The token may not push to branch 'main' \(HTTP 403, read-only\)/)
    expect(error).toContain('`permissions: contents: write`')
    expect(error).toContain('`publish: pull-request`')
    expect(error).toContain('Permission to acme/hardware.git denied to github-actions[bot]')
    expect(historyOf(remote.bare)).toEqual(before)
  })
})

describe('publish: pull-request, end to end', () => {
  const env = () => ({ GITHUB_REPOSITORY: 'acme/hardware', GITHUB_API_URL: rest.url })
  const inputs = {
    publish: 'pull-request',
    'github-token': TOKEN,
    'pr-labels': 'library\nautomated'
  }

  it('opens a pull request, updates it on the next run, and opens none once the base holds the export', async () => {
    const clone = cloneForAction(remote)
    const first = await exportAndPublish(clone, inputs, env())
    expectSuccess(first)
    const [commit] = historyOf(remote.bare, 'altium-library/update')
    expect(first.outputs).toMatchObject({
      changed: 'true',
      'commit-sha': commit.sha,
      'pull-request-number': '1',
      'pull-request-url': 'https://github.com/acme/hardware/pull/1'
    })
    expect(remoteFile(remote.bare, 'altium-library/update', CSV)).toBe(
      readFileSync(path.join(clone, CSV), 'utf8')
    )
    const create = rest.requests.find((r) => r.method === 'POST' && r.path.endsWith('/pulls'))
    expect(create?.authorization).toBe(`token ${TOKEN}`)
    expect(create?.body).toMatchObject({
      head: 'altium-library/update',
      base: 'main',
      title: 'Update Altium library export'
    })
    const body = (create?.body as { body: string }).body
    expect(body).toContain('## Altium library export')
    expect(body).toContain('| Components | 150 |')
    expect(rest.pulls[0].labels).toEqual(['library', 'automated'])
    expect(first.summary).toContain('[#1](https://github.com/acme/hardware/pull/1)')

    // A fresh checkout of main, as the next scheduled run has: the same baseline, the same files.
    git(clone, ['checkout', '--quiet', '--', '.'])
    rest.requests.length = 0
    const second = await exportAndPublish(clone, inputs, env())
    expectSuccess(second)
    expect(second.outputs['commit-sha']).toBe(commit.sha)
    expect(rest.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'PATCH', 'POST'])
    expect(rest.pulls).toHaveLength(1)

    // The pull request is merged; the next export matches main.
    git(remote.seed, ['fetch', '--quiet', 'origin'])
    git(remote.seed, ['push', '--quiet', 'origin', 'origin/altium-library/update:refs/heads/main'])
    rest.requests.length = 0
    const third = await exportAndPublish(clone, inputs, env())
    expectSuccess(third)
    expect(third.outputs.changed).toBe('false')
    expect(third.outputs['pull-request-number']).toBeUndefined()
    expect(rest.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/hardware'])
  })

  it('names the setting when Actions may not create pull requests', async () => {
    rest.setFaults({ createPull: 'not-permitted' })
    const clone = cloneForAction(remote)
    const run = await exportAndPublish(clone, inputs, env())
    expect(run.exitCode).toBe(1)
    expect(errorLine(run)).toMatch(
      /"Allow GitHub Actions to create and approve pull requests".*`permissions: pull-requests: write`/
    )
  })

  it('refuses an empty github-token before any request', async () => {
    const clone = cloneForAction(remote)
    const run = await exportAndPublish(clone, { ...inputs, 'github-token': '' }, env())
    expect(run.exitCode).toBe(1)
    expect(errorLine(run)).toMatch(/Input 'github-token' is empty/)
    expect(altium.stats.tokenRequests).toBe(0)
    expect(rest.requests).toEqual([])
  })
})

it('leaves the repository alone with publish: none', async () => {
  const clone = cloneForAction(remote)
  const before = historyOf(remote.bare)
  const run = await exportAndPublish(clone, { publish: 'none', 'github-token': TOKEN })
  expectSuccess(run)
  // The change report still compares with the file in the checkout.
  expect(run.outputs.changed).toBe('true')
  expect(historyOf(remote.bare)).toEqual(before)
  expect(git(clone, ['status', '--porcelain']).split('\n').filter(Boolean).sort()).toEqual([
    ` M ${CSV}`,
    `?? ${REPORT}`
  ])
})
