import type {
  ComponentNode,
  ComponentTypeNode,
  ManufacturerPartNode,
  ParameterNode
} from './component-node.js'

/**
 * One CSV column: its header, the API fields it needs (dotted paths under `nodes`), and how a
 * component becomes its cell text.
 */
export interface Column {
  /** The column id as the user writes it, e.g. `mpn-2` or `parameter:Tolerance`. */
  id: string
  header: string
  fields: string[]
  cell(component: ComponentNode): string
}

type ColumnDefinition = Omit<Column, 'id' | 'header'>

const PARAMETER_FIELDS = [
  'details.parameters.name',
  'details.parameters.value',
  'details.itemParameters.name',
  'details.itemParameters.value'
]
const PART_CHOICE_FIELDS = [
  'manufacturerParts.companyName',
  'manufacturerParts.partNumber',
  'manufacturerParts.priority'
]

/** Parameters that hold a datasheet link in real libraries, most specific first. */
export const DATASHEET_PARAMETERS = [
  'Datasheet',
  'Datasheet URL',
  'DatasheetURL',
  'ComponentLink1URL',
  'ComponentLink2URL',
  'ComponentLink3URL',
  'HelpURL'
]

const FIXED_COLUMNS: Record<string, ColumnDefinition> = {
  name: { fields: ['name'], cell: (c) => c.name ?? '' },
  revision: { fields: ['revision.revisionId'], cell: (c) => c.revision?.revisionId ?? '' },
  'lifecycle-state': {
    fields: ['revision.details.lifeCycleState.name'],
    cell: (c) => c.revision?.details?.lifeCycleState?.name ?? ''
  },
  'allowed-in-design': {
    fields: ['revision.details.lifeCycleState.isAllowedInDesign'],
    cell: (c) => booleanCell(c.revision?.details?.lifeCycleState?.isAllowedInDesign)
  },
  folder: { fields: ['folder.path'], cell: (c) => c.folder?.path ?? '' },
  type: {
    fields: ['componentType.name', 'componentType.parent.name', 'componentType.parent.parent.name'],
    cell: (c) => componentTypePath(c.componentType)
  },
  comment: { fields: ['comment'], cell: (c) => c.comment ?? '' },
  description: { fields: ['description'], cell: (c) => c.description ?? '' },
  value: { fields: PARAMETER_FIELDS, cell: (c) => parameterValue(c, 'Value') },
  footprint: {
    fields: ['details.footprints.name'],
    cell: (c) => joinList((c.details?.footprints ?? []).map((f) => f.name))
  },
  symbol: {
    fields: ['details.symbols.name'],
    cell: (c) => joinList((c.details?.symbols ?? []).map((s) => s.name))
  },
  'part-choice-count': {
    fields: PART_CHOICE_FIELDS,
    cell: (c) => String(c.manufacturerParts?.length ?? 0)
  },
  datasheet: {
    fields: [...PARAMETER_FIELDS, 'details.datasheets.name'],
    cell: datasheetCell
  },
  id: { fields: ['id'], cell: (c) => c.id },
  'is-managed': { fields: ['isManaged'], cell: (c) => booleanCell(c.isManaged) },
  'created-at': { fields: ['createdAt'], cell: (c) => c.createdAt ?? '' },
  'modified-at': { fields: ['modifiedAt'], cell: (c) => c.modifiedAt ?? '' },
  'created-by': {
    fields: ['createdBy.userName', 'createdBy.email'],
    cell: (c) => c.createdBy?.userName || c.createdBy?.email || ''
  }
}

/** Columns numbered by part choice (`mpn-1` is the MPN of the highest-priority part choice). */
const NUMBERED_COLUMNS: Record<string, (slot: number) => ColumnDefinition> = {
  manufacturer: (slot) => ({
    fields: PART_CHOICE_FIELDS,
    cell: (c) => partChoices(c)[slot]?.companyName ?? ''
  }),
  mpn: (slot) => ({
    fields: PART_CHOICE_FIELDS,
    cell: (c) => partChoices(c)[slot]?.partNumber ?? ''
  }),
  'octopart-id': (slot) => ({
    fields: [...PART_CHOICE_FIELDS, 'manufacturerParts.octopartId'],
    cell: (c) => partChoices(c)[slot]?.octopartId ?? ''
  }),
  supplier: (slot) => ({
    fields: [...PART_CHOICE_FIELDS, ...SUPPLIER_FIELDS],
    cell: (c) => supplierParts(c)[slot]?.companyName ?? ''
  }),
  spn: (slot) => ({
    fields: [...PART_CHOICE_FIELDS, ...SUPPLIER_FIELDS],
    cell: (c) => supplierParts(c)[slot]?.partNumber ?? ''
  })
}
const SUPPLIER_FIELDS = [
  'manufacturerParts.supplierParts.companyName',
  'manufacturerParts.supplierParts.partNumber'
]

const PARAMETER_PREFIX = 'parameter:'
export const MAX_SLOT = 20

/** Column ids a user may list, for error messages. */
export const COLUMN_ID_HELP =
  `${Object.keys(FIXED_COLUMNS).join(', ')}, ` +
  `${Object.keys(NUMBERED_COLUMNS)
    .map((prefix) => `${prefix}-N`)
    .join(', ')} (N = 1..${MAX_SLOT}), ${PARAMETER_PREFIX}<Name>`

/** Looks a column id up; undefined when no such column exists. */
export function columnById(id: string, header = id): Column | undefined {
  const fixed = FIXED_COLUMNS[id]
  if (fixed) return { id, header, ...fixed }
  if (id.startsWith(PARAMETER_PREFIX) && id.length > PARAMETER_PREFIX.length) {
    return parameterColumn(id.slice(PARAMETER_PREFIX.length), header)
  }
  const numbered = /^([a-z-]+)-(\d+)$/.exec(id)
  if (numbered) {
    const slot = Number(numbered[2])
    const build = NUMBERED_COLUMNS[numbered[1]]
    if (build && slot >= 1 && slot <= MAX_SLOT) return { id, header, ...build(slot - 1) }
  }
  return undefined
}

/** A column holding one component parameter, matched by name without regard to case. */
export function parameterColumn(parameterName: string, header = parameterName): Column {
  return {
    id: `${PARAMETER_PREFIX}${parameterName}`,
    header,
    fields: PARAMETER_FIELDS,
    cell: (c) => parameterValue(c, parameterName)
  }
}

/** The default column ids (docs/design.md#records), with as many part-choice pairs as asked for. */
export function defaultColumnIds(partChoiceCount: number): string[] {
  const pairs: string[] = []
  for (let slot = 1; slot <= partChoiceCount; slot++)
    pairs.push(`manufacturer-${slot}`, `mpn-${slot}`)
  return [
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
    ...pairs,
    'part-choice-count',
    'datasheet'
  ]
}

/** Part choices in a stable order: by priority, then manufacturer and MPN to break ties. */
export function partChoices(component: ComponentNode): ManufacturerPartNode[] {
  return [...(component.manufacturerParts ?? [])].sort(
    (a, b) =>
      (a.priority ?? 0) - (b.priority ?? 0) ||
      compareText(a.companyName ?? '', b.companyName ?? '') ||
      compareText(a.partNumber ?? '', b.partNumber ?? '')
  )
}

function supplierParts(component: ComponentNode): { companyName?: string; partNumber?: string }[] {
  return partChoices(component).flatMap((part) =>
    [...(part.supplierParts ?? [])].sort(
      (a, b) =>
        compareText(a.companyName ?? '', b.companyName ?? '') ||
        compareText(a.partNumber ?? '', b.partNumber ?? '')
    )
  )
}

/** Revision-level parameters win over item-level ones; an exact-case name wins over others. */
export function parameterValue(component: ComponentNode, name: string): string {
  return findParameter(component, name)?.value ?? ''
}

/**
 * The parameter `parameterValue` reads, or undefined when the component has none of that name.
 * Written without temporary arrays or strings: the audit calls it many times per component.
 */
export function findParameter(component: ComponentNode, name: string): ParameterNode | undefined {
  const details = component.details
  if (!details) return undefined
  return findIn(details.parameters, name) ?? findIn(details.itemParameters, name)
}

function findIn(list: ParameterNode[] | undefined, name: string): ParameterNode | undefined {
  if (!list?.length) return undefined
  // Only a text of the same length can lowercase to what an ASCII name lowercases to.
  const anyLength = NON_ASCII.test(name)
  let wanted: string | undefined
  let loose: ParameterNode | undefined
  for (const parameter of list) {
    if (parameter.name === name) return parameter
    if (loose !== undefined || (parameter.name.length !== name.length && !anyLength)) continue
    wanted ??= name.toLowerCase()
    if (parameter.name.toLowerCase() === wanted) loose = parameter
  }
  return loose
}

/** Anything but printable ASCII; other texts are compared by lowercasing them. */
const NON_ASCII = /[^ -~]/

/**
 * `a.toLowerCase() === b.toLowerCase()`, without lowercasing texts of different lengths when one
 * is ASCII: only a non-ASCII text can change length when lowercased, and then not into ASCII.
 */
export function sameIgnoringCase(a: string, b: string): boolean {
  if (a === b) return true
  if (a.length !== b.length && (!NON_ASCII.test(a) || !NON_ASCII.test(b))) return false
  return a.toLowerCase() === b.toLowerCase()
}

function datasheetCell(component: ComponentNode): string {
  for (const name of DATASHEET_PARAMETERS) {
    const value = parameterValue(component, name).trim()
    if (value) return value
  }
  return joinList((component.details?.datasheets ?? []).map((d) => d.name))
}

function componentTypePath(type: ComponentTypeNode | null | undefined): string {
  const names: string[] = []
  for (let level = type; level; level = level.parent) if (level.name) names.unshift(level.name)
  return names.join('/')
}

function booleanCell(value: boolean | undefined): string {
  return value === undefined ? '' : String(value)
}

/** Lists (several footprints, symbols) are sorted, de-duplicated and joined with `; `. */
export function joinList(values: string[]): string {
  return [...new Set(values)].sort(compareText).join('; ')
}

/** Ordinal comparison: the same order on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
