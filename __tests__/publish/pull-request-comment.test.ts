/**
 * What reviewers see: the pull-request body and the sticky comment, rendered from plain reports,
 * and the comment's create-or-update against the loopback stand-in of GitHub's REST API.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startGitHubRestApi, type GitHubRestStandIn } from '../../local-github/rest-api.js'
import { Logger } from '../../src/logger.js'
import { Deadline } from '../../src/api/deadline.js'
import { LINKABLE_VALUES, linkableText } from '../helpers/markdown-links.js'
import { GitHubApi } from '../../src/publish/github-api.js'
import { MAX_BODY_CHARACTERS, pullRequestBodyFor } from '../../src/publish/pull-request-body.js'
import {
  commentMarker,
  commentOnPullRequest,
  renderChangeComment,
  renderCommentSummary,
  upsertComment,
  type CommentRequest
} from '../../src/publish/pull-request-comment.js'
import { exportReport, shownKeys, tenThousandChanges } from '../helpers/change-reports.js'
import { inputReader } from '../helpers/input-reader.js'

const TOKEN = 'ghs_commentTestToken0123456789abcdef'
const FILES = { csv: 'library_components.csv', reportFile: 'library_components.report.json' }
const MARKER = '<!-- altium-library-export csv="library_components.csv" -->'

const BEFORE = [
  ['R-0001', 'RES 10K 1% 0603', 'RC0603FR-0710KL'],
  ['R-0002', 'RES 1K 1% 0603', 'RC0603FR-071KL'],
  ['C-0001', 'CAP 100N 0402', 'GRM155R71C104KA88D']
]
const AFTER = [
  ['R-0001', 'RES 10K 1% 0603', 'RC0603FR-0710KL'],
  ['R-0002', 'RES 1K 0.1% 0603 | "precision"', 'RT0603BRD071KL'],
  ['U-0001', 'MCU ARM M0+ @ 48 MHz', 'ATSAMD21G18A-AU']
]
const leftOutLine = (file: string) =>
  new RegExp(
    `_… ([\\d,]+) more changes left out \\(([^)]*)\\) to stay within GitHub's size limit; ` +
      `the JSON report \`${file.replace(/\./g, '\\.')}\`[^_]* lists every change\\._`
  )

describe('the pull-request body in pull-request mode', () => {
  it('carries the export summary and the changes field by field, before → after', () => {
    const body = pullRequestBodyFor(exportReport(BEFORE, AFTER), FILES.reportFile)
    expect(body).toMatch(/^## Altium library export\n/)
    expect(body).toContain('| Components | 3 |')
    expect(body).toContain('## Changes\n\n**1 added, 1 removed, 1 modified** since')
    expect(body).toContain('### Removed (1)\n\n| name | values |\n| --- | --- |\n| C-0001 |')
    expect(body).toContain(
      '| R-0002 | description | RES 1K 1% 0603 | RES 1K 0.1% 0603 \\| "precision" |\n' +
        '|  | mpn-1 | RC0603FR-071KL | RT0603BRD071KL |'
    )
    // `@` before a space mentions no one, so it stays as it is.
    expect(body).toContain('| U-0001 | description: MCU ARM M0+ @ 48 MHz;')
    expect(body).not.toContain('R-0001')
    expect(body).not.toMatch(/left out/)
  })

  it('references no issue, mentions no one and links nothing from component values', () => {
    const before = LINKABLE_VALUES.map((value, i) => [`X-${i}`, 'old', 'MPN'])
    const after = LINKABLE_VALUES.map((value, i) => [`X-${i}`, value, `@maintainers #${i + 1}`])
    const report = exportReport(before, [...after, ['GH-9', '#3', 'www.x.example']])
    const body = pullRequestBodyFor(report, FILES.reportFile)
    const comment = renderChangeComment(report, FILES)
    for (const markdown of [body, comment]) {
      expect(linkableText(markdown)).toEqual([])
      // The values are all there, readable once the invisible joiners are taken out.
      const visible = markdown.replace(/\u2060/g, '').replace(/\\(.)/g, '$1')
      for (const value of LINKABLE_VALUES) expect(visible).toContain(value.replace(/^.* /, ''))
    }
    // The check itself sees the forms in raw text.
    expect(linkableText(LINKABLE_VALUES.join(' '))).toHaveLength(LINKABLE_VALUES.length)
  })

  it('is the same for the same export and baseline: no times in it', () => {
    const first = pullRequestBodyFor(exportReport(BEFORE, AFTER), FILES.reportFile)
    expect(pullRequestBodyFor(exportReport(BEFORE, AFTER), FILES.reportFile)).toBe(first)
    expect(first).not.toMatch(/\d{4}-\d\d-\d\d|\d\d:\d\d|seconds|Time taken/)
  })

  it('stays within 65,536 characters for 10,000 changed components and says how much was left out', () => {
    const report = tenThousandChanges()
    const body = pullRequestBodyFor(report, FILES.reportFile)
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARACTERS)
    expect(body.length).toBeGreaterThan(MAX_BODY_CHARACTERS - 2000)
    expect(body).toContain('| Components | 7000 |')
    expect(body).toContain('**3,000 added, 3,000 removed, 4,000 modified**')
    const shown = shownKeys(body)
    expect(shown).toBeGreaterThan(100)
    const match = leftOutLine(FILES.reportFile).exec(body)
    expect(match?.[0]).toContain('in this pull request lists every change')
    expect(Number(match?.[1].replace(/,/g, ''))).toBe(10000 - shown)
    expect(match?.[2]).toBe(
      `${(3000 - shown).toLocaleString('en-US')} removed, 4,000 modified, 3,000 added`
    )
    expect(body.endsWith('</sub>\n')).toBe(true)
    // The report itself is never cut.
    expect(report.changes?.added).toHaveLength(3000)
    expect(report.changes?.modified).toHaveLength(4000)
  })
})

describe('the pull-request comment', () => {
  it('starts with a hidden marker that names the CSV, so two exports keep a comment each', () => {
    const comment = renderChangeComment(exportReport(BEFORE, AFTER), FILES)
    expect(comment.split('\n')[0]).toBe(MARKER)
    expect(commentMarker('boards/a/lib.csv')).not.toBe(commentMarker('boards/b/lib.csv'))
    // Nothing in a path can end the HTML comment or the attribute early.
    const odd = commentMarker('lib --> "x" <y>.csv')
    expect(odd).toBe('<!-- altium-library-export csv="lib%20--%3E%20%22x%22%20%3Cy%3E.csv" -->')
  })

  it('says what changed, field by field, then a footer, the same on every render', () => {
    const comment = renderChangeComment(exportReport(BEFORE, AFTER), FILES)
    expect(comment).toContain('## Altium library changes: `library_components.csv`\n\n')
    expect(comment).toContain('**1 added, 1 removed, 1 modified** since')
    expect(comment).toContain('|  | mpn-1 | RC0603FR-071KL | RT0603BRD071KL |')
    expect(comment).toContain('### Added (1)')
    expect(comment).not.toContain('Library audit')
    expect(comment).toMatch(/\n---\n<sub>.*updates this comment in place\.<\/sub>\n$/)
    expect(renderChangeComment(exportReport(BEFORE, AFTER), FILES)).toBe(comment)
  })

  it("adds the audit's counts when there was an audit", () => {
    const audit = {
      scope: 'all' as const,
      audited: 3,
      rules: [{ rule: 'require-datasheet', severity: 'warning' as const }],
      counts: { errors: 1, warnings: 2 },
      findings: []
    }
    expect(renderChangeComment(exportReport(BEFORE, AFTER, audit), FILES)).toContain(
      '**Library audit**: 1 error and 2 warnings in 3 components; the job summary and ' +
        '`library_components.report.json` list every finding.'
    )
  })

  it('says when nothing changed, and when this is a first export', () => {
    expect(renderChangeComment(exportReport(BEFORE, BEFORE), FILES)).toContain(
      '**No component changed** since `library_components.csv` as it was before this export'
    )
    const first = renderChangeComment(exportReport(undefined, AFTER), FILES)
    expect(first).toContain('**First export**')
    expect(first).not.toContain('### Added')
  })

  it('stays within 65,536 characters for 10,000 changed components and says how much was left out', () => {
    const comment = renderChangeComment(tenThousandChanges(), FILES)
    expect(comment.length).toBeLessThanOrEqual(MAX_BODY_CHARACTERS)
    expect(comment.length).toBeGreaterThan(MAX_BODY_CHARACTERS - 2000)
    expect(comment.startsWith(`${MARKER}\n`)).toBe(true)
    const shown = shownKeys(comment)
    const match = leftOutLine(FILES.reportFile).exec(comment)
    expect(Number(match?.[1].replace(/,/g, ''))).toBe(10000 - shown)
    expect(comment.endsWith('</sub>\n')).toBe(true)
  })
})

describe('the comment, created once and then updated in place', () => {
  let api: GitHubRestStandIn
  let github: GitHubApi
  const logger = new Logger()

  beforeAll(async () => {
    api = await startGitHubRestApi({ token: TOKEN })
    github = await GitHubApi.connect({
      token: TOKEN,
      apiUrl: api.url,
      repository: 'acme/hardware',
      logger,
      deadline: new Deadline(60_000)
    })
  })
  afterAll(() => api.close())
  beforeEach(() => {
    api.reset()
    api.setFaults({})
  })

  const request = (body: string, changed = true): CommentRequest => ({
    pullRequest: 7,
    marker: MARKER,
    body: `${MARKER}\n${body}`,
    changed,
    author: 'github-actions[bot]'
  })
  const calls = () =>
    api.requests.map((r) => {
      const query = new URLSearchParams(r.query).toString()
      return `${r.method} ${r.path}${query ? `?${query}` : ''}`
    })

  it('creates the comment on the first run and updates the same one on the next', async () => {
    const first = await upsertComment(github, request('3 changes'), logger)
    expect(first.action).toBe('created')
    const [comment] = api.comments
    expect(first.url).toBe(`https://github.com/acme/hardware/issues/7#issuecomment-${comment.id}`)

    const second = await upsertComment(github, request('4 changes'), logger)
    expect(second).toEqual({ action: 'updated', url: first.url })
    expect(api.comments).toEqual([{ ...comment, body: `${MARKER}\n4 changes` }])
    expect(calls()).toEqual([
      'GET /repos/acme/hardware/issues/7/comments?per_page=100',
      'POST /repos/acme/hardware/issues/7/comments',
      'GET /repos/acme/hardware/issues/7/comments?per_page=100',
      `PATCH /repos/acme/hardware/issues/comments/${comment.id}`
    ])
    for (const r of api.requests) expect(r.authorization).toBe(`token ${TOKEN}`)
  })

  it('finds its comment on the second page of a long conversation', async () => {
    for (let n = 0; n < 100; n++) api.addComment(7, `review remark ${n}`)
    const ours = api.addComment(7, `${MARKER}\nold changes`, 'github-actions[bot]')
    const result = await upsertComment(github, request('new changes'), logger)
    expect(result.action).toBe('updated')
    expect(calls()).toEqual([
      'GET /repos/acme/hardware/issues/7/comments?per_page=100',
      'GET /repos/acme/hardware/issues/7/comments?per_page=100&page=2',
      `PATCH /repos/acme/hardware/issues/comments/${ours}`
    ])
    expect(api.comments.filter((c) => c.body.startsWith(MARKER))).toHaveLength(1)
  })

  it('updates only a comment its own identity wrote; one with the marker by anyone else stays', async () => {
    const theirs = api.addComment(7, `${MARKER}\nforged by a collaborator`, 'mallory')
    const ours = api.addComment(7, `${MARKER}\nold changes`, 'GitHub-Actions[bot]')
    const result = await upsertComment(github, request('new changes'), logger)
    expect(result.action).toBe('updated')
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
      `/repos/acme/hardware/issues/comments/${ours}`
    ])
    expect(api.comments.find((c) => c.id === theirs)?.body).toBe(
      `${MARKER}\nforged by a collaborator`
    )
    // For another identity, the bot's comment is somebody else's.
    api.requests.length = 0
    const other = await upsertComment(
      github,
      { ...request('newer changes'), author: 'library-bot' },
      logger
    )
    expect(other.action).toBe('created')
    expect(api.requests.filter((r) => r.method === 'PATCH')).toEqual([])
  })

  it('asks GitHub who the token is, and hears nothing from a token that may not ask', async () => {
    expect(await github.tokenLogin()).toBeUndefined()
    api.setTokenLogin('library-bot')
    expect(await github.tokenLogin()).toBe('library-bot')
    expect(calls()).toEqual(['GET /user', 'GET /user'])
  })

  it("leaves other people's comments alone, even when they look alike", async () => {
    const lookalikes = [
      '## Altium library changes: `library_components.csv`\n\nWhy did R-0002 change?',
      `> ${MARKER}\n> quoted from the bot`,
      '<!-- altium-library-export csv="other/library.csv" -->\nthe other export'
    ]
    for (const body of lookalikes) api.addComment(7, body)
    const before = structuredClone(api.comments)
    const result = await upsertComment(github, request('changes'), logger)
    expect(result.action).toBe('created')
    expect(api.comments.slice(0, 3)).toEqual(before)
    expect(api.requests.filter((r) => r.method === 'PATCH')).toEqual([])
  })

  it('does not edit a comment that already says the same', async () => {
    await upsertComment(github, request('same'), logger)
    api.requests.length = 0
    const again = await upsertComment(github, request('same'), logger)
    expect(again.action).toBe('unchanged')
    expect(api.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('posts no comment only to say nothing changed, but updates one that told of changes', async () => {
    const quiet = await upsertComment(github, request('No component changed', false), logger)
    expect(quiet).toEqual({ action: 'not-needed' })
    expect(api.comments).toEqual([])

    await upsertComment(github, request('2 changes'), logger)
    const after = await upsertComment(github, request('No component changed', false), logger)
    expect(after.action).toBe('updated')
    expect(api.comments.map((c) => c.body)).toEqual([`${MARKER}\nNo component changed`])
  })

  it('names the permission when GitHub refuses the comment (403)', async () => {
    api.setFaults({ readOnly: true })
    await expect(upsertComment(github, request('changes'), logger)).rejects.toThrow(
      'GitHub refused to comment on #7 in acme/hardware (403 Resource not accessible by ' +
        'integration). Give the job `permissions: pull-requests: write` (or `issues: write`); ' +
        'pull requests from forks always get a read-only token.'
    )
  })

  describe('as a stage of the run', () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'comment-stage-'))
    const event = path.join(workspace, 'event.json')
    writeFileSync(event, JSON.stringify({ action: 'synchronize', pull_request: { number: 7 } }))
    const { read } = inputReader(
      {
        'workspace-url': 'https://acme.365.altium.com',
        'access-token': 'tok-123',
        publish: 'none',
        'comment-on-pr': 'true',
        'github-token': TOKEN
      },
      { GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'acme/hardware' }
    )
    const onPullRequest = () =>
      read(
        {},
        { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_API_URL: api.url }
      )

    it('comments and says so for the job summary', async () => {
      const result = await commentOnPullRequest(
        exportReport(BEFORE, AFTER),
        FILES,
        onPullRequest(),
        logger,
        new Deadline(60_000)
      )
      expect(api.comments).toHaveLength(1)
      expect(api.comments[0].body).toBe(renderChangeComment(exportReport(BEFORE, AFTER), FILES))
      expect(renderCommentSummary(result)).toBe(
        '\n### Pull request comment\n\nPosted [the change comment]' +
          `(https://github.com/acme/hardware/issues/7#issuecomment-${api.comments[0].id}) on pull request #7.\n`
      )
    })

    it('hands a refusal back as the failure to end the step with, instead of throwing', async () => {
      api.setFaults({ readOnly: true })
      const result = await commentOnPullRequest(
        exportReport(BEFORE, AFTER),
        FILES,
        onPullRequest(),
        logger,
        new Deadline(60_000)
      )
      expect(result.failure).toMatch(
        /^GitHub refused to comment on #7 .*`permissions: pull-requests: write`/
      )
      expect(renderCommentSummary(result)).toBe('')
    })

    it('makes no request on other events', async () => {
      const inputs = read({}, { GITHUB_EVENT_NAME: 'push', GITHUB_API_URL: api.url })
      expect(
        await commentOnPullRequest(
          exportReport(BEFORE, AFTER),
          FILES,
          inputs,
          logger,
          new Deadline(60_000)
        )
      ).toEqual({})
      expect(api.requests).toEqual([])
    })
  })
})
