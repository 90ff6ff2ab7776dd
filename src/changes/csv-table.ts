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
