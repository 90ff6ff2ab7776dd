import { compareText } from '../library/columns.js'
import type { BaselineInfo, ChangeReport, FieldChange } from './change-report.js'
import { asRowSource, type CsvTable, type RowSource } from './csv-table.js'

/**
 * Compares the exported file with its baseline by the key column (docs/design.md#changes).
 *
 * - No baseline (`undefined`): a first export, every component is added. The added entries carry
 *   their key only: the new file itself holds the rows, and listing every cell again would double
 *   the report of a large library.
 * - Columns only in one file are reported once in `columns`; rows are compared on the columns both
 *   files share, so a new or dropped column is not a change on every row.
 * - A key on several rows is reported in `duplicateKeys`; its rows are matched in file order (the
 *   action writes rows sorted by name then id, so the order is stable), never merged.
 *
 * The current table must have the key column (the inputs stage checks it).
 */
export function compareTables(
  baselineTable: CsvTable | RowSource | undefined,
  currentTable: CsvTable | RowSource,
  keyColumn: string,
  baselineInfo: BaselineInfo
): ChangeReport {
  const baseline = baselineTable && asRowSource(baselineTable)
  const current = asRowSource(currentTable)
  const currentKey = current.headers.indexOf(keyColumn)
  if (currentKey < 0) throw new Error(`The exported file has no column "${keyColumn}".`)

  const emptyBaseline = baseline !== undefined && baseline.headers.length === 0
  const baselineKey = baseline ? baseline.headers.indexOf(keyColumn) : -1
  const keyColumnMissingFromBaseline = baseline !== undefined && !emptyBaseline && baselineKey < 0
  const columns =
    baseline && !emptyBaseline
      ? compareColumns(baseline.headers, current.headers)
      : noColumnChanges(current.headers)

  const report: ChangeReport = {
    baseline: baselineInfo,
    firstExport: baseline === undefined,
    keyColumn,
    keyColumnMissingFromBaseline,
    emptyBaseline,
    counts: { added: 0, removed: 0, modified: 0 },
    columns,
    duplicateKeys: [],
    added: [],
    removed: [],
    modified: []
  }

  const baselineRows = baseline && baselineKey >= 0 ? byKey(baseline, baselineKey) : NO_ROWS
  const currentRows = byKey(current, currentKey)
  // Pairs of cell positions (baseline, current) for the shared columns other than the key.
  const shared = baseline
    ? current.headers
        .map((header, index): [string, number, number] => [
          header,
          baseline.headers.indexOf(header),
          index
        ])
        .filter(([header, before]) => before >= 0 && header !== keyColumn)
    : []

  for (const [key, before, after] of keyGroups(baselineRows, currentRows)) {
    const duplicated = before.length > 1 || after.length > 1
    if (duplicated) {
      report.duplicateKeys.push({ key, baseline: before.length, current: after.length })
    }
    const occurrence = (index: number) => (duplicated ? { occurrence: index + 1 } : {})
    const paired = Math.min(before.length, after.length)
    for (let index = 0; index < paired; index++) {
      const was = (baseline as RowSource).cells(before[index])
      const fields = changedFields(was, current.cells(after[index]), shared)
      if (fields.length) report.modified.push({ key, ...occurrence(index), fields })
    }
    for (let index = paired; index < after.length; index++) {
      const row = report.firstExport
        ? {}
        : { row: rowObject(current.headers, current.cells(after[index])) }
      report.added.push({ key, ...occurrence(index), ...row })
    }
    for (let index = paired; index < before.length; index++) {
      const { headers } = baseline as RowSource
      const row = rowObject(headers, (baseline as RowSource).cells(before[index]))
      report.removed.push({ key, ...occurrence(index), row })
    }
  }
  report.counts = {
    added: report.added.length,
    removed: report.removed.length,
    modified: report.modified.length
  }
  return report
}

/**
 * A table's rows in key order: the key of each row, and the row indexes sorted by key, the rows
 * of one key in file order. Two of these are walked side by side to pair the files' rows; for a
 * library of 100,000 components that is much smaller than a map of keys to lists of rows.
 */
interface KeyedRows {
  keys: string[]
  order: Uint32Array
}

const NO_ROWS: KeyedRows = { keys: [], order: new Uint32Array(0) }

function byKey(table: RowSource, keyIndex: number): KeyedRows {
  const keys = new Array<string>(table.rowCount)
  const order = new Uint32Array(table.rowCount)
  for (let row = 0; row < table.rowCount; row++) {
    keys[row] = table.cell(row, keyIndex)
    order[row] = row
  }
  order.sort((a, b) => compareText(keys[a], keys[b]) || a - b)
  return { keys, order }
}

/** Every key of either table once, in order, with its rows (by index, in file order) in each. */
function* keyGroups(
  baseline: KeyedRows,
  current: KeyedRows
): Generator<[key: string, before: number[], after: number[]]> {
  const keyAt = (table: KeyedRows, position: number) =>
    position < table.order.length ? table.keys[table.order[position]] : undefined
  let inBaseline = 0
  let inCurrent = 0
  for (;;) {
    const baselineKey = keyAt(baseline, inBaseline)
    const currentKey = keyAt(current, inCurrent)
    const key =
      baselineKey === undefined ||
      (currentKey !== undefined && compareText(currentKey, baselineKey) < 0)
        ? currentKey
        : baselineKey
    if (key === undefined) return
    const before: number[] = []
    while (keyAt(baseline, inBaseline) === key) before.push(baseline.order[inBaseline++])
    const after: number[] = []
    while (keyAt(current, inCurrent) === key) after.push(current.order[inCurrent++])
    yield [key, before, after]
  }
}

function compareColumns(before: string[], after: string[]): ChangeReport['columns'] {
  const added = after.filter((header) => !before.includes(header))
  const removed = before.filter((header) => !after.includes(header))
  const sharedBefore = before.filter((header) => after.includes(header))
  const sharedAfter = after.filter((header) => before.includes(header))
  return {
    added,
    removed,
    reordered: sharedBefore.some((header, index) => sharedAfter[index] !== header),
    compared: sharedAfter.length
  }
}

function noColumnChanges(headers: string[]): ChangeReport['columns'] {
  return { added: [], removed: [], reordered: false, compared: headers.length }
}

function changedFields(
  before: string[],
  after: string[],
  shared: [string, number, number][]
): FieldChange[] {
  const fields: FieldChange[] = []
  for (const [column, beforeIndex, afterIndex] of shared) {
    const was = before[beforeIndex] ?? ''
    const is = after[afterIndex] ?? ''
    if (was !== is) fields.push({ column, before: was, after: is })
  }
  return fields
}

/** The row by header; a header repeated in a hand-made file keeps its first cell. */
function rowObject(headers: string[], cells: string[]): Record<string, string> {
  // No prototype, so that a column called `__proto__` or `constructor` is an ordinary key.
  const row = Object.create(null) as Record<string, string>
  headers.forEach((header, index) => {
    if (!Object.hasOwn(row, header)) row[header] = cells[index] ?? ''
  })
  return row
}
