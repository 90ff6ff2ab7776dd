import { rm } from 'node:fs/promises'
import { getExecOutput } from '@actions/exec'
import type { CommitIdentity } from './commit-identity.js'
import { configEnvironment, remoteAuth } from './git-auth.js'
import {
  GitError,
  type CommitInfo,
  type GitOptions,
  type GitResult,
  type TreeFile
} from './git-types.js'

export { GitError, type CommitInfo, type GitOptions, type GitResult, type TreeFile }

interface RunOptions {
  /** Extra environment for this one command (identity, index file). */
  env?: Record<string, string>
  /** Fetch, push, ls-remote: they get the token header for the remote. */
  network?: boolean
  /** Return the result instead of throwing on a non-zero exit. */
  allowFailure?: boolean
}

export const REMOTE = 'origin'

/**
 * The action writes LF. On a Windows runner (core.autocrlf=true), core.safecrlf=true would refuse
 * to stage such a file ("LF would be replaced by CRLF"); what is committed is the same either way.
 */
const SAFE_CRLF_OFF = ['-c', 'core.safecrlf=false']

/**
 * Every git command of the action goes through here. Nothing is echoed as it runs (the toolkit's
 * `[command]` line and git's own output are silenced); commands are logged at debug level and
 * failures reported through the logger, which blanks out secrets. The token never appears on a
 * command line or in `.git/config`: it travels in GIT_CONFIG_* variables of the network commands.
 */
export class Git {
  private readonly baseEnv: Record<string, string>
  private authEnv: Record<string, string> | undefined

  constructor(private readonly options: GitOptions) {
    this.baseEnv = {}
    for (const [key, value] of Object.entries(options.env)) {
      if (value !== undefined && !key.startsWith('INPUT_')) this.baseEnv[key] = value
    }
    // English messages (the push-rejection checks read them) and never a prompt for a password.
    Object.assign(this.baseEnv, { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never' })
  }

  async run(args: string[], options: RunOptions = {}): Promise<GitResult> {
    const env = {
      ...this.baseEnv,
      ...(options.network ? await this.remoteAuthEnv() : {}),
      ...options.env
    }
    this.options.logger.debug(`git ${args.join(' ')}`)
    const result = await getExecOutput('git', [...SAFE_CRLF_OFF, ...args], {
      cwd: this.options.cwd,
      env,
      silent: true,
      ignoreReturnCode: true
    })
    if (result.exitCode !== 0 && !options.allowFailure) {
      throw new GitError(args, result.exitCode, result.stderr)
    }
    return result
  }

  /** The header for the GitHub server, made once and registered as a secret; none for other hosts. */
  private async remoteAuthEnv(): Promise<Record<string, string>> {
    if (this.authEnv) return this.authEnv
    const auth = remoteAuth(await this.remoteUrl(), this.options.token, this.options.serverUrl)
    if (auth) {
      this.options.logger.addSecret(auth.header)
      this.options.logger.addSecret(auth.header.replace(/^AUTHORIZATION: basic /, ''))
    }
    this.authEnv = auth ? configEnvironment(auth.entries, this.options.env) : {}
    return this.authEnv
  }

  async topLevel(): Promise<string> {
    return (await this.run(['rev-parse', '--show-toplevel'])).stdout.trim()
  }

  async isShallow(): Promise<boolean> {
    const result = await this.run(['rev-parse', '--is-shallow-repository'])
    return result.stdout.trim() === 'true'
  }

  async remoteUrl(remote = REMOTE): Promise<string> {
    return (await this.run(['remote', 'get-url', remote])).stdout.trim()
  }

  /** The remote's URL, or undefined when the repository has no such remote. */
  async findRemoteUrl(remote = REMOTE): Promise<string | undefined> {
    const result = await this.run(['remote', 'get-url', remote], { allowFailure: true })
    return result.exitCode === 0 ? result.stdout.trim() : undefined
  }

  /** The checked-out branch, or undefined on a detached HEAD. */
  async currentBranch(): Promise<string | undefined> {
    const result = await this.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], {
      allowFailure: true
    })
    return result.exitCode === 0 ? result.stdout.trim() : undefined
  }

  /** The commit id `rev` names, or undefined when it names none. */
  async revParse(rev: string): Promise<string | undefined> {
    const result = await this.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
      allowFailure: true
    })
    return result.exitCode === 0 ? result.stdout.trim() : undefined
  }

  /** `git status` of just these paths: the ones that differ from HEAD, or are new. */
  async changedPaths(paths: string[]): Promise<string[]> {
    const result = await this.run([
      'status',
      '--porcelain=v1',
      '-z',
      '--untracked-files=all',
      '--',
      ...paths
    ])
    return result.stdout
      .split('\0')
      .filter((entry) => entry.length > 3)
      .map((entry) => entry.slice(3))
  }

  async add(paths: string[]): Promise<void> {
    await this.run(['add', '--', ...paths])
  }

  /** Puts `paths` in the index back as they are in HEAD; the working tree keeps its files. */
  async unstage(paths: string[]): Promise<void> {
    await this.run(['reset', '--quiet', 'HEAD', '--', ...paths])
  }

  /**
   * Whether the index holds changes to these paths against HEAD (HEAD may not exist yet).
   * `ignoreLineEndings`: a CR at the end of a line is no change (a file committed from Windows
   * with CRLF, exported again with LF).
   */
  async hasStagedChanges(
    paths: string[],
    options: { ignoreLineEndings?: boolean } = {}
  ): Promise<boolean> {
    const head = await this.revParse('HEAD')
    if (!head) return (await this.run(['ls-files', '--', ...paths])).stdout.trim() !== ''
    return this.differs(['--cached'], paths, options)
  }

  /** Whether these paths differ between two trees or commits; `ignoreLineEndings` as above. */
  async treesDiffer(
    from: string,
    to: string,
    paths: string[],
    options: { ignoreLineEndings?: boolean } = {}
  ): Promise<boolean> {
    return this.differs([from, to], paths, options)
  }

  private async differs(
    what: string[],
    paths: string[],
    options: { ignoreLineEndings?: boolean }
  ): Promise<boolean> {
    // The repository's own diff drivers and text conversions must not decide what changed.
    const eol = options.ignoreLineEndings ? ['--ignore-cr-at-eol'] : []
    const args = ['diff', '--quiet', '--no-ext-diff', '--no-textconv', ...eol, ...what]
    const result = await this.run([...args, '--', ...paths], { allowFailure: true })
    if (result.exitCode > 1) throw new GitError(['diff'], result.exitCode, result.stderr)
    return result.exitCode === 1
  }

  /**
   * Commits the staged state of `paths` only, whatever else is staged, without running the
   * repository's commit hooks. Returns the new commit id.
   */
  async commit(message: string, paths: string[], identity: CommitIdentity): Promise<string> {
    await this.run(['commit', '--quiet', '--no-verify', '-m', message, '--', ...paths], {
      env: identityEnv(identity)
    })
    return (await this.revParse('HEAD')) as string
  }

  /** Rewrites HEAD with the staged state of `paths`, keeping its message and author. */
  async amend(paths: string[], identity: CommitIdentity): Promise<string> {
    await this.run(['commit', '--quiet', '--no-verify', '--amend', '--no-edit', '--', ...paths], {
      env: identityEnv(identity)
    })
    return (await this.revParse('HEAD')) as string
  }

  /** Puts `paths` as they are in `commit` into the index and the working tree. */
  async restorePaths(commit: string, paths: string[]): Promise<void> {
    await this.run(['checkout', commit, '--', ...paths])
  }

  /** Moves HEAD (only HEAD) to `rev`; the index and the working tree stay as they are. */
  async resetSoft(rev: string): Promise<void> {
    await this.run(['reset', '--soft', '--quiet', rev])
  }

  async fetch(refspecs: string[], options: { depth?: number } = {}): Promise<void> {
    const depth = options.depth ? [`--depth=${options.depth}`] : []
    await this.run(['fetch', '--no-tags', '--quiet', ...depth, REMOTE, ...refspecs], {
      network: true
    })
  }

  /**
   * Replays the local commits onto `upstream`. Where they touch the same lines, the local commits
   * win (`-X theirs` means the commits being replayed); a commit that becomes empty is kept, so
   * the last commit is still the caller's. Undo with `abortRebase` if it fails.
   */
  async rebase(upstream: string, identity: CommitIdentity): Promise<GitResult> {
    // Replayed commits keep their own authors; the identity serves the committer and the stash.
    return this.run(
      [
        'rebase',
        '--autostash',
        '--rebase-merges',
        '--empty=keep',
        '--strategy-option=theirs',
        upstream
      ],
      { env: identityEnv(identity), allowFailure: true }
    )
  }

  async abortRebase(): Promise<void> {
    await this.run(['rebase', '--abort'], { allowFailure: true })
  }

  /** Pushes one ref; the result carries git's stderr for the caller to read. */
  async push(refspec: string, options: { force?: boolean } = {}): Promise<GitResult> {
    const force = options.force ? ['--force'] : []
    return this.run(['push', ...force, REMOTE, refspec], {
      network: true,
      allowFailure: true
    })
  }

  /** Commit ids of branches on the remote, by branch name; absent branches are left out. */
  async remoteBranches(branches: string[]): Promise<Map<string, string>> {
    const refs = branches.map((branch) => `refs/heads/${branch}`)
    const result = await this.run(['ls-remote', REMOTE, ...refs], { network: true })
    const found = new Map<string, string>()
    for (const line of result.stdout.split('\n')) {
      const [sha, ref] = line.trim().split(/\s+/)
      if (sha && ref?.startsWith('refs/heads/')) found.set(ref.slice('refs/heads/'.length), sha)
    }
    return found
  }

  async commitInfo(sha: string): Promise<CommitInfo> {
    const text = (await this.run(['cat-file', 'commit', sha])).stdout
    const header = text.split('\n\n')[0].split('\n')
    return {
      tree: header.find((line) => line.startsWith('tree '))?.slice(5) ?? '',
      parents: header.filter((line) => line.startsWith('parent ')).map((line) => line.slice(7))
    }
  }

  /**
   * A tree: `base`'s, with `files` written in from disk (as `git add` would store them). Built in
   * a private index, so the checkout and its index are left alone.
   */
  async buildTree(base: string, files: TreeFile[]): Promise<string> {
    const indexFile = (
      await this.run(['rev-parse', '--path-format=absolute', '--git-path', 'altium-export.index'])
    ).stdout.trim()
    const env = { GIT_INDEX_FILE: indexFile }
    try {
      await this.run(['read-tree', base], { env })
      for (const file of files) {
        const blob = (
          await this.run(['hash-object', '-w', `--path=${file.path}`, '--', file.source])
        ).stdout.trim()
        await this.run(['update-index', '--add', '--cacheinfo', `100644,${blob},${file.path}`], {
          env
        })
      }
      return (await this.run(['write-tree'], { env })).stdout.trim()
    } finally {
      await rm(indexFile, { force: true })
    }
  }

  async commitTree(
    tree: string,
    parent: string,
    message: string,
    identity: CommitIdentity
  ): Promise<string> {
    const result = await this.run(['commit-tree', tree, '-p', parent, '-m', message], {
      env: identityEnv(identity)
    })
    return result.stdout.trim()
  }

  /**
   * The text of `path` as it is at `ref`: relative to the repository's top folder, or to `cwd` when
   * it starts with `./`. Undefined when no file is there. A ref that names no commit is an error.
   */
  async showFile(ref: string, path: string): Promise<string | undefined> {
    const commit = await this.revParse(ref)
    if (!commit) {
      throw new GitError(['show'], 128, `"${ref}" is not a branch, tag or commit in this checkout`)
    }
    const object = `${commit}:${path.split('\\').join('/')}`
    // Missing, or a folder: not a file there.
    const type = await this.run(['cat-file', '-t', object], { allowFailure: true })
    if (type.exitCode !== 0 || type.stdout.trim() !== 'blob') return undefined
    return (await this.run(['cat-file', 'blob', object])).stdout
  }
}

/** Author and committer for commands that make commits (commit, rebase, commit-tree). */
function identityEnv(identity: CommitIdentity): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email
  }
}
