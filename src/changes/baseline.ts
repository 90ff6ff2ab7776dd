import { existsSync, readFileSync, statSync } from 'node:fs'
import { Input } from '../constants.js'
import { InputError } from '../input-error.js'
import { GitError, type Git } from '../git/git.js'
import { workspaceRelative } from '../paths.js'
import { historyOfReport, type HistoryEntry } from '../report/history.js'
import { readArtifactBaseline, type ArtifactSource } from './artifact-baseline.js'
import { describeBaselineFile, type BaselineInfo } from './change-report.js'
import { parseCsvTable, type CsvTable } from './csv-table.js'

/** What the `baseline` input asked for, checked by the inputs stage. */
export type BaselineSpec =
  | { kind: 'previous-file' }
  | { kind: 'file'; path: string }
  | { kind: 'git'; ref: string }
  | { kind: 'artifact' }

/**
 * The baseline as read: where it came from, its rows (none for a first export), and the history
 * its report carried (empty when it had none).
 */
export interface Baseline {
  info: BaselineInfo
  table?: CsvTable
  history: HistoryEntry[]
}

export interface BaselineContext {
  /** The CSV this export writes (absolute). */
  csvPath: string
  workspace: string
  delimiter: string
  /** The JSON report this export writes beside the CSV (absolute). */
  reportPath: string
  /** Reads `git:<ref>` baselines; it runs in the workspace. */
  git: Git
  /** Finds and downloads the earlier artifact; set for `baseline: artifact`. */
  artifacts?: ArtifactSource
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
  if (spec.kind === 'artifact') {
    if (!context.artifacts) throw new Error('baseline: artifact needs an artifact source')
    const found = await readArtifactBaseline(context.artifacts, {
      csvPath: context.csvPath,
      reportPath: context.reportPath,
      csv: relative(context.csvPath)
    })
    const { info, csvText, reportText } = found
    return {
      info,
      table: csvText === undefined ? undefined : parse(csvText, info, context.delimiter),
      history: historyOfReport(reportText)
    }
  }
  if (spec.kind === 'git') {
    const csv = relative(context.csvPath)
    const commit = await resolveCommit(context.git, context.workspace, spec.ref)
    const text = await context.git.showFile(commit, `./${csv}`)
    // The report committed beside the CSV carries the history on.
    const report =
      text === undefined
        ? undefined
        : await context.git.showFile(commit, `./${relative(context.reportPath)}`)
    const info: BaselineInfo = {
      kind: 'git',
      path: csv,
      ref: spec.ref,
      commit,
      found: text !== undefined
    }
    return {
      info,
      table: text === undefined ? undefined : parse(text, info, context.delimiter),
      history: historyOfReport(report)
    }
  }
  const file = spec.kind === 'file' ? spec.path : context.csvPath
  const found = existsSync(file) && statSync(file).isFile()
  const info: BaselineInfo = { kind: spec.kind, path: relative(file), found }
  // The previous file's report is still beside it: nothing has been replaced yet.
  const report = found && spec.kind === 'previous-file' ? readIfFile(context.reportPath) : undefined
  return {
    info,
    table: found ? parse(readFileSync(file, 'utf8'), info, context.delimiter) : undefined,
    history: historyOfReport(report)
  }
}

function readIfFile(file: string): string | undefined {
  return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined
}

function parse(text: string, info: BaselineInfo, delimiter: string): CsvTable {
  try {
    return parseCsvTable(text, delimiter)
  } catch (error) {
    throw new InputError(
      `Input '${Input.Baseline}': the baseline ${describeBaselineFile(info)} is not CSV with the ` +
        `delimiter ${JSON.stringify(delimiter)}: ${(error as Error).message}. Fix or delete the ` +
        `file, or set '${Input.Baseline}' to another file, to git:<ref> or to artifact.`
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
