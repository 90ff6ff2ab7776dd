/**
 * The test oracle: what the default CSV must hold for the stand-in's library, computed straight
 * from the server's own data, independently of the action's column code.
 */
import type { LibraryComponent, LibraryParameter } from '../../local-altium/index.js'

export const DEFAULT_HEADERS = [
  'name',
  'revision',
  'lifecycle-state',
  'allowed-in-design',
  'folder',
  'type',
  'comment',
  'description',
  'value',
  'footprint',
  'symbol',
  'manufacturer-1',
  'mpn-1',
  'manufacturer-2',
  'mpn-2',
  'manufacturer-3',
  'mpn-3',
  'part-choice-count',
  'datasheet'
]

const LINK_PARAMETERS = [
  'Datasheet',
  'Datasheet URL',
  'DatasheetURL',
  'ComponentLink1URL',
  'ComponentLink2URL',
  'ComponentLink3URL',
  'HelpURL'
]

function parameter(component: LibraryComponent, name: string): string {
  for (const list of [component.details.parameters, component.details.itemParameters]) {
    const same = list.filter((p: LibraryParameter) => p.name.toLowerCase() === name.toLowerCase())
    if (same.length) return (same.find((p) => p.name === name) ?? same[0]).value
  }
  return ''
}

function sortedNames(items: { name: string }[]): string {
  const names = Array.from(new Set(items.map((item) => item.name)))
  names.sort((a, b) => (a === b ? 0 : a < b ? -1 : 1))
  return names.join('; ')
}

/** What a cell looks like after the file's rules: one line, formulas escaped. */
export function fileCell(value: string): string {
  const oneLine = value.split('\r\n').join(' ').split('\r').join(' ').split('\n').join(' ')
  return '=+-@\t'.includes(oneLine.charAt(0)) && oneLine !== '' ? `'${oneLine}` : oneLine
}

export function expectedRow(component: LibraryComponent): string[] {
  const parts = [...component.manufacturerParts].sort((a, b) =>
    a.priority !== b.priority
      ? a.priority - b.priority
      : a.companyName !== b.companyName
        ? a.companyName < b.companyName
          ? -1
          : 1
        : a.partNumber < b.partNumber
          ? -1
          : a.partNumber > b.partNumber
            ? 1
            : 0
  )
  const typeNames: string[] = []
  for (let type = component.componentType; type; type = type.parent) typeNames.unshift(type.name)
  const state = component.revision.details?.lifeCycleState
  const link = LINK_PARAMETERS.map((name) => parameter(component, name).trim()).find(
    (value) => value !== ''
  )
  return [
    component.name,
    component.revision.revisionId,
    state ? state.name : '',
    state ? (state.isAllowedInDesign ? 'true' : 'false') : '',
    component.folder ? component.folder.path : '',
    typeNames.join('/'),
    component.comment,
    component.description,
    parameter(component, 'Value'),
    sortedNames(component.details.footprints),
    sortedNames(component.details.symbols),
    parts[0]?.companyName ?? '',
    parts[0]?.partNumber ?? '',
    parts[1]?.companyName ?? '',
    parts[1]?.partNumber ?? '',
    parts[2]?.companyName ?? '',
    parts[2]?.partNumber ?? '',
    String(component.manufacturerParts.length),
    link ?? sortedNames(component.details.datasheets)
  ].map(fileCell)
}

/** Every expected row, in the file's order: by name, then id. */
export function expectedRows(library: LibraryComponent[]): string[][] {
  return [...library]
    .sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.id < b.id ? -1 : 1))
    .map(expectedRow)
}
