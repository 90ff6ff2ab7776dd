import { existsSync, lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { Input } from '../constants.js'
import { InputError } from '../input-error.js'
import {
  caseInsensitiveFileNames,
  insideGitFolder,
  isWithin,
  relativeInside,
  type InsideOptions,
  type PathFunctions
} from '../paths.js'

/**
 * A file given by `input` must stay inside the workspace, also when a folder on the way is a
 * symbolic link pointing out of it, and never inside a `.git` folder (the repository's own files).
 * Everything that would only fail when the file is written is checked here, before any request:
 * a folder where the file goes, a file where a folder goes, a symbolic link to nothing.
 * `what` names the file in messages when it is not `value` itself (the report beside the CSV).
 */
export function readWorkspaceFile(
  input: Input,
  value: string,
  workspace: string,
  what?: string
): string {
  const named = what ? `${what} (${value})` : `"${value}"`
  const inside: InsideOptions = { ignoreCase: caseInsensitiveFileNames() }
  const resolved = workspacePath(input, value, workspace, what)
  const refuse = () => outsideError(input, named, workspace)
  // The nearest part of the path that is there; a symbolic link counts even when it leads nowhere.
  let existing = resolved
  while (!lstatExists(existing)) existing = path.dirname(existing)
  if (!existsSync(existing)) {
    throw new InputError(
      `Input '${input}': ${named} goes through ${existing}, a symbolic link to ` +
        `${readlinkSync(existing)}, which does not exist. Create what it points to, or set ` +
        `'${input}' to a path without it.`
    )
  }
  const realRoot = existsSync(workspace) ? realpathSync(workspace) : workspace
  const realExisting = realpathSync(existing)
  if (!isWithin(realRoot, realExisting, inside)) throw refuse()
  if (insideGitFolder(relativeInside(realRoot, realExisting, inside) ?? '')) {
    throw insideGitError(input, named)
  }
  const stats = statSync(existing)
  if (existing === resolved && stats.isDirectory()) {
    throw new InputError(`Input '${input}': ${named} is a folder. Accepted: a file path.`)
  }
  if (existing !== resolved && !stats.isDirectory()) {
    throw new InputError(
      `Input '${input}': ${named} needs ${existing} to be a folder, but it is a file. ` +
        'Accepted: a file path whose folders are folders.'
    )
  }
  return resolved
}

/**
 * The absolute path `value` names, checked without touching the disk: inside the workspace, not in
 * a `.git` folder. `paths` and `ignoreCase` are the system's own unless a test gives others
 * (`path.win32` for drive letters and backslashes; on Windows and macOS case does not matter).
 */
export function workspacePath(
  input: Input,
  value: string,
  workspace: string,
  what?: string,
  options: { paths?: PathFunctions; ignoreCase?: boolean } = {}
): string {
  const paths = options.paths ?? path
  const inside = { paths, ignoreCase: options.ignoreCase ?? caseInsensitiveFileNames() }
  const named = what ? `${what} (${value})` : `"${value}"`
  const resolved = paths.resolve(workspace, value)
  const relative = relativeInside(workspace, resolved, inside)
  if (!relative) throw outsideError(input, named, workspace)
  if (insideGitFolder(relative)) throw insideGitError(input, named)
  return resolved
}

function outsideError(input: Input, named: string, workspace: string): InputError {
  return new InputError(
    `Input '${input}': ${named} is outside the workspace (${workspace}). ` +
      'Accepted: a file path relative to the workspace, e.g. library_components.csv.'
  )
}

function insideGitError(input: Input, named: string): InputError {
  return new InputError(
    `Input '${input}': ${named} is inside a .git folder, where the repository keeps its own ` +
      'files. Accepted: a file path in the workspace outside .git, e.g. library_components.csv.'
  )
}

function lstatExists(file: string): boolean {
  try {
    lstatSync(file)
    return true
  } catch {
    return false
  }
}
