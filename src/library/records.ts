import type { ComponentNode } from './component-node.js'
import { compareText, type Column } from './columns.js'

/** One CSV row: the component's id and name, and its cells as the file holds them. */
export interface ComponentRecord {
  id: string
  name: string
  /**
   * The row's clean cells (one line each, formulas neutralised) joined by line feeds, which no
   * clean cell holds: one string a row keeps a library of 100,000 components small in memory.
   * `recordCells` splits it again.
   */
  row: string
  /** The component the row came from, for the stages that read more than the cells (the audit). */
  component?: ComponentNode
}

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/** What separates the cells of `ComponentRecord.row`. */
const CELL_SEPARATOR = '\n'

/** The cells of a record, in column order. */
export function recordCells(record: ComponentRecord): string[] {
  return record.row.split(CELL_SEPARATOR)
}

/** One cell of a record; splits only as far as that column. */
export function recordCell(record: ComponentRecord, column: number): string {
  return record.row.split(CELL_SEPARATOR, column + 1)[column] ?? ''
}

/**
 * A cell as the file holds it: every line break folded into one space, so each row is one line,
 * and (with `escapeFormulas`) a leading apostrophe before what a spreadsheet would run as a
 * formula.
 */
export function cleanCell(value: string, escapeFormulas: boolean): string {
  const oneLine = value.replace(/\r\n|\r|\n/g, ' ')
  return escapeFormulas && FORMULA_START.test(oneLine) ? `'${oneLine}` : oneLine
}

/** Makes a record's row from its cells as the columns give them. */
export function packCells(cells: string[], escapeFormulas: boolean): string {
  return cells.map((cell) => cleanCell(cell, escapeFormulas)).join(CELL_SEPARATOR)
}

/** Fields every export selects whatever the columns: the sort key and the tie-breaker. */
export const ALWAYS_SELECTED_FIELDS = ['id', 'name']

/** The API fields a set of columns needs, plus `folder.path` when filtering by folder. */
export function fieldsFor(columns: Column[], folderFilter?: string): Set<string> {
  const fields = new Set(ALWAYS_SELECTED_FIELDS)
  for (const column of columns) for (const field of column.fields) fields.add(field)
  if (folderFilter !== undefined) fields.add('folder.path')
  return fields
}

/** Where an export hands its components, page by page, as they become complete. */
export interface ComponentSink {
  add(components: readonly ComponentNode[]): void
  /** Forgets everything added: the export starts again another way. */
  clear(): void
}

export interface RecordOptions {
  /** A folder path prefix: components outside it are left out (docs/design.md#filters). */
  folder?: string
  /** Keep each component on its record, for the stages that read more than the cells. */
  keepComponents?: boolean
  /** Neutralise cells that a spreadsheet would run as formulas (`escape-formulas`); default on. */
  escapeFormulas?: boolean
  /** Count the components per lifecycle state (set when the state is fetched anyway). */
  countLifecycle?: boolean
}

/** The API field that holds a component's lifecycle state. */
export const LIFECYCLE_FIELD = 'revision.details.lifeCycleState.name'

/**
 * Turns components into rows as they arrive, so that an export holds the rows rather than every
 * component the API returned. Components outside the folder filter are dropped; `sorted()` gives
 * the rows by name then id, so the file is the same on every run.
 */
export class RecordCollector implements ComponentSink {
  private records: ComponentRecord[] = []
  /** Components handed in, inside the folder or not. */
  received = 0
  /** Rows per lifecycle state (`""` for none), when `countLifecycle` is set. */
  readonly lifecycle = new Map<string, number>()

  constructor(
    private readonly columns: Column[],
    private readonly options: RecordOptions = {}
  ) {}

  add(components: readonly ComponentNode[]): void {
    const { folder, keepComponents, escapeFormulas = true, countLifecycle } = this.options
    this.received += components.length
    for (const component of components) {
      if (!inFolder(component.folder?.path, folder)) continue
      if (countLifecycle) {
        const state = component.revision?.details?.lifeCycleState?.name ?? ''
        this.lifecycle.set(state, (this.lifecycle.get(state) ?? 0) + 1)
      }
      const cells = this.columns.map((column) => column.cell(component))
      this.records.push({
        id: component.id,
        name: component.name ?? '',
        row: packCells(cells, escapeFormulas),
        ...(keepComponents ? { component } : {})
      })
    }
  }

  clear(): void {
    this.records = []
    this.received = 0
    this.lifecycle.clear()
  }

  sorted(): ComponentRecord[] {
    return this.records.sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id))
  }
}

/** The rows of components already at hand, sorted, each with its component. */
export function toRecords(
  components: ComponentNode[],
  columns: Column[],
  folderFilter?: string
): ComponentRecord[] {
  const collector = new RecordCollector(columns, { folder: folderFilter, keepComponents: true })
  collector.add(components)
  return collector.sorted()
}

export function inFolder(folderPath: string | undefined, prefix: string | undefined): boolean {
  if (prefix === undefined) return true
  const wanted = prefix.replace(/\/+$/, '')
  if (!folderPath) return wanted === ''
  return wanted === '' || folderPath === wanted || folderPath.startsWith(`${wanted}/`)
}
