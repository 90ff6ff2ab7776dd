import path from 'node:path'

/** A file's path relative to the workspace, with `/` on every system, as reports show it. */
export function workspaceRelative(workspace: string, file: string): string {
  return path.relative(workspace, file).split(path.sep).join('/')
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
