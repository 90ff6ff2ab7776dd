/**
 * `publish: pull-request` against a real bare remote and the loopback stand-in of GitHub's REST API:
 * what lands on `pr-branch`, and each request's method, path, auth header and body.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startGitHubRestApi, type GitHubRestStandIn } from '../../local-github/rest-api.js'
import { Logger } from '../../src/logger.js'
import { BOT_IDENTITY } from '../../src/git/commit-identity.js'
import { Git } from '../../src/git/git.js'
import { Deadline } from '../../src/api/deadline.js'
import { GitHubApi } from '../../src/publish/github-api.js'
import { publishPullRequest, type PullRequestRequest } from '../../src/publish/pull-request.js'
import { PublishError, type BranchPublishResult } from '../../src/publish/publish-result.js'
import {
  branchesOf,
  cloneForAction,
  createRemote,
  git,
  gitEnv,
  historyOf,
  pushFromElsewhere,
  remoteFile,
  type Remote
} from '../helpers/git-repos.js'

const TOKEN = 'ghs_pullRequestTestToken0123456789'
const CSV = 'library_components.csv'
const REPORT = 'library_components.report.json'
const OLD_CSV = 'name,revision\nR-0001,1\n'
const BOT = `${BOT_IDENTITY.name} <${BOT_IDENTITY.email}>`
const PR_BRANCH = 'altium-library/update'

let api: GitHubRestStandIn
let remote: Remote

beforeAll(async () => {
  api = await startGitHubRestApi({
    token: TOKEN,
    hasBranch: (branch) => branchesOf(remote.bare).includes(branch)
  })
})
afterAll(() => api.close())
beforeEach(() => {
  api.reset()
  api.setFaults({})
  remote = createRemote({ [CSV]: OLD_CSV, [REPORT]: '{"components":1}\n' })
})

function writeExport(clone: string, csv: string): string[] {
  const files = [path.join(clone, CSV), path.join(clone, REPORT)]
  writeFileSync(files[0], csv)
  writeFileSync(files[1], `{"components":${csv.trim().split('\n').length - 1}}\n`)
  return files
}

async function propose(
  clone: string,
  files: string[],
  overrides: Partial<PullRequestRequest['pullRequest']> = {},
  body = 'The export summary'
): Promise<BranchPublishResult> {
  const logger = new Logger()
  logger.addSecret(TOKEN)
  const git = new Git({
    cwd: clone,
    env: gitEnv(),
    logger,
    token: TOKEN,
    serverUrl: 'https://github.com'
  })
  const connect = () =>
    GitHubApi.connect({
      token: TOKEN,
      apiUrl: api.url,
      repository: 'acme/hardware',
      logger,
      deadline: new Deadline(60_000)
    })
  return publishPullRequest(
    git,
    connect,
    {
      files,
      message: 'chore(library): update Altium library export',
      identity: BOT_IDENTITY,
      pullRequest: {
        branch: PR_BRANCH,
        base: '',
        title: 'Update Altium library export',
        labels: [],
        ...overrides
      },
      body
    },
    logger
  )
}

/** The requests as `METHOD path`, with the query for the pull request search. */
function calls(): string[] {
  return api.requests.map((r) => {
    const query = new URLSearchParams(r.query).toString()
    return `${r.method} ${r.path}${query ? `?${query}` : ''}`
  })
}

describe('publish: pull-request', () => {
  it('pushes one commit on top of the default branch and opens a labelled pull request', async () => {
    const clone = cloneForAction(remote)
    const headBefore = git(clone, ['rev-parse', 'HEAD']).trim()
    const csv = 'name,revision\nR-0001,2\nR-0002,1\n'

    const result = await propose(clone, writeExport(clone, csv), {
      labels: ['library', 'automated']
    })

    const [commit] = historyOf(remote.bare, PR_BRANCH)
    const main = historyOf(remote.bare, 'main')[0].sha
    expect(commit).toMatchObject({ parents: [main], author: BOT, committer: BOT })
    expect(commit.files.sort()).toEqual([CSV, REPORT])
    expect(remoteFile(remote.bare, PR_BRANCH, CSV)).toBe(csv)
    expect(remoteFile(remote.bare, PR_BRANCH, 'README.md')).toBe('# Hardware\n')
    expect(result).toEqual({
      changed: true,
      commitSha: commit.sha,
      pullRequest: { number: 1, url: 'https://github.com/acme/hardware/pull/1' },
      description: expect.stringContaining('[#1](https://github.com/acme/hardware/pull/1)')
    })

    expect(calls()).toEqual([
      'GET /repos/acme/hardware',
      `GET /repos/acme/hardware/pulls?head=acme%3A${encodeURIComponent(PR_BRANCH)}&base=main&state=open&per_page=10`,
      'POST /repos/acme/hardware/pulls',
      'POST /repos/acme/hardware/issues/1/labels'
    ])
    for (const request of api.requests) expect(request.authorization).toBe(`token ${TOKEN}`)
    expect(api.requests[2].body).toEqual({
      head: PR_BRANCH,
      base: 'main',
      title: 'Update Altium library export',
      body: 'The export summary'
    })
    expect(api.requests[3].body).toEqual({ labels: ['library', 'automated'] })
    expect(api.pulls[0]).toMatchObject({ state: 'open', labels: ['library', 'automated'] })

    // The checkout the workflow continues with is untouched.
    expect(git(clone, ['rev-parse', 'HEAD']).trim()).toBe(headBefore)
    expect(git(clone, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe('main')
    expect(git(clone, ['diff', '--cached', '--name-only']).trim()).toBe('')
  })

  it('force-updates the branch and updates the open pull request on the next change', async () => {
    const clone = cloneForAction(remote)
    await propose(clone, writeExport(clone, 'name,revision\nR-0001,2\n'))
    const first = historyOf(remote.bare, PR_BRANCH)[0].sha
    api.requests.length = 0

    const csv = 'name,revision\nR-0001,3\n'
    const result = await propose(
      clone,
      writeExport(clone, csv),
      { title: 'Library update' },
      'New body'
    )

    const history = historyOf(remote.bare, PR_BRANCH)
    expect(history.map((c) => c.sha)).not.toContain(first)
    expect(history[0].parents).toEqual([historyOf(remote.bare, 'main')[0].sha])
    expect(remoteFile(remote.bare, PR_BRANCH, CSV)).toBe(csv)
    expect(calls()).toEqual([
      'GET /repos/acme/hardware',
      expect.stringMatching(/^GET \/repos\/acme\/hardware\/pulls\?/),
      'PATCH /repos/acme/hardware/pulls/1'
    ])
    expect(api.requests[2].body).toEqual({ title: 'Library update', body: 'New body' })
    expect(api.requests[2].authorization).toBe(`token ${TOKEN}`)
    expect(api.pulls).toHaveLength(1)
    expect(result.pullRequest).toEqual({
      number: 1,
      url: 'https://github.com/acme/hardware/pull/1'
    })
  })

  it('does not rewrite the branch when it already holds the same export on the same base', async () => {
    const clone = cloneForAction(remote)
    const csv = 'name,revision\nR-0001,2\n'
    const first = await propose(clone, writeExport(clone, csv))
    const second = await propose(clone, writeExport(clone, csv))
    expect(second.commitSha).toBe(first.commitSha)
    expect(historyOf(remote.bare, PR_BRANCH)[0].sha).toBe(first.commitSha)
    expect(calls().filter((c) => c.startsWith('PATCH'))).toEqual([
      'PATCH /repos/acme/hardware/pulls/1'
    ])
  })

  it('rebuilds the branch on the new tip when the base moved', async () => {
    const clone = cloneForAction(remote)
    const csv = 'name,revision\nR-0001,2\n'
    await propose(clone, writeExport(clone, csv))
    const moved = pushFromElsewhere(remote, { 'board/power.sch': 'v2\n' }, 'Rework power stage')

    const result = await propose(clone, writeExport(clone, csv))

    const [commit] = historyOf(remote.bare, PR_BRANCH)
    expect(commit.parents).toEqual([moved])
    expect(result.commitSha).toBe(commit.sha)
    expect(remoteFile(remote.bare, PR_BRANCH, 'board/power.sch')).toBe('v2\n')
  })

  it('opens nothing and leaves an open pull request alone when the export matches the base', async () => {
    const clone = cloneForAction(remote)
    await propose(clone, writeExport(clone, 'name,revision\nR-0001,2\n'))
    const branchTip = historyOf(remote.bare, PR_BRANCH)[0].sha
    const pullBefore = { ...api.pulls[0] }
    api.requests.length = 0

    const files = writeExport(clone, OLD_CSV)
    writeFileSync(files[1], '{"components":1}\n')
    const result = await propose(clone, files, {}, 'A body that must not be sent')

    expect(result).toEqual({ changed: false, description: expect.stringMatching(/matches `main`/) })
    expect(calls()).toEqual(['GET /repos/acme/hardware'])
    expect(api.pulls[0]).toEqual(pullBefore)
    expect(historyOf(remote.bare, PR_BRANCH)[0].sha).toBe(branchTip)
  })

  it('uses pr-base as given, without asking for the default branch', async () => {
    pushFromElsewhere(remote, { 'board/power.sch': 'rev B\n' }, 'Rev B', 'release/rev-b')
    const clone = cloneForAction(remote)
    const result = await propose(clone, writeExport(clone, 'name,revision\nR-0009,1\n'), {
      base: 'release/rev-b',
      branch: 'altium-library/rev-b'
    })
    expect(calls()[0]).toMatch(
      /^GET \/repos\/acme\/hardware\/pulls\?head=acme%3Aaltium-library%2Frev-b&base=release%2Frev-b/
    )
    expect(api.requests[1].body).toMatchObject({
      head: 'altium-library/rev-b',
      base: 'release/rev-b'
    })
    expect(historyOf(remote.bare, 'altium-library/rev-b')[0].parents).toEqual([
      historyOf(remote.bare, 'release/rev-b')[0].sha
    ])
    expect(result.changed).toBe(true)
  })

  it('names the repository setting when GitHub Actions may not create pull requests', async () => {
    api.setFaults({ createPull: 'not-permitted' })
    const clone = cloneForAction(remote)
    const error = await propose(clone, writeExport(clone, 'name,revision\nR-0001,2\n')).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(PublishError)
    const message = (error as Error).message
    expect(message).toContain('GitHub Actions is not permitted to create or approve pull requests')
    expect(message).toContain('"Allow GitHub Actions to create and approve pull requests"')
    expect(message).toContain('`permissions: pull-requests: write`')
    expect(message).not.toContain(TOKEN)
  })

  it("passes GitHub's own words on for a 422", async () => {
    api.setFaults({ createPull: 'validation' })
    const clone = cloneForAction(remote)
    const error = await propose(clone, writeExport(clone, 'name,revision\nR-0001,2\n')).catch(
      (e: unknown) => e as Error
    )
    expect((error as Error).message).toMatch(
      /GitHub refused to create the pull request in acme\/hardware \(422 Validation Failed: No commits between main and altium-library\/update\)/
    )
  })

  it('says which permission is missing when every write is refused', async () => {
    api.setFaults({ readOnly: true })
    const clone = cloneForAction(remote)
    const error = await propose(clone, writeExport(clone, 'name,revision\nR-0001,2\n')).catch(
      (e: unknown) => e as Error
    )
    expect((error as Error).message).toMatch(
      /403 Resource not accessible by integration.*`permissions: contents: write` and `pull-requests: write`/
    )
  })

  it('refuses a base branch that does not exist, before pushing anything', async () => {
    const clone = cloneForAction(remote)
    const error = await propose(clone, writeExport(clone, 'name\nR\n'), { base: 'nope' }).catch(
      (e: unknown) => e as Error
    )
    expect((error as Error).message).toMatch(/base branch 'nope' does not exist.*pr-base/)
    expect(branchesOf(remote.bare)).toEqual(['main'])
  })
})

describe('the REST stand-in', () => {
  it('keeps one sticky comment per issue through list, create and update', async () => {
    const logger = new Logger()
    const github = await GitHubApi.connect({
      token: TOKEN,
      apiUrl: api.url,
      repository: 'acme/hardware',
      logger,
      deadline: new Deadline(60_000)
    })
    const any = () => true
    expect(await github.findComment(7, any)).toBeUndefined()
    const { id, url } = await github.createComment(7, 'first')
    expect(url).toBe(`https://github.com/acme/hardware/issues/7#issuecomment-${id}`)
    await github.updateComment(id, 'second')
    expect(await github.findComment(7, any)).toEqual({
      id,
      body: 'second',
      author: 'github-actions[bot]',
      url
    })
    expect(calls()).toEqual([
      'GET /repos/acme/hardware/issues/7/comments?per_page=100',
      'POST /repos/acme/hardware/issues/7/comments',
      `PATCH /repos/acme/hardware/issues/comments/${id}`,
      'GET /repos/acme/hardware/issues/7/comments?per_page=100'
    ])
    expect(api.requests[2].body).toEqual({ body: 'second' })
  })

  it('refuses a wrong token with 401, which the wrapper explains', async () => {
    const github = await GitHubApi.connect({
      token: 'wrong-token-value',
      apiUrl: api.url,
      repository: 'acme/hardware',
      logger: new Logger(),
      deadline: new Deadline(60_000)
    })
    await expect(github.defaultBranch()).rejects.toThrow(
      /did not accept the token in 'github-token' \(401 Bad credentials\)/
    )
  })
})
