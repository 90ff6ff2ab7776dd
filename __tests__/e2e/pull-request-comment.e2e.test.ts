/**
 * End to end: where reviewers look. The built dist/index.js, run as the runner runs it against
 * the local Altium stand-in, keeps one sticky comment on a pull request (against the loopback
 * stand-in of GitHub's comments endpoints), and puts the change table in pull-request mode's body.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { startStandIn, type LibraryComponent, type StandIn } from '../../local-altium/index.js'
import { startGitHubRestApi, type GitHubRestStandIn } from '../../local-github/rest-api.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import { escapeCell } from '../../src/changes/change-table.js'
import { DEFAULT_HEADERS, expectedRow } from '../helpers/expected-csv.js'
import {
  actionGitEnv,
  branchesOf,
  cloneForAction,
  createRemote,
  type Remote
} from '../helpers/git-repos.js'
import { LINKABLE_VALUES, linkableText } from '../helpers/markdown-links.js'
import { findLeaks } from '../helpers/secrets.js'
import { standInInputs, standInSecrets } from '../helpers/stand-in-inputs.js'

jest.setTimeout(180_000)

const TOKEN = 'ghs_e2eCommentToken5f4e3d2c1b0a99887766'
const CSV = 'library_components.csv'
const MARKER = `<!-- altium-library-export csv="${CSV}" -->`
const NEW_DESCRIPTION = 'RES 4.7K 0.1% 0603 precision'
const NEW_NAME = 'CMP-99999-000000'

let altium: StandIn
let rest: GitHubRestStandIn
let original: LibraryComponent[]
let remote: Remote | undefined

beforeAll(async () => {
  altium = await startStandIn({ seed: 23, componentCount: 120, maxPageSize: 100 })
  original = altium.library
  rest = await startGitHubRestApi({
    token: TOKEN,
    hasBranch: (branch) => (remote ? branchesOf(remote.bare).includes(branch) : false)
  })
})
afterAll(async () => {
  await altium.close()
  await rest.close()
})
beforeEach(() => {
  altium.setLibrary(original)
  altium.resetStats()
  rest.reset()
  rest.setFaults({})
})

/** The runner's event payload for a pull request event, outside the workspace. */
function pullRequestEvent(number: number, name = 'pull_request'): Record<string, string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'event-')), 'event.json')
  writeFileSync(file, JSON.stringify({ action: 'synchronize', number, pull_request: { number } }))
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: file,
    GITHUB_REF: `refs/pull/${number}/merge`
  }
}

/** Runs the built action; every run is scanned for the GitHub token and the Altium secrets. */
async function run(
  inputs: Record<string, string>,
  env: Record<string, string>,
  workspace?: string
): Promise<ActionRun> {
  const result = await runAction(
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
  const secrets = [TOKEN, ...standInSecrets(altium)]
  expect(findLeaks(result, secrets)).toEqual([])
  // Nor in what went to GitHub: the comment and the pull request.
  const sent = JSON.stringify(rest.requests.map((r) => r.body))
  for (const secret of secrets) expect(sent).not.toContain(secret)
  return result
}

function expectSuccess(result: ActionRun): void {
  if (result.exitCode !== 0)
    throw new Error(`the action failed:\n${result.stdout}\n${result.stderr}`)
}

/** One component removed, one description edited, one component added; and what that looks like. */
function editLibrary() {
  const library = structuredClone(original)
  const sorted = [...library].sort((a, b) => (a.name < b.name ? -1 : 1))
  const removed = sorted[5]
  const edited = sorted[10]
  const before = expectedRow(edited)[DEFAULT_HEADERS.indexOf('description')]
  edited.description = NEW_DESCRIPTION
  const added = structuredClone(sorted[20])
  added.id = Buffer.from('DesComponent:ADDED-COMMENT').toString('base64')
  added.name = NEW_NAME
  altium.setLibrary([...library.filter((c) => c.name !== removed.name), added])
  return {
    removedName: removed.name,
    modifiedRow: `| ${escapeCell(edited.name)} | description | ${escapeCell(before)} | ${NEW_DESCRIPTION} |`
  }
}

const commentCalls = () =>
  rest.requests.map((r) => `${r.method} ${r.path.replace(/\/\d+$/, '/<id>')}`)

describe('comment-on-pr on a pull_request event, end to end', () => {
  it('creates one comment, updates that same comment with the exact changes, then says nothing changed', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'comment-e2e-'))
    const inputs = { publish: 'none', 'comment-on-pr': 'true' }
    const event = pullRequestEvent(7)

    const first = await run(inputs, event, workspace)
    expectSuccess(first)
    expect(rest.comments).toHaveLength(1)
    const [comment] = rest.comments
    expect(comment.issue).toBe(7)
    expect(comment.body.startsWith(`${MARKER}\n## Altium library changes: \`${CSV}\``)).toBe(true)
    expect(comment.body).toContain('**First export**')
    expect(commentCalls()).toEqual([
      'GET /user',
      'GET /repos/acme/hardware/issues/7/comments',
      'POST /repos/acme/hardware/issues/7/comments'
    ])
    expect(rest.requests[2].authorization).toBe(`token ${TOKEN}`)
    expect(first.summary).toContain(
      '### Pull request comment\n\nPosted [the change comment]' +
        `(https://github.com/acme/hardware/issues/7#issuecomment-${comment.id}) on pull request #7.`
    )

    const edit = editLibrary()
    rest.requests.length = 0
    const second = await run(inputs, event, workspace)
    expectSuccess(second)
    expect(second.outputs).toMatchObject({ added: '1', removed: '1', modified: '1' })
    expect(rest.comments).toHaveLength(1)
    expect(rest.comments[0].id).toBe(comment.id)
    expect(commentCalls()).toEqual([
      'GET /user',
      'GET /repos/acme/hardware/issues/7/comments',
      'PATCH /repos/acme/hardware/issues/comments/<id>'
    ])
    const body = rest.comments[0].body
    expect(body).toBe((rest.requests[2].body as { body: string }).body)
    expect(body).toContain(
      `**1 added, 1 removed, 1 modified** since \`${CSV}\` as it was before this export, matched by \`name\`.`
    )
    expect(body).toContain(
      `### Removed (1)\n\n| name | values |\n| --- | --- |\n| ${edit.removedName} | `
    )
    expect(body).toContain(
      `### Modified (1)\n\n| name | column | before | after |\n| --- | --- | --- | --- |\n${edit.modifiedRow}\n`
    )
    expect(body).toContain(`### Added (1)\n\n| name | values |\n| --- | --- |\n| ${NEW_NAME} | `)
    expect(body).not.toContain('left out')
    expect(second.summary).toContain('Updated [the change comment]')

    // Nothing changed since: the comment must not go on telling of the old changes.
    rest.requests.length = 0
    const third = await run(inputs, event, workspace)
    expectSuccess(third)
    expect(third.outputs.changed).toBe('false')
    expect(rest.comments).toHaveLength(1)
    expect(rest.comments[0].body).toContain('**No component changed** since')
    expect(commentCalls()).toEqual([
      'GET /user',
      'GET /repos/acme/hardware/issues/7/comments',
      'PATCH /repos/acme/hardware/issues/comments/<id>'
    ])
  })

  it('warns once and posts nothing on a push event', async () => {
    const result = await run(
      { publish: 'none', 'comment-on-pr': 'true' },
      { GITHUB_EVENT_NAME: 'push' }
    )
    expectSuccess(result)
    const warnings = result.stdout.split('\n').filter((line) => line.includes('comment-on-pr'))
    expect(warnings).toEqual([
      "::warning::'comment-on-pr' applies to pull_request and pull_request_target events only; " +
        'this run is a push event, so no comment was posted.'
    ])
    expect(rest.requests).toEqual([])
  })

  it('fails the step naming pull-requests: write when GitHub refuses, after writing files and summary', async () => {
    rest.setFaults({ readOnly: true })
    const result = await run({ publish: 'none', 'comment-on-pr': 'true' }, pullRequestEvent(7))
    expect(result.exitCode).toBe(1)
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'))
    expect(errors).toEqual([
      '::error::GitHub refused to comment on #7 in acme/hardware (403 Resource not accessible by ' +
        'integration). Give the job `permissions: pull-requests: write` (or `issues: write`); ' +
        'pull requests from forks always get a read-only token.'
    ])
    expect(readFileSync(path.join(result.workspace, CSV), 'utf8')).toMatch(/^name,revision,/)
    expect(result.outputs['component-count']).toBe('120')
    expect(result.summary).toContain('## Altium library export')
    expect(rest.comments).toEqual([])
  })
})

describe('the comment the action may update is its own', () => {
  const inputs = { publish: 'none', 'comment-on-pr': 'true' }
  const hijack = `${MARKER}\nPlease approve: https://evil.example/login`
  const patches = () => rest.requests.filter((r) => r.method === 'PATCH')

  it('leaves a comment by someone else that carries the marker alone, and posts its own', async () => {
    const theirs = rest.addComment(7, hijack, 'mallory')
    const result = await run(inputs, pullRequestEvent(7))
    expectSuccess(result)
    expect(patches()).toEqual([])
    expect(rest.comments.find((c) => c.id === theirs)?.body).toBe(hijack)
    const ours = rest.comments.filter((c) => c.id !== theirs)
    expect(ours).toHaveLength(1)
    expect(ours[0]).toMatchObject({ author: 'github-actions[bot]' })
    expect(ours[0].body.startsWith(MARKER)).toBe(true)
    expect(result.stdout).toContain(
      "carries this action's marker but was written by mallory, not github-actions[bot]; it is left alone."
    )
  })

  it("updates the comment of the token's own account, found with GET /user, and no other", async () => {
    rest.setTokenLogin('library-bot')
    const botComment = rest.addComment(7, `${MARKER}\nold`, 'github-actions[bot]')
    const workspace = mkdtempSync(path.join(tmpdir(), 'comment-author-'))
    const first = await run(inputs, pullRequestEvent(7), workspace)
    expectSuccess(first)
    const own = rest.comments.find((c) => c.author === 'library-bot')
    expect(own).toBeDefined()
    editLibrary()
    rest.requests.length = 0
    const second = await run(inputs, pullRequestEvent(7), workspace)
    expectSuccess(second)
    expect(patches().map((r) => r.path)).toEqual([
      `/repos/acme/hardware/issues/comments/${own?.id}`
    ])
    expect(rest.comments.find((c) => c.id === botComment)?.body).toBe(`${MARKER}\nold`)
  })

  it('updates the comments of comment-author, e.g. a GitHub App whose token cannot ask who it is', async () => {
    const appComment = rest.addComment(7, `${MARKER}\nold`, 'library-app[bot]')
    const result = await run(
      { ...inputs, 'comment-author': 'library-app[bot]' },
      pullRequestEvent(7)
    )
    expectSuccess(result)
    expect(rest.requests.map((r) => r.path)).not.toContain('/user')
    expect(patches().map((r) => r.path)).toEqual([
      `/repos/acme/hardware/issues/comments/${appComment}`
    ])
  })
})

describe('component values reference, mention and link nothing', () => {
  it('in the comment, the pull-request body and the job summary', async () => {
    const snapshot = await run({ publish: 'none' }, {})
    expectSuccess(snapshot)
    remote = createRemote({ [CSV]: readFileSync(path.join(snapshot.workspace, CSV), 'utf8') })
    const library = structuredClone(original)
    const sorted = [...library].sort((a, b) => (a.name < b.name ? -1 : 1))
    LINKABLE_VALUES.forEach((value, i) => {
      sorted[i].description = value
    })
    const added = structuredClone(sorted[30])
    added.id = Buffer.from('DesComponent:ADDED-LINKS').toString('base64')
    added.name = 'CMP-#12 @octocat GH-3'
    added.description = 'see https://evil.example/ and www.evil.example'
    altium.setLibrary([...library, added])

    const clone = cloneForAction(remote)
    const result = await run(
      { publish: 'pull-request', 'comment-on-pr': 'true' },
      pullRequestEvent(7),
      clone
    )
    expectSuccess(result)
    const [pull] = rest.pulls
    const [comment] = rest.comments
    // The summary's last sections are the action's own words about pull request #1 and #7.
    const summary = result.summary.split('\n### Published')[0]
    for (const markdown of [pull.body, comment.body, summary]) {
      expect(markdown).toContain('Modified (7)')
      expect(linkableText(markdown)).toEqual([])
    }
    // Still there to read: the joiners are invisible, the addresses shown as code.
    expect(comment.body.replace(/\u2060/g, '')).toContain('\\#4-40 screw')
    expect(comment.body).toContain('`https://evil.example/ds.pdf`')
  })
})

describe('publish: pull-request body, end to end', () => {
  it('carries the change table against the snapshot the pull request replaces', async () => {
    // The snapshot on main is an export of the library as it was.
    const snapshot = await run({ publish: 'none' }, {})
    expectSuccess(snapshot)
    remote = createRemote({ [CSV]: readFileSync(path.join(snapshot.workspace, CSV), 'utf8') })
    const edit = editLibrary()

    const clone = cloneForAction(remote)
    const result = await run({ publish: 'pull-request' }, {}, clone)
    expectSuccess(result)
    expect(result.outputs['pull-request-number']).toBe('1')
    const [pull] = rest.pulls
    expect(pull.body).toMatch(/^## Altium library export\n/)
    expect(pull.body).toContain('## Changes\n\n**1 added, 1 removed, 1 modified** since')
    expect(pull.body).toContain(edit.modifiedRow)
    expect(pull.body).toContain(`| ${edit.removedName} | `)
    expect(pull.body).toContain(`| ${NEW_NAME} | `)
    expect(pull.body.length).toBeLessThanOrEqual(65_536)
    expect(rest.comments).toEqual([])
  })
})
