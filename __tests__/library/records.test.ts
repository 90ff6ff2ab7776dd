import { describe, expect, it } from '@jest/globals'
import { selectionSet, libraryPageQuery } from '../../src/api/library-query.js'
import {
  columnById,
  defaultColumnIds,
  findParameter,
  parameterColumn,
  sameIgnoringCase,
  type Column
} from '../../src/library/columns.js'
import type { ComponentNode } from '../../src/library/component-node.js'
import { fieldsFor, inFolder, toRecords } from '../../src/library/records.js'

function component(overrides: Partial<ComponentNode> = {}): ComponentNode {
  return { id: 'id-1', name: 'CMP-1', ...overrides }
}

function cell(id: string, node: ComponentNode): string {
  const column = columnById(id) as Column
  expect(column).toBeDefined()
  return column.cell(node)
}

describe('column cells', () => {
  it('orders part choices by priority, then manufacturer and MPN', () => {
    const node = component({
      manufacturerParts: [
        { companyName: 'Yageo', partNumber: 'RC0603', priority: 2 },
        { companyName: 'Vishay', partNumber: 'CRCW2', priority: 1 },
        { companyName: 'Bourns', partNumber: 'CR0603', priority: 2 }
      ]
    })
    expect(cell('manufacturer-1', node)).toBe('Vishay')
    expect(cell('mpn-1', node)).toBe('CRCW2')
    expect(cell('manufacturer-2', node)).toBe('Bourns')
    expect(cell('mpn-3', node)).toBe('RC0603')
    expect(cell('mpn-4', node)).toBe('')
    expect(cell('part-choice-count', node)).toBe('3')
  })

  it('lists supplier parts across part choices in part-choice order', () => {
    const node = component({
      manufacturerParts: [
        { priority: 2, supplierParts: [{ companyName: 'Mouser', partNumber: 'M2' }] },
        {
          priority: 1,
          supplierParts: [
            { companyName: 'Mouser', partNumber: 'M1' },
            { companyName: 'Digi-Key', partNumber: 'D1' }
          ]
        }
      ]
    })
    expect([1, 2, 3].map((n) => cell(`spn-${n}`, node))).toEqual(['D1', 'M1', 'M2'])
    expect(cell('supplier-1', node)).toBe('Digi-Key')
  })

  it('matches parameters without regard to case, revision-level before item-level', () => {
    const node = component({
      details: {
        parameters: [
          { name: 'value', value: '10k' },
          { name: 'TOLERANCE', value: '1%' }
        ],
        itemParameters: [
          { name: 'Value', value: 'item-level' },
          { name: 'RoHS', value: 'Yes' }
        ]
      }
    })
    expect(cell('value', node)).toBe('10k')
    expect(parameterColumn('Tolerance').cell(node)).toBe('1%')
    expect(parameterColumn('rohs').cell(node)).toBe('Yes')
    expect(parameterColumn('Missing').cell(node)).toBe('')
  })

  it('prefers an exact-case parameter name when two differ only in case', () => {
    const node = component({
      details: {
        parameters: [
          { name: 'PACKAGE', value: 'upper' },
          { name: 'Package', value: 'exact' }
        ]
      }
    })
    expect(parameterColumn('Package').cell(node)).toBe('exact')
  })

  it('takes the datasheet from a link parameter, else from the datasheet items', () => {
    const linked = component({
      details: {
        parameters: [{ name: 'ComponentLink1URL', value: 'https://example.com/ds.pdf' }],
        datasheets: [{ name: 'DS-1' }]
      }
    })
    expect(cell('datasheet', linked)).toBe('https://example.com/ds.pdf')
    expect(
      cell(
        'datasheet',
        component({ details: { datasheets: [{ name: 'DS-2' }, { name: 'DS-1' }] } })
      )
    ).toBe('DS-1; DS-2')
  })

  it('sorts and joins footprints and symbols, and builds the type path from its parents', () => {
    const node = component({
      details: {
        footprints: [{ name: 'SOT23' }, { name: '0603' }, { name: 'SOT23' }],
        symbols: []
      },
      componentType: { name: 'Ceramic', parent: { name: 'Capacitors', parent: null } }
    })
    expect(cell('footprint', node)).toBe('0603; SOT23')
    expect(cell('symbol', node)).toBe('')
    expect(cell('type', node)).toBe('Capacitors/Ceramic')
  })

  it('writes lifecycle facts, and leaves them empty for an unmanaged component', () => {
    const managed = component({
      revision: {
        revisionId: 'rev-1',
        details: { lifeCycleState: { name: 'Obsolete', isAllowedInDesign: false } }
      }
    })
    expect(cell('lifecycle-state', managed)).toBe('Obsolete')
    expect(cell('allowed-in-design', managed)).toBe('false')
    const unmanaged = component({ revision: { revisionId: 'rev-2', details: null } })
    expect(cell('allowed-in-design', unmanaged)).toBe('')
    expect(cell('revision', unmanaged)).toBe('rev-2')
  })
})

describe('records', () => {
  const columns = ['name', 'folder'].map((id) => columnById(id) as Column)

  it('sorts rows by name then id, by code point rather than locale', () => {
    const records = toRecords(
      [
        component({ id: 'b', name: 'cmp' }),
        component({ id: 'a', name: 'cmp' }),
        component({ id: 'c', name: 'CMP' }),
        component({ id: 'd', name: 'Äb' })
      ],
      columns
    )
    expect(records.map((r) => r.id)).toEqual(['c', 'a', 'b', 'd'])
  })

  it('keeps only components under the folder prefix, at folder boundaries', () => {
    const components = [
      component({ id: '1', folder: { path: 'Components/Passives' } }),
      component({ id: '2', folder: { path: 'Components/Passives/Resistors' } }),
      component({ id: '3', folder: { path: 'Components/PassivesOld' } }),
      component({ id: '4', folder: null })
    ]
    expect(toRecords(components, columns, 'Components/Passives/').map((r) => r.id)).toEqual([
      '1',
      '2'
    ])
    expect(inFolder(undefined, undefined)).toBe(true)
  })

  it('selects only the fields the columns need, plus id, name and the folder for a folder filter', () => {
    expect([...fieldsFor(columns)].sort()).toEqual(['folder.path', 'id', 'name'])
    const mpn = [columnById('mpn-1') as Column]
    expect([...fieldsFor(mpn, 'X')].sort()).toEqual([
      'folder.path',
      'id',
      'manufacturerParts.companyName',
      'manufacturerParts.partNumber',
      'manufacturerParts.priority',
      'name'
    ])
  })
})

describe('the library query', () => {
  it('nests dotted paths into one selection set', () => {
    expect(
      selectionSet(['name', 'revision.details.lifeCycleState.name', 'revision.revisionId'])
    ).toBe('{ name revision { details { lifeCycleState { name } } revisionId } }')
  })

  it('asks for paging facts and the selected fields of each component', () => {
    const query = libraryPageQuery(['id'])
    expect(query).toContain('components(first: $first, after: $after, where: $where)')
    expect(query).toContain('pageInfo { hasNextPage endCursor } nodes { id }')
  })

  it('has a default column set whose every id is known', () => {
    for (const id of defaultColumnIds(3)) expect(columnById(id)).toBeDefined()
  })
})

describe('matching names without regard to case', () => {
  it('agrees with lowercasing both texts, also for texts that change length when lowercased', () => {
    const texts = [
      'Tolerance',
      'TOLERANCE',
      'tolerance ',
      'İ',
      'i̇',
      'i',
      'K',
      '\u212a',
      'k',
      'STRASSE',
      'straße',
      'ΣΑΣ',
      'σας',
      'İstanbul',
      'i̇stanbul',
      ''
    ]
    for (const a of texts) {
      for (const b of texts) {
        expect([a, b, sameIgnoringCase(a, b)]).toEqual([a, b, a.toLowerCase() === b.toLowerCase()])
      }
    }
  })

  it('finds a parameter whose name only differs in case, preferring the exact spelling', () => {
    const node = component({
      details: {
        parameters: [
          { name: 'KELVIN', value: 'ascii' },
          { name: '\u212aelvin', value: 'kelvin sign' },
          { name: 'Kelvin', value: 'exact' }
        ]
      }
    })
    expect(findParameter(node, 'Kelvin')?.value).toBe('exact')
    expect(findParameter(node, 'kelvin')?.value).toBe('ascii')
    expect(findParameter(node, 'Celsius')).toBeUndefined()
  })
})
