/**
 * Real git repositories on disk for the publishing tests: a bare remote, a seed history, clones.
 * Git runs with no global or system configuration and no inherited GIT_* variables, as on a fresh
 * runner: the action must bring its own identity.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const HOME = mkdtempSync(path.join(tmpdir(), 'git-home-'))
const EMPTY_CONFIG = path.join(HOME, 'empty.gitconfig')
writeFileSync(EMPTY_CONFIG, '')

/** An environment for git (and for the action) with no identity and no inherited git settings. */
export function gitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('GIT_')) env[key] = value
  }
  return {
    ...env,
    HOME,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: EMPTY_CONFIG,
    LC_ALL: 'C',
    ...extra
  }
}

/** The environment runAction needs so the built action sees a fresh runner's git. */
export function actionGitEnv(): Record<string, string> {
  return { HOME, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: EMPTY_CONFIG }
}

export const TEST_IDENTITY = { name: 'Hardware Dev', email: 'dev@example.com' }

/** Runs git as a person working on the repository (with an identity of their own). */
export function git(cwd: string, args: string[], identity = TEST_IDENTITY): string {
  return execFileSync(
    'git',
    ['-c', `user.name=${identity.name}`, '-c', `user.email=${identity.email}`, ...args],
    { cwd, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
  )
}

export interface Remote {
  /** The bare repository, also the URL clones use. */
  bare: string
  /** A working clone used to make commits on the remote "from elsewhere". */
  seed: string
}

/**
 * A bare remote whose `main` holds a README and, when given, files (path → content), pushed from
 * a seed clone.
 */
export function createRemote(files: Record<string, string> = {}): Remote {
  const root = mkdtempSync(path.join(tmpdir(), 'remote-'))
  const bare = path.join(root, 'hardware.git')
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', bare], { env: gitEnv() })
  const seed = path.join(root, 'seed')
  git(root, ['clone', '--quiet', bare, seed])
  commitFiles(seed, { 'README.md': '# Hardware\n', ...files }, 'Initial commit')
  git(seed, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main'])
  return { bare, seed }
}

/** Writes files in a working clone and commits them. */
export function commitFiles(clone: string, files: Record<string, string>, message: string): string {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(clone, file)), { recursive: true })
    writeFileSync(path.join(clone, file), content)
  }
  git(clone, ['add', '--', ...Object.keys(files)])
  git(clone, ['commit', '--quiet', '-m', message])
  return git(clone, ['rev-parse', 'HEAD']).trim()
}

/**
 * Another person's commit pushed to the remote's branch (fetching first, as they would); a branch
 * the remote lacks starts from main.
 */
export function pushFromElsewhere(
  remote: Remote,
  files: Record<string, string>,
  message: string,
  branch = 'main'
): string {
  git(remote.seed, ['fetch', '--quiet', 'origin'])
  const start = branchesOf(remote.bare).includes(branch) ? branch : 'main'
  git(remote.seed, ['checkout', '--quiet', '-B', branch, `origin/${start}`])
  const sha = commitFiles(remote.seed, files, message)
  git(remote.seed, ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`])
  return sha
}

/**
 * The clone the action runs in, as actions/checkout leaves it: by default a shallow clone (depth
 * 1) on the branch; `detached` checks the commit out without a branch; `config` is set in the
 * clone before its checkout (`core.autocrlf: 'true'`, as on a Windows runner).
 */
export function cloneForAction(
  remote: Remote,
  options: {
    shallow?: boolean
    detached?: boolean
    branch?: string
    url?: string
    config?: Record<string, string>
  } = {}
): string {
  const clone = mkdtempSync(path.join(tmpdir(), 'checkout-'))
  const url = options.url ?? `file://${remote.bare}`
  const depth = options.shallow === false ? [] : ['--depth', '1']
  const config = Object.entries(options.config ?? {}).flatMap(([key, value]) => [
    '--config',
    `${key}=${value}`
  ])
  const branch = ['--branch', options.branch ?? 'main']
  git(tmpdir(), ['clone', '--quiet', ...depth, ...config, ...branch, url, clone])
  if (options.detached) git(clone, ['checkout', '--quiet', '--detach'])
  return clone
}

export interface RemoteCommit {
  sha: string
  parents: string[]
  author: string
  committer: string
  subject: string
  /** Files the commit changed against its first parent. */
  files: string[]
}

/** The history of a branch on the remote, newest first. */
export function historyOf(bare: string, branch = 'main'): RemoteCommit[] {
  const log = git(bare, ['log', '--format=%H%x09%P%x09%an <%ae>%x09%cn <%ce>%x09%s', branch])
  return log
    .trim()
    .split('\n')
    .map((line) => {
      const [sha, parents, author, committer, subject] = line.split('\t')
      const files = git(bare, ['diff-tree', '--no-commit-id', '--name-only', '-r', '--root', sha])
        .trim()
        .split('\n')
        .filter(Boolean)
      return { sha, parents: parents.split(' ').filter(Boolean), author, committer, subject, files }
    })
}

/** A file's content on the remote at a ref; undefined when absent. */
export function remoteFile(bare: string, ref: string, file: string): string | undefined {
  try {
    return git(bare, ['show', `${ref}:${file}`])
  } catch {
    return undefined
  }
}

export function branchesOf(bare: string): string[] {
  return git(bare, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/'])
    .trim()
    .split('\n')
    .filter(Boolean)
}

/** Installs a pre-receive hook in the bare remote (a shell script body). */
export function installPreReceiveHook(bare: string, script: string): void {
  const hook = path.join(bare, 'hooks', 'pre-receive')
  writeFileSync(hook, `#!/bin/sh\n${script}\n`)
  chmodSync(hook, 0o755)
}

/** What GitHub answers a push to a protected branch with. */
export const GH006_HOOK = [
  'while read old new ref; do',
  '  echo "error: GH006: Protected branch update failed for $ref." >&2',
  '  echo "error: Changes must be made through a pull request." >&2',
  'done',
  'exit 1'
].join('\n')

/** Someone pushes to main between every fetch and push: main moves on before each push lands. */
export const ALWAYS_MOVING_HOOK = [
  'unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'tip=$(git rev-parse refs/heads/main)',
  'export GIT_AUTHOR_NAME=Other GIT_AUTHOR_EMAIL=other@example.com',
  'export GIT_COMMITTER_NAME=Other GIT_COMMITTER_EMAIL=other@example.com',
  'next=$(git commit-tree "$tip^{tree}" -p "$tip" -m "Meanwhile")',
  'git update-ref refs/heads/main "$next" "$tip"',
  'exit 0'
].join('\n')
