import { existsSync, readFileSync, statSync } from 'node:fs'
import { getExecOutput, type ExecOutput } from '@actions/exec'
import { Input } from '../constants.js'
import { InputError } from '../inputs/input-error.js'
import { workspaceRelative } from '../report/export-report.js'
import { describeBaselineFile, type BaselineInfo } from './change-report.js'
import { parseCsvTable, type CsvTable } from './csv-table.js'

/** What the `baseline` input asked for, checked by the inputs stage. */
export type BaselineSpec =
  { kind: 'previous-file' } | { kind: 'file'; path: string } | { kind: 'git'; ref: string }

/** The baseline as read: where it came from, and its rows (none for a first export). */
export interface Baseline {
  info: BaselineInfo
  table?: CsvTable
}

export interface BaselineContext {
  /** The CSV this export writes (absolute). */
  csvPath: string
  workspace: string
  delimiter: string
}

/**
 * Reads the baseline before the export replaces anything, so the default (the file at `path`) is
 * still the previous export. A missing file, or a ref without the file, is a first export. A ref
 * that does not name a commit, and a file that is not CSV, are input errors.
 */
export async function readBaseline(
  spec: BaselineSpec,
  context: BaselineContext
): Promise<Baseline> {
  const relative = (file: string) => workspaceRelative(context.workspace, file)
  if (spec.kind === 'git') {
    const csv = relative(context.csvPath)
    const commit = await resolveCommit(context.workspace, spec.ref)
    const text = await showFileAtCommit(context.workspace, commit, csv)
    const info: BaselineInfo = {
      kind: 'git',
      path: csv,
      ref: spec.ref,
      commit,
      found: text !== undefined
    }
    return { info, table: text === undefined ? undefined : parse(text, info, context.delimiter) }
  }
  const file = spec.kind === 'file' ? spec.path : context.csvPath
  const found = existsSync(file) && statSync(file).isFile()
  const info: BaselineInfo = { kind: spec.kind, path: relative(file), found }
  return {
    info,
    table: found ? parse(readFileSync(file, 'utf8'), info, context.delimiter) : undefined
  }
}

function parse(text: string, info: BaselineInfo, delimiter: string): CsvTable {
  try {
    return parseCsvTable(text, delimiter)
  } catch (error) {
    throw new InputError(
      `Input '${Input.Baseline}': the baseline ${describeBaselineFile(info)} is not CSV with the ` +
        `delimiter ${JSON.stringify(delimiter)}: ${(error as Error).message}. Fix or delete the ` +
        `file, or set '${Input.Baseline}' to another file or to git:<ref>.`
    )
  }
}

// --- git, as the baseline needs it. These calls move onto the project's one git wrapper
// (src/publish/git.ts, `showFile(ref, path)`) when the publishing work is merged.

/** The commit a ref names, or an input error saying why there is none. */
export async function resolveCommit(repository: string, ref: string): Promise<string> {
  const result = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repository)
  if (result.exitCode === 0) return result.stdout.trim()
  if (result.exitCode === 1) {
    throw new InputError(
      `Input '${Input.Baseline}': git:${ref} does not name a commit in the repository at ` +
        `${repository}. Check the ref; a shallow checkout may not hold it: check out with ` +
        '`fetch-depth: 0`, or fetch the ref before this step.'
    )
  }
  throw new InputError(
    `Input '${Input.Baseline}': git:${ref} needs a git checkout at ${repository}, but git ` +
      `said: ${firstLine(result.stderr) || `exit code ${result.exitCode}`}. Run actions/checkout ` +
      'before this step.'
  )
}

/**
 * The text of a file in a commit, by its path relative to `repository` (the workspace); undefined
 * when the commit has no such file. This is `git show <commit>:./<path>`.
 */
export async function showFileAtCommit(
  repository: string,
  commit: string,
  relativePath: string
): Promise<string | undefined> {
  const object = `${commit}:./${relativePath}`
  const type = await git(['cat-file', '-t', object], repository)
  if (type.exitCode !== 0 || type.stdout.trim() !== 'blob') return undefined
  const shown = await git(['show', object], repository)
  if (shown.exitCode !== 0) {
    throw new InputError(
      `Input '${Input.Baseline}': git could not show ${relativePath} at ${commit}: ` +
        `${firstLine(shown.stderr) || `exit code ${shown.exitCode}`}.`
    )
  }
  return shown.stdout
}

async function git(args: string[], cwd: string): Promise<ExecOutput> {
  try {
    return await getExecOutput('git', args, { cwd, silent: true, ignoreReturnCode: true })
  } catch (error) {
    // No git on the PATH, or the folder is missing: reported like any other git failure.
    return { exitCode: 127, stdout: '', stderr: (error as Error).message }
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? ''
}
