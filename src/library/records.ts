import type { ComponentNode } from './component-node.js'
import { compareText, type Column } from './columns.js'

/** One CSV row: the component's id and its cells in column order. */
export interface ComponentRecord {
  id: string
  name: string
  cells: string[]
  /** The component the row came from, for the stages that read more than the cells (the audit). */
  component?: ComponentNode
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

/**
 * Flattens components into rows, keeps those under the folder filter (a path prefix that ends at
 * a folder boundary), and sorts them by name then id so the file is the same on every run.
 */
export function toRecords(
  components: ComponentNode[],
  columns: Column[],
  folderFilter?: string
): ComponentRecord[] {
  return components
    .filter((component) => inFolder(component.folder?.path, folderFilter))
    .map((component) => ({
      id: component.id,
      name: component.name ?? '',
      cells: columns.map((column) => column.cell(component)),
      component
    }))
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id))
}

export function inFolder(folderPath: string | undefined, prefix: string | undefined): boolean {
  if (prefix === undefined) return true
  const wanted = prefix.replace(/\/+$/, '')
  if (!folderPath) return wanted === ''
  return wanted === '' || folderPath === wanted || folderPath.startsWith(`${wanted}/`)
}
