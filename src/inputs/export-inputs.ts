import type { LibraryFilter } from '../api/library-export.js'
import { STRATEGY_CHOICES, type StrategyChoice } from '../api/strategy.js'
import { MAX_PAGE_SIZE, type PageSizeSetting } from '../api/page-size.js'
import { DEFAULT_KEY_COLUMN, Input } from '../constants.js'
import { InputError } from '../input-error.js'
import {
  COLUMN_ID_HELP,
  columnById,
  defaultColumnIds,
  parameterColumn,
  type Column
} from '../library/columns.js'
import { readWholeNumber } from './readers.js'

// What the export asks for and how the CSV is written: columns, filter, page size, delimiter and
// the key column.

const FILTER_KEYS = ['name', 'comment', 'description', 'folder'] as const

export function readColumns(
  columnLines: string[],
  parameterNames: string[],
  partChoices: number
): Column[] {
  const specs = columnLines.length
    ? columnLines.map((line) => {
        const separator = line.indexOf('=')
        return separator < 0
          ? { id: line, header: line }
          : { header: line.slice(0, separator).trim(), id: line.slice(separator + 1).trim() }
      })
    : defaultColumnIds(partChoices).map((id) => ({ id, header: id }))
  const columns = specs.map(({ id, header }) => {
    const column = columnById(id, header || id)
    if (!column) {
      throw new InputError(
        `Input '${Input.Columns}': unknown column "${id}". Accepted column ids: ${COLUMN_ID_HELP}.`
      )
    }
    return column
  })
  columns.push(...parameterNames.map((name) => parameterColumn(name)))
  const headers = new Set<string>()
  for (const column of columns) {
    if (headers.has(column.header)) {
      throw new InputError(
        `Inputs '${Input.Columns}' and '${Input.Parameters}': the header "${column.header}" ` +
          'appears twice. Rename one with `Header=column-id`.'
      )
    }
    headers.add(column.header)
  }
  return columns
}

export function readFilter(filterLines: string[]): LibraryFilter {
  const filter: LibraryFilter = {}
  for (const line of filterLines) {
    const separator = line.indexOf('=')
    const key = line.slice(0, Math.max(separator, 0)).trim() as (typeof FILTER_KEYS)[number]
    if (separator < 0 || !FILTER_KEYS.includes(key)) {
      throw new InputError(
        `Input '${Input.Filter}': "${line}" is not accepted. Accepted lines: ` +
          `${FILTER_KEYS.map((k) => `${k}=…`).join(', ')}.`
      )
    }
    if (filter[key] !== undefined) {
      throw new InputError(`Input '${Input.Filter}': "${key}" is given twice; give it once.`)
    }
    filter[key] = line.slice(separator + 1).trim()
  }
  return filter
}

export function readDelimiter(raw: string): string {
  // Read untrimmed so that a tab survives; the word `tab` is accepted too.
  const value = raw === '' ? ',' : raw.trim() === 'tab' ? '\t' : raw.length === 1 ? raw : raw.trim()
  if ([...value].length === 1 && !['"', '\r', '\n'].includes(value)) return value
  throw new InputError(
    `Input '${Input.Delimiter}': "${raw}" is not accepted. Accepted: one character other than ` +
      'a double quote or a line break, e.g. `,`, `;` or `tab`.'
  )
}

/**
 * A column header, or a column id (`key-column: name` finds `Part=name`). The default, `name`,
 * falls back to the first column when the columns leave `name` out, so that a narrow export still
 * gets a change report.
 */
export function readKeyColumn(value: string, columns: Column[]): string {
  const column =
    columns.find((c) => c.header === value) ??
    columns.find((c) => c.id === value) ??
    (value === DEFAULT_KEY_COLUMN ? columns[0] : undefined)
  if (column) return column.header
  throw new InputError(
    `Input '${Input.KeyColumn}': "${value}" is not a column of the CSV. Accepted: one of its ` +
      `headers: ${columns.map((c) => c.header).join(', ')}.`
  )
}

/** `auto`, or a whole number of components per request up to the largest page asked for. */
export function readPageSize(value: string): PageSizeSetting {
  if (value.toLowerCase() === 'auto') return 'auto'
  return readWholeNumber(Input.PageSize, value, 1, MAX_PAGE_SIZE, 'auto')
}

/** For `npm run bench` only, to compare the strategies side by side: not a documented input. */
export function readBenchStrategy(value: string | undefined): StrategyChoice {
  if (!value) return 'adaptive'
  if ((STRATEGY_CHOICES as readonly string[]).includes(value)) return value as StrategyChoice
  throw new InputError(
    `BENCH_EXPORT_STRATEGY: "${value}" is not accepted. Accepted: ${STRATEGY_CHOICES.join(', ')}.`
  )
}
