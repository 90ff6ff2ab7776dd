/** The publishing inputs: defaults, masking and refusals, before any request. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { readInputs } from '../../src/inputs/inputs.js'
import { inputReader } from '../helpers/input-reader.js'
import { BOT_IDENTITY } from '../../src/git/commit-identity.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'publish-inputs-'))

const { env, errorOf } = inputReader(
  { 'workspace-url': 'https://acme.365.altium.com', 'access-token': 'tok-123', publish: 'none' },
  { GITHUB_WORKSPACE: workspace }
)

const PULL_REQUEST_CONTEXT = {
  GITHUB_REPOSITORY: 'acme/hardware',
  GITHUB_API_URL: 'https://api.github.com'
}

describe('publishing inputs', () => {
  it('defaults to the bot, the default message and the altium-library/update branch', () => {
    const inputs = readInputs(env({ publish: 'commit' }), () => {})
    expect(inputs).toMatchObject({
      publish: 'commit',
      githubToken: '',
      commitMessage: 'chore(library): update Altium library export',
      branch: '',
      commitAuthor: BOT_IDENTITY,
      pullRequest: {
        branch: 'altium-library/update',
        base: '',
        title: 'Update Altium library export',
        labels: []
      }
    })
    expect(inputs.runner).toMatchObject({ apiUrl: 'https://api.github.com', headRef: '' })
  })

  it('masks github-token the moment it is read', () => {
    const masked: string[] = []
    readInputs(env({ 'github-token': 'ghs_secret_value' }), (value) => masked.push(value))
    expect(masked).toContain('ghs_secret_value')
  })

  it('reads the author, the branches, multiline labels and the runner context', () => {
    const inputs = readInputs(
      env(
        {
          publish: 'pull-request',
          'github-token': 'ghs_x',
          'commit-author': 'Library Bot <library-bot@example.com>',
          branch: 'refs/heads/library-snapshots',
          'pr-branch': 'library/nightly',
          'pr-base': 'develop',
          'pr-title': 'Nightly library',
          'pr-labels': 'library\n\n  automated \nlibrary\n'
        },
        { ...PULL_REQUEST_CONTEXT, GITHUB_HEAD_REF: 'feature/x' }
      ),
      () => {}
    )
    expect(inputs.commitAuthor).toEqual({ name: 'Library Bot', email: 'library-bot@example.com' })
    expect(inputs.branch).toBe('library-snapshots')
    expect(inputs.pullRequest).toEqual({
      branch: 'library/nightly',
      base: 'develop',
      title: 'Nightly library',
      labels: ['library', 'automated']
    })
    expect(inputs.runner).toMatchObject({ repository: 'acme/hardware', headRef: 'feature/x' })
  })

  it.each([
    [{ publish: 'github' }, {}, /'publish'.*Accepted: artifact, commit, pull-request, none\./],
    [{ 'commit-author': 'library-bot@example.com' }, {}, /'commit-author'.*`Name <email>`/],
    [{ branch: 'two words' }, {}, /'branch'.*not a branch name/],
    [{ 'pr-branch': 'a..b' }, {}, /'pr-branch'.*not a branch name/],
    [{ 'pr-base': '-main' }, {}, /'pr-base'.*not a branch name/],
    [{ publish: 'pull-request' }, PULL_REQUEST_CONTEXT, /Input 'github-token' is empty/],
    [{ publish: 'pull-request', 'github-token': 't' }, {}, /needs GITHUB_REPOSITORY/],
    [
      { publish: 'pull-request', 'github-token': 't' },
      { ...PULL_REQUEST_CONTEXT, GITHUB_API_URL: 'http://api.example.com' },
      /GITHUB_API_URL .* is not an https address/
    ]
  ])('refuses %j (context %j) with a message naming what to fix', (inputs, extra, message) => {
    expect(errorOf(inputs, extra)).toMatch(message)
  })

  it('does not echo the token in any refusal', () => {
    const message = errorOf({ publish: 'pull-request', 'github-token': 'ghs_do_not_echo' })
    expect(message).not.toContain('ghs_do_not_echo')
  })
})
