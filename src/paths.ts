import path from 'node:path'

/**
 * The path functions of one system: `path.posix` or `path.win32`. The checks below take one, so
 * Windows paths (drive letters, backslashes, any case) are tested on every machine.
 */
export type PathFunctions = path.PlatformPath

/** A file's path relative to the workspace, with `/` on every system, as reports show it. */
export function workspaceRelative(
  workspace: string,
  file: string,
  paths: PathFunctions = path
): string {
  return paths.relative(workspace, file).split(paths.sep).join('/')
}

export interface InsideOptions {
  paths?: PathFunctions
  /**
   * Compare names without regard to case, as on the file systems of macOS. `path.win32` already
   * compares that way on its own, whatever this says.
   */
  ignoreCase?: boolean
}

/**
 * Whether `target` is the folder `root` itself or lies inside it: `..` and another drive (`D:\`
 * for a workspace on `C:\`) are outside; `C:/work/repo/x` and `c:\WORK\Repo\x` are inside
 * `C:\work\repo` on Windows.
 */
export function isWithin(root: string, target: string, options: InsideOptions = {}): boolean {
  return relativeInside(root, target, options) !== undefined
}

/**
 * The path from `root` to `target` ('' for `root` itself), in the separators of `paths`, or
 * undefined when `target` is not under `root`.
 */
export function relativeInside(
  root: string,
  target: string,
  options: InsideOptions = {}
): string | undefined {
  const paths = options.paths ?? path
  const [from, to] = [paths.resolve(root), paths.resolve(target)]
  const fold = (text: string) => (options.ignoreCase ? text.toLowerCase() : text)
  const relative = paths.relative(fold(from), fold(to))
  if (paths.isAbsolute(relative) || relative.split(paths.sep)[0] === '..') return undefined
  if (relative === '' || !options.ignoreCase) return relative
  // The target's own spelling of the parts below `root`, not the folded one.
  const parts = relative.split(paths.sep).length
  return to.split(paths.sep).slice(-parts).join(paths.sep)
}

/** Whether names differing only in case name one file here (Windows and macOS by default). */
export function caseInsensitiveFileNames(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'win32' || platform === 'darwin'
}

/** `<path without .csv>.report.json`, beside the CSV. */
export function reportPathFor(csvPath: string): string {
  return `${csvPath.replace(/\.csv$/i, '')}.report.json`
}

/**
 * Whether a workspace-relative path has a `.git` part, spelled as any file system may take it:
 * any case, trailing dots or spaces (Windows drops them), or the short name `git~1`.
 */
export function insideGitFolder(relative: string): boolean {
  return relative
    .split(/[\\/]/)
    .some((part) => /^\.git[. ]*$/i.test(part) || /^git~\d+$/i.test(part))
}
