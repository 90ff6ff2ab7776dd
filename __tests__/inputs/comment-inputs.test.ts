/** `comment-on-pr`: its values, the pull request it finds in the event, and refusals up front. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { inputReader } from '../helpers/input-reader.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'comment-inputs-'))

function eventFile(name: string, payload: object): string {
  const file = path.join(workspace, name)
  writeFileSync(file, JSON.stringify(payload))
  return file
}

const { read, errorOf } = inputReader(
  {
    'workspace-url': 'https://acme.365.altium.com',
    'access-token': 'tok-123',
    publish: 'none',
    'github-token': 'ghs_x'
  },
  {
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/hardware',
    GITHUB_API_URL: 'https://api.github.com'
  }
)

const pullRequestEvent = (number: number) => ({
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: eventFile(`pr-${number}.json`, { number, pull_request: { number } }),
  GITHUB_REF: `refs/pull/${number}/merge`
})

describe('comment-on-pr', () => {
  it('is off by default, on any event', () => {
    expect(read({}, pullRequestEvent(12)).commentOnPr).toEqual({
      enabled: false,
      event: 'pull_request'
    })
  })

  it.each(['true', 'True', 'TRUE'])('accepts %s', (value) => {
    expect(read({ 'comment-on-pr': value }, pullRequestEvent(12)).commentOnPr).toEqual({
      enabled: true,
      event: 'pull_request',
      pullRequest: 12
    })
  })

  it('refuses other words, naming the input and what it accepts', () => {
    expect(errorOf({ 'comment-on-pr': 'yes' })).toBe(
      `Input 'comment-on-pr': "yes" is not accepted. Accepted: true, false.`
    )
  })

  it('reads the pull request of a pull_request_target event from its payload', () => {
    const inputs = read(
      { 'comment-on-pr': 'true' },
      {
        GITHUB_EVENT_NAME: 'pull_request_target',
        GITHUB_EVENT_PATH: eventFile('target.json', { pull_request: { number: 31 } })
      }
    )
    expect(inputs.commentOnPr.pullRequest).toBe(31)
  })

  it('falls back to GITHUB_REF when there is no payload', () => {
    const inputs = read(
      { 'comment-on-pr': 'true' },
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/44/merge' }
    )
    expect(inputs.commentOnPr.pullRequest).toBe(44)
  })

  it('needs no pull request on other events: the run warns and skips the comment', () => {
    const inputs = read(
      { 'comment-on-pr': 'true', 'github-token': '' },
      { GITHUB_EVENT_NAME: 'push' }
    )
    expect(inputs.commentOnPr).toEqual({ enabled: true, event: 'push' })
  })

  it('refuses a pull request event that names no pull request', () => {
    expect(
      errorOf(
        { 'comment-on-pr': 'true' },
        { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile('empty.json', {}) }
      )
    ).toMatch(
      /^Input 'comment-on-pr' is true on a pull_request event, but neither the event payload/
    )
  })

  it('refuses an empty github-token before any request, naming the permission', () => {
    expect(errorOf({ 'comment-on-pr': 'true', 'github-token': '' }, pullRequestEvent(12))).toBe(
      "Input 'github-token' is empty, and `comment-on-pr: true` needs it for the GitHub API. " +
        'Leave it at its default (${{ github.token }}) or give a token with `pull-requests: write`.'
    )
  })

  it('refuses an API address that is not https, so the token never travels in clear', () => {
    expect(
      errorOf(
        { 'comment-on-pr': 'true' },
        { ...pullRequestEvent(12), GITHUB_API_URL: 'http://api.example.com' }
      )
    ).toMatch(/^GITHUB_API_URL "http:\/\/api.example.com" is not an https address/)
  })
})
