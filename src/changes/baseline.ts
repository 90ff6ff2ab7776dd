import { existsSync, readFileSync, statSync } from 'node:fs'
import { Input } from '../constants.js'
import { InputError } from '../inputs/input-error.js'
import { GitError, type Git } from '../publish/git.js'
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
  /** Reads `git:<ref>` baselines; it runs in the workspace. */
  git: Git
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
    const commit = await resolveCommit(context.git, context.workspace, spec.ref)
    const text = await context.git.showFile(commit, `./${csv}`)
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

/** The commit a ref names, or an input error saying why there is none. */
async function resolveCommit(git: Git, workspace: string, ref: string): Promise<string> {
  try {
    await git.topLevel()
  } catch (error) {
    const said = error instanceof GitError ? firstLine(error.stderr) : (error as Error).message
    throw new InputError(
      `Input '${Input.Baseline}': git:${ref} needs a git checkout at ${workspace}, but git ` +
        `said: ${said}. Run actions/checkout before this step.`
    )
  }
  const commit = await git.revParse(ref)
  if (commit) return commit
  throw new InputError(
    `Input '${Input.Baseline}': git:${ref} does not name a commit in the repository at ` +
      `${workspace}. Check the ref; a shallow checkout may not hold it: check out with ` +
      '`fetch-depth: 0`, or fetch the ref before this step.'
  )
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? ''
}
