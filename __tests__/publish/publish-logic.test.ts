/** The plain logic between the git and REST wrappers: no servers, no repositories. */
import { describe, expect, it } from '@jest/globals'
import { normaliseBranchName } from '../../src/publish/branch-name.js'
import { BOT_IDENTITY, formatIdentity, parseIdentity } from '../../src/git/commit-identity.js'
import { Deadline } from '../../src/api/deadline.js'
import { configEnvironment, remoteAuth, tokenMayGoTo } from '../../src/git/git-auth.js'
import { MAX_GITHUB_RETRIES, mayRetry, retriesOf } from '../../src/publish/github-retries.js'
import { checkRemoteHost } from '../../src/publish/preflight.js'
import { explainApiError } from '../../src/publish/github-errors.js'
import { MAX_BODY_CHARACTERS, pullRequestBody } from '../../src/publish/pull-request-body.js'
import { classifyPushFailure, gitSaid, pushFailureError } from '../../src/publish/push-rejection.js'

describe('reading why a push failed', () => {
  it.each([
    [
      'a non-fast-forward "fetch first"',
      'remote-moved',
      ' ! [rejected]        HEAD -> main (fetch first)\nerror: failed to push some refs to ' +
        "'https://github.com/acme/hardware'\nhint: Updates were rejected because the remote contains work"
    ],
    [
      'a plain non-fast-forward',
      'remote-moved',
      ' ! [rejected]        HEAD -> main (non-fast-forward)'
    ],
    [
      'a ref that moved during the push',
      'remote-moved',
      "remote: error: cannot lock ref 'refs/heads/main': is at 1a but expected 2b\n" +
        ' ! [remote rejected] HEAD -> main (failed to update ref)'
    ],
    [
      'GH006 branch protection',
      'protected',
      'remote: error: GH006: Protected branch update failed for refs/heads/main.\n' +
        'remote: error: Changes must be made through a pull request.\n' +
        ' ! [remote rejected] HEAD -> main (protected branch hook declined)'
    ],
    [
      'a GH013 ruleset',
      'protected',
      'remote: error: GH013: Repository rule violations found for refs/heads/main.\n' +
        'remote: - Commits must have verified signatures.\n' +
        ' ! [remote rejected] HEAD -> main (push declined due to repository rule violations)'
    ],
    [
      'a read-only token',
      'permission',
      'remote: Permission to acme/hardware.git denied to github-actions[bot].\n' +
        "fatal: unable to access 'https://github.com/acme/hardware/': The requested URL returned error: 403"
    ],
    [
      'no credential at all',
      'authentication',
      "fatal: could not read Username for 'https://github.com': terminal prompts disabled"
    ],
    ['a dropped connection', 'other', 'fatal: the remote end hung up unexpectedly']
  ])('reads %s as %s', (_case, kind, output) => {
    expect(classifyPushFailure(output)).toBe(kind)
  })

  it('quotes what the server and git said, not the progress lines', () => {
    const said = gitSaid(
      'To https://github.com/acme/hardware\nremote: error: GH006: Protected branch update failed ' +
        'for refs/heads/main.\n ! [remote rejected] HEAD -> main (protected branch hook declined)\n' +
        "error: failed to push some refs to 'https://github.com/acme/hardware'\n"
    )
    expect(said).toBe(
      'remote: error: GH006: Protected branch update failed for refs/heads/main. | ' +
        '! [remote rejected] HEAD -> main (protected branch hook declined) | ' +
        "error: failed to push some refs to 'https://github.com/acme/hardware'"
    )
  })

  it('names the branch, the permission and the alternative for a refusal retrying cannot fix', () => {
    const message = pushFailureError(
      'protected',
      'release/rev-b',
      'remote: error: GH006: Protected branch update failed for refs/heads/release/rev-b.',
      'Use `publish: pull-request` instead.'
    ).message
    expect(message).toMatch(/branch 'release\/rev-b' was refused by branch protection/)
    expect(message).toContain('`permissions: contents: write`')
    expect(message).toContain('Use `publish: pull-request` instead.')
  })
})

describe('the token header for git', () => {
  const token = 'ghs_unitTestToken1234'
  const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`

  const GITHUB = 'https://github.com'

  it("is scoped to the GitHub server's origin and first clears any persisted header", () => {
    expect(remoteAuth('https://github.com/acme/hardware.git', token, GITHUB)).toEqual({
      header,
      entries: [
        { key: 'http.https://github.com/.extraheader', value: '' },
        { key: 'http.https://github.com/.extraheader', value: header }
      ]
    })
    const server = 'https://ghe.example.com:8443'
    expect(
      remoteAuth('https://ghe.example.com:8443/acme/hardware', token, server)?.entries[0].key
    ).toBe('http.https://ghe.example.com:8443/.extraheader')
  })

  it('is never made for ssh, file or clear-text remotes, or without a token', () => {
    expect(remoteAuth('git@github.com:acme/hardware.git', token, GITHUB)).toBeUndefined()
    expect(remoteAuth('ssh://git@github.com/acme/hardware.git', token, GITHUB)).toBeUndefined()
    expect(remoteAuth('file:///srv/git/hardware.git', token, GITHUB)).toBeUndefined()
    expect(remoteAuth('/srv/git/hardware.git', token, GITHUB)).toBeUndefined()
    expect(remoteAuth('https://github.com/acme/hardware.git', '', GITHUB)).toBeUndefined()
    const loopback = 'http://127.0.0.1:8080'
    expect(remoteAuth('http://127.0.0.1:8080/acme/hardware.git', token, loopback)).toBeDefined()
    expect(
      remoteAuth('http://git.example.com/acme/hardware.git', token, 'http://git.example.com')
    ).toBeUndefined()
  })

  it('is never made for a remote on another host than the GitHub server', () => {
    expect(
      remoteAuth('https://gitlab.example.com/acme/hardware.git', token, GITHUB)
    ).toBeUndefined()
    expect(remoteAuth('https://github.com.evil.example/acme/x.git', token, GITHUB)).toBeUndefined()
    expect(remoteAuth('https://github.com:8443/acme/hardware.git', token, GITHUB)).toBeUndefined()
    expect(remoteAuth('http://github.com/acme/hardware.git', token, GITHUB)).toBeUndefined()
    expect(
      remoteAuth('https://github.com/acme/hardware.git', token, 'https://ghe.example.com')
    ).toBeUndefined()
    expect(tokenMayGoTo('https://GitHub.com:443/acme/hardware.git', GITHUB)).toBe(true)
  })

  it('goes into GIT_CONFIG_* variables after the ones the environment already has', () => {
    const entries = [
      { key: 'a.b', value: '' },
      { key: 'a.b', value: 'c' }
    ]
    expect(configEnvironment(entries, {})).toEqual({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'a.b',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'a.b',
      GIT_CONFIG_VALUE_1: 'c'
    })
    expect(configEnvironment(entries, { GIT_CONFIG_COUNT: '1' })).toMatchObject({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_1: 'a.b',
      GIT_CONFIG_KEY_2: 'a.b'
    })
  })
})

describe('commit identities and branch names', () => {
  it('reads `Name <email>` and refuses anything else', () => {
    expect(parseIdentity('Library Bot <library-bot@example.com>')).toEqual({
      name: 'Library Bot',
      email: 'library-bot@example.com'
    })
    expect(parseIdentity(formatIdentity(BOT_IDENTITY))).toEqual(BOT_IDENTITY)
    for (const bad of [
      'library-bot@example.com',
      'Bot <not-an-email>',
      '<a@b.c>',
      'A <a@b.c> x',
      'A\nB <a@b.c>'
    ]) {
      expect(parseIdentity(bad)).toBeUndefined()
    }
  })

  it('accepts branch names git accepts and strips refs/heads/', () => {
    expect(normaliseBranchName('altium-library/update')).toBe('altium-library/update')
    expect(normaliseBranchName('refs/heads/main')).toBe('main')
    for (const bad of [
      '',
      'two words',
      'a..b',
      '-x',
      'x/',
      'x.lock',
      'a/.b',
      'a~1',
      'a:b',
      'a@{1}',
      '@'
    ]) {
      expect(normaliseBranchName(bad)).toBeUndefined()
    }
  })
})

describe('the pull request body', () => {
  it('holds the sections in order, then a footer', () => {
    const body = pullRequestBody(['## One\n\ntext', '## Two'])
    expect(body).toMatch(/^## One\n\ntext\n\n## Two\n\n---\n<sub>/)
  })

  it("stays within GitHub's 65,536 characters and says how much was left out", () => {
    const row = '| R-0001 | revision | 1 | 2 |\n'
    const diff = `## Changes\n\n${row.repeat(5000)}`
    const body = pullRequestBody(['## Altium library export\n\nsummary', diff, '## Audit\n\nfine'])
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARACTERS)
    expect(body.length).toBeGreaterThan(MAX_BODY_CHARACTERS - 500)
    expect(body).toContain('## Altium library export\n\nsummary')
    const kept = body.slice(body.indexOf('## Changes'), body.indexOf('\n_… '))
    expect(kept.endsWith('| 2 |')).toBe(true)
    const leftOut = Number(/_… ([\d,]+) more characters left out/.exec(body)?.[1].replace(/,/g, ''))
    expect(kept.length + leftOut).toBe(diff.trim().length + '## Audit\n\nfine'.length)
    expect(body).not.toContain('## Audit')
    expect(body.endsWith('</sub>\n')).toBe(true)
  })

  it('cuts at a small limit too', () => {
    const body = pullRequestBody(['x'.repeat(400)], 300)
    expect(body.length).toBeLessThanOrEqual(300)
    expect(body).toContain('400 more characters left out')
  })
})

describe('REST failures', () => {
  const failure = (status: number, data: object) =>
    Object.assign(new Error('HttpError'), { status, response: { data } })

  it('names the repository setting for the not-permitted 403', () => {
    const message = explainApiError(
      'create the pull request',
      'acme/hardware',
      failure(403, {
        message: 'GitHub Actions is not permitted to create or approve pull requests.'
      })
    ).message
    expect(message).toContain('"Allow GitHub Actions to create and approve pull requests"')
    expect(message).toContain('`permissions: pull-requests: write`')
  })

  it('passes on the field errors of a 422', () => {
    const message = explainApiError(
      'create the pull request',
      'acme/hardware',
      failure(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]
      })
    ).message
    expect(message).toBe(
      'GitHub refused to create the pull request in acme/hardware (422 Validation Failed: head invalid).'
    )
  })

  it('keeps a network failure readable', () => {
    expect(
      explainApiError('list pull requests', 'acme/hardware', new Error('ECONNREFUSED')).message
    ).toBe('Could not list pull requests in acme/hardware: ECONNREFUSED')
  })
})

describe('where the origin may be for a push with github-token', () => {
  const mode = '`publish: commit`'
  const GITHUB = 'https://github.com'

  it('accepts the GitHub server, and ssh or file remotes, which get no token', () => {
    for (const remote of [
      'https://github.com/acme/hardware.git',
      'git@gitlab.example.com:acme/hardware.git',
      'file:///srv/git/hardware.git'
    ]) {
      expect(() => checkRemoteHost(remote, 'ghs_x', GITHUB, mode)).not.toThrow()
    }
  })

  it('refuses an http(s) origin on another host, naming both hosts but no credentials', () => {
    expect(() =>
      checkRemoteHost('https://user:pw@gitlab.example.com/acme/x.git', 'ghs_x', GITHUB, mode)
    ).toThrow(
      "`publish: commit`: the remote 'origin' is on https://gitlab.example.com, but " +
        "'github-token' is only ever sent to the GitHub server https://github.com"
    )
    expect(() =>
      checkRemoteHost('https://user:pw@gitlab.example.com/acme/x.git', 'ghs_x', GITHUB, mode)
    ).not.toThrow(/pw/)
  })

  it('lets an origin elsewhere be when github-token is empty (its own credentials apply)', () => {
    expect(() =>
      checkRemoteHost('https://gitlab.example.com/acme/x.git', '', GITHUB, mode)
    ).not.toThrow()
  })
})

describe('retries of GitHub REST calls', () => {
  it('allows 3 retries, each only with a wait that ends before the deadline', () => {
    let now = 0
    const deadline = new Deadline(10_000, () => now)
    expect(mayRetry(0, 1000, deadline)).toBe(true)
    expect(mayRetry(2, 9000, deadline)).toBe(true)
    expect(mayRetry(3, 1000, deadline)).toBe(false)
    now = 6000
    expect(mayRetry(1, 4000, deadline)).toBe(false)
    expect(mayRetry(1, 3000, deadline)).toBe(true)
    expect(MAX_GITHUB_RETRIES).toBe(3)
  })

  it('counts one try for an error that did not pass through the client', () => {
    expect(retriesOf(new Error('x'))).toEqual({ tries: 1, stoppedByDeadline: false })
  })
})
