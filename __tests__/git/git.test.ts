/** The one git wrapper, against real repositories on disk. */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { Logger } from '../../src/logger.js'
import { Git, GitError } from '../../src/git/git.js'
import { cloneForAction, commitFiles, createRemote, git, gitEnv } from '../helpers/git-repos.js'

const TOKEN = 'ghs_gitWrapperToken0987654321'

function wrapperFor(clone: string, env: NodeJS.ProcessEnv = gitEnv()): Git {
  return new Git({
    cwd: clone,
    env,
    logger: new Logger(),
    token: TOKEN,
    serverUrl: 'https://github.com'
  })
}

/** The environment a git command gets, printed by a shell alias. */
async function environmentOf(wrapper: Git, network: boolean): Promise<Record<string, string>> {
  const result = await wrapper.run(['-c', 'alias.printenv=!env', 'printenv'], { network })
  return Object.fromEntries(
    result.stdout
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  )
}

describe('the git wrapper', () => {
  it('shows a file as it is at a ref, undefined when absent, and refuses an unknown ref', async () => {
    const remote = createRemote({ 'exports/library.csv': 'name\nR-1\n' })
    const clone = cloneForAction(remote, { shallow: false })
    const first = git(clone, ['rev-parse', 'HEAD']).trim()
    commitFiles(clone, { 'exports/library.csv': 'name\nR-1\nR-2\n' }, 'Second export')
    const wrapper = wrapperFor(clone)

    expect(await wrapper.showFile(first, 'exports/library.csv')).toBe('name\nR-1\n')
    expect(await wrapper.showFile('HEAD', 'exports/library.csv')).toBe('name\nR-1\nR-2\n')
    expect(await wrapper.showFile('origin/main', 'exports/library.csv')).toBe('name\nR-1\n')
    expect(await wrapper.showFile('HEAD', 'exports/missing.csv')).toBeUndefined()
    await expect(wrapper.showFile('no-such-ref', 'exports/library.csv')).rejects.toThrow(
      /"no-such-ref" is not a branch, tag or commit/
    )
  })

  it('tells the checked-out branch, or undefined on a detached HEAD', async () => {
    const remote = createRemote()
    expect(await wrapperFor(cloneForAction(remote)).currentBranch()).toBe('main')
    expect(
      await wrapperFor(cloneForAction(remote, { detached: true })).currentBranch()
    ).toBeUndefined()
  })

  it('builds a tree in a private index, leaving the checkout and its index alone', async () => {
    const remote = createRemote({ 'a.txt': 'a\n' })
    const clone = cloneForAction(remote)
    writeFileSync(path.join(clone, 'b.txt'), 'b\n')
    const wrapper = wrapperFor(clone)
    const head = git(clone, ['rev-parse', 'HEAD']).trim()

    const tree = await wrapper.buildTree(head, [
      { path: 'data/b.txt', source: path.join(clone, 'b.txt') }
    ])

    expect(git(clone, ['ls-tree', '-r', '--name-only', tree]).trim().split('\n')).toEqual([
      'README.md',
      'a.txt',
      'data/b.txt'
    ])
    expect(git(clone, ['status', '--porcelain']).trim()).toBe('?? b.txt')
    expect(git(clone, ['diff', '--cached', '--name-only']).trim()).toBe('')
  })

  it('gives git the environment without INPUT_ variables, in English, never prompting', async () => {
    const remote = createRemote()
    const clone = cloneForAction(remote)
    const env = await environmentOf(
      wrapperFor(clone, gitEnv({ 'INPUT_GITHUB-TOKEN': TOKEN, INPUT_PATH: 'x.csv' })),
      false
    )
    expect(Object.keys(env).filter((key) => key.startsWith('INPUT_'))).toEqual([])
    expect(env).toMatchObject({ LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' })
  })

  it('hands the token header to network commands only, for an https origin', async () => {
    const remote = createRemote()
    const clone = cloneForAction(remote)
    git(clone, ['remote', 'set-url', 'origin', 'https://github.com/acme/hardware.git'])
    const wrapper = wrapperFor(clone)
    const header = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`

    expect(await environmentOf(wrapper, true)).toMatchObject({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_0: '',
      GIT_CONFIG_KEY_1: 'http.https://github.com/.extraheader',
      GIT_CONFIG_VALUE_1: header
    })
    expect(Object.keys(await environmentOf(wrapper, false))).not.toContain('GIT_CONFIG_COUNT')
  })

  it('throws a GitError carrying git’s words', async () => {
    const remote = createRemote()
    const wrapper = wrapperFor(cloneForAction(remote))
    const error = await wrapper.run(['checkout', 'no-such-branch']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GitError)
    expect((error as Error).message).toMatch(
      /^git checkout failed \(exit 1\): error: pathspec 'no-such-branch' did not match/
    )
  })
})
