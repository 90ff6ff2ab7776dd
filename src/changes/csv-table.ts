import { parse } from 'csv-parse/sync'

/** A CSV file as a header row and data rows of text cells. */
export interface CsvTable {
  headers: string[]
  rows: string[][]
}

/**
 * Reads CSV text the way the action writes it, and the way people save it by hand: a byte order
 * mark is dropped, LF, CRLF and CR line endings are all accepted, blank lines are skipped, and a
 * row with fewer cells than the header counts its missing cells as empty, and a stray quote inside
 * an unquoted cell is kept as text (a file written with another delimiter then shows up as columns
 * that changed, not as an error). Throws csv-parse's error (with its line number) on text that is
 * not CSV at all, e.g. a quote that is never closed.
 */
export function parseCsvTable(text: string, delimiter: string): CsvTable {
  const records = parse(text, {
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true
  }) as string[][]
  const [headers = [], ...rows] = records
  return { headers, rows }
}

/**
 * A table read row by row. A parsed file keeps arrays of cells; the export keeps each row as one
 * string (see `ComponentRecord.row`), which a large library needs to stay small in memory.
 */
export interface RowSource {
  headers: string[]
  rowCount: number
  /** The cells of a row (0-based, in file order). */
  cells(row: number): string[]
  /** One cell: cheaper than `cells` for a table that has to split its row. */
  cell(row: number, column: number): string
}

/** Reads a table of cell arrays, or a row source as it is. */
export function asRowSource(table: CsvTable | RowSource): RowSource {
  if (!('rows' in table)) return table
  const { headers, rows } = table
  return {
    headers,
    rowCount: rows.length,
    cells: (row) => rows[row],
    cell: (row, column) => rows[row][column] ?? ''
  }
}
