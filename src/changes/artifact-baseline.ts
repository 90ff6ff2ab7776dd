import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { Input } from '../constants.js'
import { InputError } from '../input-error.js'
import {
  chooseBaselineArtifact,
  type ArtifactWanted,
  type ListedArtifact
} from './artifact-choice.js'
import type { BaselineInfo } from './change-report.js'

/**
 * What `baseline: artifact` needs from the outside: the repository's artifacts (GitHub's REST
 * API) and a download (the artifact client). main.ts wires the real ones; tests may give others.
 */
export interface ArtifactSource {
  wanted: ArtifactWanted
  list(name: string): Promise<ListedArtifact[]>
  download(artifact: ListedArtifact, directory: string): Promise<void>
  /** The run's page on GitHub. */
  runUrl(runId: number): string
  /** Where downloads go: the runner's temp folder, never the workspace. */
  tempDir: string
}

export interface ArtifactBaselineRead {
  info: BaselineInfo
  /** The CSV inside the artifact; undefined for a first export. */
  csvText?: string
  /** The report beside it, when the artifact is a zip that holds one. */
  reportText?: string
}

/**
 * Finds the newest earlier artifact of the same name on the same branch, downloads it into a
 * folder of its own under the temp folder, and reads the CSV named like `path` (and the report
 * beside it). The folder is removed again. No such artifact: a first export.
 */
export async function readArtifactBaseline(
  source: ArtifactSource,
  files: { csvPath: string; reportPath: string; csv: string }
): Promise<ArtifactBaselineRead> {
  const { wanted } = source
  const chosen = chooseBaselineArtifact(await source.list(wanted.name), wanted)
  if (!chosen?.workflowRun) {
    return {
      info: {
        kind: 'artifact',
        path: files.csv,
        found: false,
        artifact: { name: wanted.name, branch: wanted.branch }
      }
    }
  }
  const runId = chosen.workflowRun.id
  const info: BaselineInfo = {
    kind: 'artifact',
    path: files.csv,
    found: true,
    artifact: {
      name: chosen.name,
      branch: wanted.branch,
      id: chosen.id,
      runId,
      createdAt: chosen.createdAt,
      runUrl: source.runUrl(runId)
    }
  }
  const directory = mkdtempSync(path.join(source.tempDir, 'altium-baseline-'))
  try {
    await source.download(chosen, directory)
    const held = readdirSync(directory).filter((f) => statSync(path.join(directory, f)).isFile())
    const csvName = path.basename(files.csvPath)
    // An unzipped artifact arrives as one file, named as the download names it.
    const csvFile = held.includes(csvName) ? csvName : held.length === 1 ? held[0] : undefined
    if (!csvFile) {
      throw new InputError(
        `Input '${Input.Baseline}': the artifact "${chosen.name}" of run ${runId} holds no ` +
          `${csvName} (it holds ${held.join(', ') || 'nothing'}). If '${Input.Path}' changed ` +
          `since, leave '${Input.Baseline}' empty for one run; the next run compares with its artifact.`
      )
    }
    const reportFile = path.join(directory, path.basename(files.reportPath))
    return {
      info,
      csvText: readFileSync(path.join(directory, csvFile), 'utf8'),
      reportText: existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : undefined
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}
