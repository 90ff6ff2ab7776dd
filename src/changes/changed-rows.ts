import type { ChangeReport } from './change-report.js'
import type { RowSource } from './csv-table.js'

/**
 * `audit-scope: changed`: which rows of the exported CSV (0-based, in file order) hold a component
 * that was added or modified since the baseline. A key on several rows is told apart by its
 * occurrence, the way the change report matched it.
 */
export function changedRows(table: RowSource, changes: ChangeReport): (row: number) => boolean {
  const inScope = new Set(
    [...changes.added, ...changes.modified].map((c) => occurrenceKey(c.key, c.occurrence ?? 1))
  )
  const keyIndex = table.headers.indexOf(changes.keyColumn)
  const seen = new Map<string, number>()
  const rows: boolean[] = []
  for (let row = 0; row < table.rowCount; row++) {
    const key = table.cell(row, keyIndex)
    const occurrence = (seen.get(key) ?? 0) + 1
    seen.set(key, occurrence)
    rows.push(inScope.has(occurrenceKey(key, occurrence)))
  }
  return (row) => rows[row] ?? false
}

function occurrenceKey(key: string, occurrence: number): string {
  return `${occurrence}\u0000${key}`
}
