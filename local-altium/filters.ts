// `where` filtering: components support only exact `eq`; other connections get HotChocolate's
// StringOperationFilterInput; folders have their own flat filter.
import type { LibraryComponent, LibraryFolder } from './library-types.js'

export interface ComponentFilter {
  name?: { eq?: string | null } | null
  comment?: { eq?: string | null } | null
  description?: { eq?: string | null } | null
}

/** Components by exact name, per library: a lookup by name is an index read, as in a database. */
const nameIndexes = new WeakMap<readonly LibraryComponent[], Map<string, LibraryComponent[]>>()

function byName(components: readonly LibraryComponent[], name: string): LibraryComponent[] {
  let index = nameIndexes.get(components)
  if (!index) {
    index = new Map()
    for (const component of components) {
      const same = index.get(component.name)
      if (same) same.push(component)
      else index.set(component.name, [component])
    }
    nameIndexes.set(components, index)
  }
  return index.get(name) ?? []
}

export function filterComponents(
  components: readonly LibraryComponent[],
  where: ComponentFilter | null | undefined
): readonly LibraryComponent[] {
  if (!where) return components
  if (typeof where.name?.eq === 'string') {
    const named = byName(components, where.name.eq)
    return named.length && (where.comment || where.description)
      ? filterComponents(named, { comment: where.comment, description: where.description })
      : named
  }
  const checks = (['name', 'comment', 'description'] as const).flatMap((field) => {
    const operation = where[field]
    if (!operation || !('eq' in operation) || operation.eq === undefined) return []
    return [(c: LibraryComponent) => operation.eq !== null && c[field] === operation.eq]
  })
  return checks.length === 0
    ? components
    : components.filter((c) => checks.every((check) => check(c)))
}

export interface StringOperationFilter {
  and?: StringOperationFilter[] | null
  or?: StringOperationFilter[] | null
  eq?: string | null
  neq?: string | null
  contains?: string | null
  ncontains?: string | null
  startsWith?: string | null
  nstartsWith?: string | null
  endsWith?: string | null
  nendsWith?: string | null
  in?: (string | null)[] | null
  nin?: (string | null)[] | null
}

function matchesString(value: string, filter: StringOperationFilter): boolean {
  const tests: boolean[] = []
  const has = (key: keyof StringOperationFilter) => filter[key] !== undefined
  if (has('eq')) tests.push(value === filter.eq)
  if (has('neq')) tests.push(value !== filter.neq)
  if (filter.contains != null) tests.push(value.includes(filter.contains))
  if (filter.ncontains != null) tests.push(!value.includes(filter.ncontains))
  if (filter.startsWith != null) tests.push(value.startsWith(filter.startsWith))
  if (filter.nstartsWith != null) tests.push(!value.startsWith(filter.nstartsWith))
  if (filter.endsWith != null) tests.push(value.endsWith(filter.endsWith))
  if (filter.nendsWith != null) tests.push(!value.endsWith(filter.nendsWith))
  if (filter.in) tests.push(filter.in.includes(value))
  if (filter.nin) tests.push(!filter.nin.includes(value))
  if (filter.and) tests.push(filter.and.every((f) => matchesString(value, f)))
  if (filter.or) tests.push(filter.or.some((f) => matchesString(value, f)))
  return tests.every(Boolean)
}

/** Filter shape of datasheets, footprints, symbols and component types. */
export interface ModelFilter {
  and?: ModelFilter[] | null
  or?: ModelFilter[] | null
  [field: string]: StringOperationFilter | ModelFilter[] | null | undefined
}

export function filterByFields<T extends object>(
  items: readonly T[],
  where: ModelFilter | null | undefined
): readonly T[] {
  if (!where) return items
  const matches = (item: T, filter: ModelFilter): boolean =>
    Object.entries(filter).every(([key, operation]) => {
      if (operation == null) return true
      if (key === 'and') return (operation as ModelFilter[]).every((f) => matches(item, f))
      if (key === 'or') return (operation as ModelFilter[]).some((f) => matches(item, f))
      const value = (item as Record<string, unknown>)[key]
      return typeof value === 'string' && matchesString(value, operation as StringOperationFilter)
    })
  return items.filter((item) => matches(item, where))
}

export interface FolderFilter {
  folderType?: string | null
  matchMode?: 'AND' | 'OR' | null
  name?: string | null
  parentFolderGuid?: string | null
}

export function filterFolders(
  folders: readonly LibraryFolder[],
  where: FolderFilter | null | undefined
): LibraryFolder[] {
  if (!where) return [...folders]
  const checks: ((f: LibraryFolder) => boolean)[] = []
  if (where.folderType) checks.push((f) => f.folderType === where.folderType)
  if (where.name != null) checks.push((f) => f.name === where.name)
  if (where.parentFolderGuid != null) {
    const guid = where.parentFolderGuid.toLowerCase()
    checks.push((f) => f.parent?.folderId.toLowerCase() === guid)
  }
  if (checks.length === 0) return [...folders]
  return folders.filter((f) =>
    where.matchMode === 'OR' ? checks.some((c) => c(f)) : checks.every((c) => c(f))
  )
}
