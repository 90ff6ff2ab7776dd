// The generated library is deterministic and contains every awkward case an exporter must survive.
import { describe, expect, it } from '@jest/globals'
import {
  generateLibrary,
  NASTY_TEXT_CASES,
  NASTY_TEXT_CHECKS,
  type LibraryComponent
} from '../../local-altium/index.js'

const library = generateLibrary(1, 50)

function texts(component: LibraryComponent): string[] {
  return [
    component.comment,
    component.description,
    ...component.details.parameters.map((p) => p.value)
  ]
}

describe('generateLibrary', () => {
  it('returns deep-equal libraries for the same seed and different ones for another seed', () => {
    expect(generateLibrary(1, 50)).toEqual(library)
    const other = generateLibrary(2, 50)
    expect(other).not.toEqual(library)
    expect(other.map((c) => c.id)).not.toEqual(library.map((c) => c.id))
  })

  it('returns exactly the requested number of components, including none', () => {
    expect(generateLibrary(1, 0)).toEqual([])
    expect(generateLibrary(1, 5)).toHaveLength(5)
    expect(library).toHaveLength(50)
  })

  it('gives every component a unique CMP-style name and a unique RGVz id', () => {
    expect(new Set(library.map((c) => c.name)).size).toBe(50)
    expect(new Set(library.map((c) => c.id)).size).toBe(50)
    for (const component of library) {
      expect(component.name).toMatch(/^CMP-\d{5}-\d{6}$/)
      expect(component.id).toMatch(/^RGVz[A-Za-z0-9+/]+=*$/)
      expect(component.revisionId).toBe(component.revision.revisionId)
    }
  })

  it('is plain JSON data', () => {
    expect(JSON.parse(JSON.stringify(library))).toEqual(library)
  })

  it.each(NASTY_TEXT_CASES)('contains text with the %s case', (textCase) => {
    const check = NASTY_TEXT_CHECKS[textCase]
    expect(library.some((c) => texts(c).some(check))).toBe(true)
  })

  it('contains unmanaged components without revision details and with NONE parameter types', () => {
    const unmanaged = library.filter((c) => !c.isManaged)
    expect(unmanaged.length).toBeGreaterThan(0)
    for (const component of unmanaged) {
      expect(component.revision.details).toBeNull()
      expect(
        component.details.parameters.every((p) => p.type === 'NONE' && p.realValue === null)
      ).toBe(true)
    }
  })

  it('contains components without folder or component type, and type chains with parents', () => {
    expect(library.some((c) => c.folder === null)).toBe(true)
    expect(library.some((c) => c.componentType === null)).toBe(true)
    expect(library.some((c) => c.componentType?.parent?.parent)).toBe(true)
    expect(library.some((c) => c.folder?.path.startsWith('Components/Passives/'))).toBe(true)
  })

  it('contains components with no and with three part choices, with shuffled priorities', () => {
    const counts = library.map((c) => c.manufacturerParts.length)
    expect(counts).toContain(0)
    expect(counts).toContain(3)
    expect(Math.max(...counts)).toBeLessThanOrEqual(3)
    const priorityLists = library.map((c) => c.manufacturerParts.map((p) => p.priority))
    for (const priorities of priorityLists) {
      expect(new Set(priorities).size).toBe(priorities.length)
    }
    const unsorted = priorityLists.filter((p) => p.some((value, i) => i > 0 && value < p[i - 1]))
    expect(unsorted.length).toBeGreaterThan(0)
    const suppliers = library.flatMap((c) => c.manufacturerParts.flatMap((p) => p.supplierParts))
    expect(suppliers.some((s) => s.prices === null)).toBe(true)
    expect(suppliers.some((s) => (s.prices?.length ?? 0) > 1)).toBe(true)
  })

  it('contains lifecycle states not allowed in design', () => {
    const states = library.flatMap((c) =>
      c.revision.details ? [c.revision.details.lifeCycleState] : []
    )
    expect(states.some((s) => !s.isAllowedInDesign)).toBe(true)
    expect(new Set(states.map((s) => s.name))).toEqual(
      new Set(['New', 'Prototype', 'Released', 'Not Recommended', 'Obsolete'])
    )
  })

  it('mixes parameter name casing and datasheet link styles', () => {
    const names = new Set(library.flatMap((c) => c.details.parameters.map((p) => p.name)))
    expect(names).toContain('Value')
    expect(names).toContain('value')
    expect(names).toContain('Datasheet')
    expect(names).toContain('ComponentLink1URL')
  })

  it('uses millisecond UTC timestamps and sometimes users that no longer exist', () => {
    for (const component of library) {
      expect(component.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
      expect(component.modifiedAt >= component.createdAt).toBe(true)
    }
    expect(library.some((c) => c.createdBy.userName === null && c.createdBy.email === null)).toBe(
      true
    )
  })

  it('gives components between zero and two footprints and symbols', () => {
    const footprints = library.map((c) => c.details.footprints.length)
    const symbols = library.map((c) => c.details.symbols.length)
    expect(new Set(footprints)).toEqual(new Set([0, 1, 2]))
    expect(Math.max(...symbols)).toBe(2)
    expect(Math.min(...symbols)).toBe(0)
    expect(Math.max(...library.map((c) => c.details.datasheets.length))).toBe(1)
  })
})
