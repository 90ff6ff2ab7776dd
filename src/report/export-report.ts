import type { AuditReport } from '../audit/audit-stage.js'
import type { ChangeReport } from '../changes/change-report.js'
import type { LibraryFilter } from '../api/library-export.js'
import { workspaceRelative } from '../paths.js'
import type { HistoryEntry } from './history.js'

/**
 * The JSON report beside the CSV. It holds no times or durations, so an unchanged library gives
 * an unchanged report too, except for `history`, which names each run and its day.
 */
export interface ExportReport {
  schemaVersion: 1
  workspaceUrl: string
  apiUrl: string
  region: string | null
  /** The CSV, relative to the workspace. */
  csv: string
  columns: string[]
  filter: LibraryFilter
  counts: {
    /** Rows in the CSV. */
    components: number
    /** What the server's `totalCount` said (before the client-side folder filter). */
    serverTotal: number
    /** Components received from the server. */
    received: number
  }
  /**
   * What changed since the baseline: every change, never cut
   * (docs/changes-and-audit.md#the-change-report-in-the-json-report).
   */
  changes?: ChangeReport
  /** Present when `audit` holds rules: every finding. */
  audit?: AuditReport
  /** This run and the runs before it, oldest first (from the baseline's report), at most 52. */
  history: HistoryEntry[]
}

export interface ExportFacts {
  workspaceUrl: string
  apiUrl: string
  region?: string
  csvPath: string
  workspace: string
  headers: string[]
  filter: LibraryFilter
  components: number
  serverTotal: number
  received: number
  changes?: ChangeReport
  audit?: AuditReport
  history?: HistoryEntry[]
}

export function buildReport(facts: ExportFacts): ExportReport {
  return {
    schemaVersion: 1,
    workspaceUrl: facts.workspaceUrl,
    apiUrl: facts.apiUrl,
    region: facts.region ?? null,
    csv: workspaceRelative(facts.workspace, facts.csvPath),
    columns: facts.headers,
    filter: facts.filter,
    counts: {
      components: facts.components,
      serverTotal: facts.serverTotal,
      received: facts.received
    },
    ...(facts.changes ? { changes: facts.changes } : {}),
    ...(facts.audit ? { audit: facts.audit } : {}),
    history: facts.history ?? []
  }
}

export function renderReport(report: ExportReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
