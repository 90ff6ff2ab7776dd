import type { Logger } from '../logger.js'

/** A git command that failed; the message carries git's own words (secrets are blanked on print). */
export class GitError extends Error {
  override name = 'GitError'
  constructor(
    readonly args: string[],
    readonly exitCode: number,
    readonly stderr: string
  ) {
    super(`git ${args[0]} failed (exit ${exitCode}): ${stderr.trim() || 'no message'}`)
  }
}

export interface GitOptions {
  /** A folder inside the checkout; git finds the repository from there. */
  cwd: string
  /** The step's environment; git gets it without the INPUT_* variables. */
  env: NodeJS.ProcessEnv
  logger: Logger
  /** `github-token`: sent as a header by fetch, push and ls-remote, to `serverUrl` only. */
  token: string
  /** GITHUB_SERVER_URL: the one host the token may go to. */
  serverUrl: string
}

export interface GitResult {
  exitCode: number
  stdout: string
  stderr: string
}

export interface CommitInfo {
  tree: string
  parents: string[]
}

/** A file to place in a tree built by `buildTree`. */
export interface TreeFile {
  /** Path inside the repository, with forward slashes. */
  path: string
  /** The file on disk whose bytes go into the tree. */
  source: string
}
