/** One run in the report's `history`: what the library and its audit looked like that day. */
export interface HistoryEntry {
  /** The day of the run, `YYYY-MM-DD` (UTC). */
  date: string
  /** GITHUB_RUN_ID; empty outside a workflow. */
  runId: string
  components: number
  added: number
  removed: number
  modified: number
  auditErrors: number
  auditWarnings: number
  /**
   * Components per lifecycle state (`""` for none); absent when the run did not fetch the state
   * (neither a column nor an audit rule asked for it).
   */
  lifecycle?: Record<string, number>
}

/** A year of weekly runs: enough for a trend, small enough for every report. */
export const MAX_HISTORY_ENTRIES = 52

/**
 * The baseline's history with this run's entry last, cut to the newest `max` entries. An entry of
 * the same run (a re-run of the job; outside a workflow, every run has the same empty id) is
 * replaced rather than counted twice.
 */
export function extendHistory(
  previous: readonly HistoryEntry[],
  entry: HistoryEntry,
  max = MAX_HISTORY_ENTRIES
): HistoryEntry[] {
  const earlier = previous.filter((e) => e.runId !== entry.runId)
  return [...earlier, entry].slice(-max)
}

/**
 * The `history` of an earlier report's JSON, keeping only well-formed entries: the file came from
 * an artifact or a commit, and a report from an older version has none. Anything unreadable is no
 * history rather than a failure.
 */
export function historyOfReport(text: string | undefined): HistoryEntry[] {
  if (text === undefined) return []
  let report: unknown
  try {
    report = JSON.parse(text)
  } catch {
    return []
  }
  const history = (report as { history?: unknown } | null)?.history
  return Array.isArray(history) ? history.flatMap((e) => toEntry(e) ?? []) : []
}

function toEntry(value: unknown): HistoryEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const e = value as Record<string, unknown>
  const counts = [
    'components',
    'added',
    'removed',
    'modified',
    'auditErrors',
    'auditWarnings'
  ] as const
  if (typeof e.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.date)) return undefined
  if (!counts.every((key) => isCount(e[key]))) return undefined
  const entry: HistoryEntry = {
    date: e.date,
    runId: typeof e.runId === 'string' ? e.runId : '',
    components: e.components as number,
    added: e.added as number,
    removed: e.removed as number,
    modified: e.modified as number,
    auditErrors: e.auditErrors as number,
    auditWarnings: e.auditWarnings as number
  }
  if (typeof e.lifecycle === 'object' && e.lifecycle !== null) {
    const states = Object.entries(e.lifecycle as Record<string, unknown>).filter(([, n]) =>
      isCount(n)
    )
    entry.lifecycle = Object.fromEntries(states) as Record<string, number>
  }
  return entry
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}
