import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { GitError, type Git } from '../git/git.js'
import { caseInsensitiveFileNames, relativeInside } from '../paths.js'
import { PublishError } from './publish-result.js'

/**
 * The export's files as paths inside the checked-out repository (forward slashes, relative to its
 * top folder), which is what git commands take. A file outside any checkout is an error that says
 * to check the repository out first.
 */
export async function repositoryPaths(git: Git, files: string[]): Promise<string[]> {
  let top: string
  try {
    top = await realpath(await git.topLevel())
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    throw new PublishError(
      `${files[0]} is not inside a git checkout, so it cannot be committed. Check the ` +
        'repository out first (actions/checkout) and keep `path` inside it.'
    )
  }
  return Promise.all(
    files.map(async (file) => {
      const real = await realpath(file)
      const relative = relativeInside(top, real, { ignoreCase: caseInsensitiveFileNames() })
      if (relative === undefined) {
        throw new PublishError(`${file} is outside the git checkout at ${top}.`)
      }
      return relative.split(path.sep).join('/')
    })
  )
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7)
}
