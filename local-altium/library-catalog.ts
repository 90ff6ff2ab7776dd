// Lookup tables over the served library, rebuilt whenever the library is replaced.
import type {
  LibraryComponent,
  LibraryComponentType,
  LibraryDatasheet,
  LibraryFolder,
  LibraryFootprint,
  LibraryRevisionDetails,
  LibrarySymbol
} from './library-types.js'

export interface LibraryCatalog {
  components: readonly LibraryComponent[]
  byId: Map<string, LibraryComponent>
  byName: Map<string, LibraryComponent>
  byRevisionId: Map<string, LibraryRevisionDetails>
  folders: LibraryFolder[]
  componentTypes: LibraryComponentType[]
  footprints: LibraryFootprint[]
  symbols: LibrarySymbol[]
  datasheets: LibraryDatasheet[]
  /** Components that use a symbol, by symbol id (DesSymbol.usedBy). */
  symbolUsers: Map<string, LibraryComponent[]>
}

/** Collects distinct objects by key, keeping first-seen order. */
function distinct<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  const seen = new Map<string, T>()
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item)
  return [...seen.values()]
}

function* withParents<T extends { parent: T | null }>(item: T | null): Generator<T> {
  for (let at = item; at; at = at.parent) yield at
}

export function buildCatalog(components: readonly LibraryComponent[]): LibraryCatalog {
  const symbolUsers = new Map<string, LibraryComponent[]>()
  for (const component of components) {
    for (const symbol of component.details.symbols) {
      const users = symbolUsers.get(symbol.id) ?? []
      users.push(component)
      symbolUsers.set(symbol.id, users)
    }
  }
  const models = components.map((c) => c.details)
  return {
    components,
    byId: new Map(components.map((c) => [c.id, c])),
    byName: new Map(components.map((c) => [c.name, c])),
    byRevisionId: new Map(
      components.flatMap((c) =>
        c.revision.details ? [[c.revision.revisionId, c.revision.details]] : []
      )
    ),
    folders: distinct(
      [
        ...components.flatMap((c) => [...withParents(c.folder)]),
        ...models.flatMap((d) =>
          [...d.footprints, ...d.symbols, ...d.datasheets].flatMap((m) => [
            ...withParents(m.folder)
          ])
        )
      ],
      (f) => f.folderId
    ),
    componentTypes: distinct(
      components.flatMap((c) => [...withParents(c.componentType)]),
      (t) => t.componentTypeId
    ),
    footprints: distinct(
      models.flatMap((d) => d.footprints),
      (m) => m.id
    ),
    symbols: distinct(
      models.flatMap((d) => d.symbols),
      (m) => m.id
    ),
    datasheets: distinct(
      models.flatMap((d) => d.datasheets),
      (m) => m.id
    ),
    symbolUsers
  }
}
