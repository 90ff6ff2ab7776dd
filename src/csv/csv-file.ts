import { stringify } from 'csv-stringify/sync'
import type { CsvTable } from '../changes/csv-table.js'
import type { ComponentRecord } from '../library/records.js'

export interface CsvOptions {
  delimiter: string
  bom: boolean
  escapeFormulas: boolean
}

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/** The cells exactly as the file holds them: one line each, formulas neutralised. */
export function csvTable(
  headers: string[],
  records: ComponentRecord[],
  options: CsvOptions
): CsvTable {
  const clean = (value: string) => cleanCell(value, options.escapeFormulas)
  return { headers: headers.map(clean), rows: records.map((record) => record.cells.map(clean)) }
}

/** Renders a table of clean cells as CSV text that diffs well: a header row and LF line endings. */
export function renderCsvTable(table: CsvTable, options: CsvOptions): string {
  return stringify([table.headers, ...table.rows], {
    delimiter: options.delimiter,
    record_delimiter: '\n',
    bom: options.bom
  })
}

/**
 * Renders the rows as CSV text that diffs well: a header row, LF line endings, every value on one
 * line, and (by default) formulas neutralised with a leading apostrophe.
 */
export function renderCsv(
  headers: string[],
  records: ComponentRecord[],
  options: CsvOptions
): string {
  return renderCsvTable(csvTable(headers, records, options), options)
}

export function cleanCell(value: string, escapeFormulas: boolean): string {
  const oneLine = value.replace(/\r\n|\r|\n/g, ' ')
  return escapeFormulas && FORMULA_START.test(oneLine) ? `'${oneLine}` : oneLine
}

/**
 * The line of the file that holds a record: the header is line 1 and every record is one line
 * (line breaks inside values became spaces), so record `index` (from 0) is on line `index + 2`.
 */
export function lineOfRecord(index: number): number {
  return index + 2
}
