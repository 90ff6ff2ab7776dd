import { stringify } from 'csv-stringify/sync'
import type { RowSource } from '../changes/csv-table.js'
import { recordCell, recordCells, type ComponentRecord } from '../library/records.js'

export interface CsvOptions {
  delimiter: string
  bom: boolean
}

/**
 * Rows rendered at a time: the file is written in pieces of some 50 kB, never held whole, and each
 * piece small enough for the young generation, which the garbage collector empties often.
 */
const ROWS_PER_CHUNK = 200

/** The exported rows as a table to compare: cells exactly as the file holds them. */
export function exportedTable(headers: string[], records: readonly ComponentRecord[]): RowSource {
  return {
    headers,
    rowCount: records.length,
    cells: (row) => recordCells(records[row]),
    cell: (row, column) => recordCell(records[row], column)
  }
}

/**
 * The CSV text in pieces of 200 rows, for writing without holding the whole file: a header
 * row, LF line endings, and the delimiter and byte order mark asked for.
 */
export function* csvChunks(
  headers: string[],
  records: readonly ComponentRecord[],
  options: CsvOptions
): Generator<string> {
  const settings = { delimiter: options.delimiter, record_delimiter: '\n' }
  yield stringify([headers], { ...settings, bom: options.bom })
  for (let start = 0; start < records.length; start += ROWS_PER_CHUNK) {
    yield stringify(records.slice(start, start + ROWS_PER_CHUNK).map(recordCells), settings)
  }
}

/** The whole CSV text, for tests and small tables. */
export function renderCsv(
  headers: string[],
  records: readonly ComponentRecord[],
  options: CsvOptions
): string {
  return [...csvChunks(headers, records, options)].join('')
}

/**
 * The line of the file that holds a record: the header is line 1 and every record is one line
 * (line breaks inside values became spaces), so record `index` (from 0) is on line `index + 2`.
 */
export function lineOfRecord(index: number): number {
  return index + 2
}
