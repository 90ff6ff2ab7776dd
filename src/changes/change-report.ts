import { codeSpan } from '../report/markdown.js'
/** Where the rows compared against came from (`baseline`, docs/design.md#baseline). */
export interface BaselineInfo {
  /**
   * `previous-file`: the file at `path` before this export; `file`: a `baseline: <path>`;
   * `git`: the file at `path` in a commit (`baseline: git:<ref>`); `artifact`: the CSV in an
   * earlier run's artifact (`baseline: artifact`).
   */
  kind: 'previous-file' | 'file' | 'git' | 'artifact'
  /** The file, relative to the workspace, with `/` separators. */
  path: string
  /** The ref as given, for `git`. */
  ref?: string
  /** The commit the ref pointed at, for `git`. */
  commit?: string
  /** For `artifact`: the artifact looked for, and (when found) the one compared against. */
  artifact?: BaselineArtifact
  /** False when there was no such file (or no such file at the ref): a first export. */
  found: boolean
}

/** The earlier artifact of `baseline: artifact`. */
export interface BaselineArtifact {
  name: string
  /** The branch whose runs were searched. */
  branch: string
  /** The rest is set when an artifact was found. */
  id?: number
  runId?: number
  /** When it was uploaded (ISO 8601). */
  createdAt?: string
  /** The run's page, e.g. https://github.com/acme/hardware/actions/runs/123. */
  runUrl?: string
}

/** One field of a component that differs, as before → after. */
export interface FieldChange {
  column: string
  before: string
  after: string
}

/** A component only in the new file (added) or only in the baseline (removed). */
export interface RowChange {
  key: string
  /** Which row with this key (1-based, in file order); only set when the key is not unique. */
  occurrence?: number
  /**
   * The row's cells by column header, in the file's column order. Absent for a first export,
   * where every row is added and the CSV is the list.
   */
  row?: Record<string, string>
}

/** A component in both files whose shared columns differ. */
export interface ModifiedComponent {
  key: string
  occurrence?: number
  fields: FieldChange[]
}

/** A key that appears on more than one row of either file. */
export interface DuplicateKey {
  key: string
  baseline: number
  current: number
}

export interface ChangeCounts {
  added: number
  removed: number
  modified: number
}

/**
 * What changed between the baseline and this export, compared by the key column
 * (docs/design.md#changes).
 */
export interface ChangeReport {
  baseline: BaselineInfo
  /** No baseline at all: every component counts as added. */
  firstExport: boolean
  keyColumn: string
  /**
   * True when the baseline has no column named `keyColumn`: no row can be matched, so every
   * component counts as added.
   */
  keyColumnMissingFromBaseline: boolean
  /** True when the baseline file exists but holds nothing, not even a header row. */
  emptyBaseline: boolean
  counts: ChangeCounts
  /**
   * Columns only in the new file (`added`), only in the baseline (`removed`), and whether the
   * shared columns changed order. Rows are compared on the shared columns only.
   */
  columns: { added: string[]; removed: string[]; reordered: boolean; compared: number }
  duplicateKeys: DuplicateKey[]
  added: RowChange[]
  removed: RowChange[]
  modified: ModifiedComponent[]
}

/**
 * Whether the exported file differs from its baseline: a component added, removed or modified, a
 * column added, dropped or moved, or no baseline at all (the file is new).
 */
export function isChanged(report: ChangeReport): boolean {
  const { counts, columns } = report
  return (
    report.firstExport ||
    counts.added + counts.removed + counts.modified > 0 ||
    columns.added.length + columns.removed.length > 0 ||
    columns.reordered
  )
}

/** The baseline in words, e.g. "`library_components.csv` at git `main` (1a2b3c4)". */
export function describeBaselineFile(info: BaselineInfo): string {
  switch (info.kind) {
    case 'artifact':
      return describeBaselineArtifact(info)
    case 'previous-file':
      return `\`${info.path}\` as it was before this export`
    case 'file':
      return `\`${info.path}\``
    case 'git':
      return `\`${info.path}\` at git \`${info.ref}\` (${(info.commit ?? '').slice(0, 12)})`
  }
}

/** Why there is no baseline, for a first export: "no baseline (… does not exist)". */
export function describeMissingBaseline(info: BaselineInfo): string {
  if (info.kind === 'artifact' && info.artifact) {
    return (
      `no earlier artifact ${codeSpan(info.artifact.name)} from branch ` +
      `${codeSpan(info.artifact.branch)} was found in this repository (no earlier run uploaded ` +
      'one, or they have all expired)'
    )
  }
  return `no baseline (${describeBaselineFile(info)} does not exist)`
}

function describeBaselineArtifact(info: BaselineInfo): string {
  const artifact = info.artifact
  if (!artifact) return `\`${info.path}\` from an earlier artifact`
  const name = codeSpan(artifact.name)
  if (artifact.runId === undefined) {
    return `an earlier artifact ${name} from branch ${codeSpan(artifact.branch)}`
  }
  const run = artifact.runUrl
    ? `[run ${artifact.runId}](${artifact.runUrl})`
    : `run ${artifact.runId}`
  const date = (artifact.createdAt ?? '').slice(0, 10)
  return `\`${info.path}\` in the artifact ${name} of ${run}${date ? ` (${date})` : ''}`
}
