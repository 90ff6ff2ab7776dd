// Deterministic, realistic Altium component library: the same seed always gives the same data.
import type {
  LibraryComponent,
  LibraryManufacturerPart,
  LibraryParameter,
  LibrarySupplierPart,
  ParameterType
} from './library-types.js'
import { LibraryWorld, nodeId, type LifeCycleName } from './library-world.js'
import { NASTY_TEXT, NASTY_TEXT_CASES } from './nasty-text.js'
import {
  PART_FAMILIES,
  datasheetUrl,
  type PartChoiceSpec,
  type PartFamily,
  type PartVariant
} from './part-families.js'
import { Rng } from './prng.js'

export type { LibraryComponent } from './library-types.js'

/** Traits every library of enough components is guaranteed to contain somewhere. */
const GUARANTEED_TRAITS = [
  ...NASTY_TEXT_CASES,
  'unmanaged',
  'nullFolder',
  'nullComponentType',
  'noPartChoices',
  'threePartChoices',
  'notAllowedInDesign',
  'lowercaseValue',
  'datasheetParameter',
  'componentLinkParameter',
  'deletedUser',
  'noModels',
  'twoModels'
] as const

type Trait = (typeof GUARANTEED_TRAITS)[number]

const LEGACY_FOLDER = 'Legacy/Imported from DbLib, 2019'

const SUPPLIERS = ['Digi-Key', 'Mouser', 'Farnell', 'Arrow Electronics', 'LCSC'] as const

const NOT_ALLOWED_STATES: LifeCycleName[] = ['New', 'Not Recommended', 'Obsolete']

/** Spreads the guaranteed traits evenly over the library (several per component if it is small). */
function planTraits(count: number): Map<number, Set<Trait>> {
  const plan = new Map<number, Set<Trait>>()
  if (count <= 0) return plan
  GUARANTEED_TRAITS.forEach((trait, k) => {
    const index =
      count >= GUARANTEED_TRAITS.length
        ? Math.floor(((k + 0.5) * count) / GUARANTEED_TRAITS.length)
        : k % count
    const traits = plan.get(index) ?? new Set<Trait>()
    traits.add(trait)
    plan.set(index, traits)
  })
  return plan
}

export function generateLibrary(seed: number, count: number): LibraryComponent[] {
  const rng = new Rng(seed, 'library')
  const world = new LibraryWorld(rng)
  const plan = planTraits(count)
  const components: LibraryComponent[] = []
  let sequence = rng.int(1, 40)
  for (let index = 0; index < count; index++) {
    // Gaps in the sequence, as deleted or skipped items leave them in a real workspace.
    sequence += rng.weighted([
      [1, 8],
      [2, 1],
      [7, 1]
    ] as const)
    components.push(makeComponent(rng, world, sequence, plan.get(index) ?? new Set()))
  }
  // A stream of its own, so that the supply cases leave every other field as it was.
  plantSupplyCases(new Rng(seed, 'supply'), components)
  return components
}

/**
 * Supply as a real library shows it: one stock entry in ten sold out at its supplier, and, in
 * every library of ten components or more, one component sold out everywhere and one whose
 * second part choice spells the first one's manufacturer in capitals with spaces around it (one
 * manufacturer, single-sourced). Part choices without supplier parts or Octopart ids, single- and
 * multi-sourced components come with the generated part choices.
 */
function plantSupplyCases(rng: Rng, components: LibraryComponent[]): void {
  for (const component of components) {
    for (const part of component.manufacturerParts) {
      for (const supplier of part.supplierParts) {
        for (const stock of supplier.stocks ?? []) if (rng.chance(0.1)) stock.quantity = 0
      }
    }
  }
  if (components.length < 10) return
  const multiSourced = (c: LibraryComponent) =>
    c.manufacturerParts.length >= 2 &&
    c.manufacturerParts[0].companyName !== c.manufacturerParts[1].companyName
  const stocked = (c: LibraryComponent) =>
    c.manufacturerParts.some((p) => p.supplierParts.some((s) => s.stocks?.some((q) => q.quantity)))
  const soldOut = findFrom(components, Math.floor(components.length / 3), stocked)
  for (const part of soldOut?.manufacturerParts ?? []) {
    for (const supplier of part.supplierParts)
      for (const stock of supplier.stocks ?? []) stock.quantity = 0
  }
  const sameMaker = findFrom(components, Math.floor((components.length * 2) / 3), multiSourced)
  if (sameMaker) {
    const [first, second] = sameMaker.manufacturerParts
    second.companyName = ` ${first.companyName.toUpperCase()} `
  }
}

/** The first component from `start` on (wrapping round) that `wanted` accepts. */
function findFrom(
  components: LibraryComponent[],
  start: number,
  wanted: (c: LibraryComponent) => boolean
): LibraryComponent | undefined {
  for (let k = 0; k < components.length; k++) {
    const component = components[(start + k) % components.length]
    if (wanted(component)) return component
  }
  return undefined
}

function makeComponent(
  rng: Rng,
  world: LibraryWorld,
  sequence: number,
  traits: ReadonlySet<Trait>
): LibraryComponent {
  const family = rng.weighted(PART_FAMILIES.map((f) => [f, f.weight] as const))
  const variant = family.variant(rng)
  const isManaged = !traits.has('unmanaged') && !rng.chance(0.06)
  const name = `CMP-${String(family.itemGroup).padStart(5, '0')}-${String(sequence).padStart(6, '0')}`
  const createdAt = world.timestamp()
  const modifiedAt = rng.chance(0.2) ? createdAt : world.timestamp(Date.parse(createdAt))
  const itemInternalId = rng.guid().toUpperCase()
  const revisionId = rng.guid().toUpperCase()

  const partChoices = makePartChoices(rng, variant, traits, isManaged)
  const footprintCount = modelCount(rng, traits, variant.footprints.length, isManaged)
  const footprints = padNames(variant.footprints, footprintCount).map((n) => world.footprint(n))
  const symbolCount = traits.has('noModels')
    ? 0
    : traits.has('twoModels')
      ? 2
      : rng.weighted([
          [0, 5],
          [1, 85],
          [2, 10]
        ] as const)
  const symbols = padNames(variant.symbols, symbolCount).map((n) => world.symbol(n))
  const firstChoice = partChoices[0] ?? variant.partChoices[0]
  const datasheets =
    !traits.has('noModels') && rng.chance(0.45)
      ? [world.datasheet(`${variant.value} Datasheet`, `${firstChoice[0]} ${variant.description}`)]
      : []

  const component: LibraryComponent = {
    id: nodeId('DesComponent', itemInternalId, revisionId),
    name,
    comment: variant.comment,
    description: rng.chance(0.03) ? '' : variant.description,
    isManaged,
    createdAt,
    modifiedAt,
    createdBy: traits.has('deletedUser') ? world.deletedUser : world.user(),
    folder: pickFolder(rng, world, family, traits),
    componentType:
      traits.has('nullComponentType') || rng.chance(0.1)
        ? null
        : world.componentType(
            rng.chance(0.15) && family.typePath.length > 1
              ? family.typePath.slice(0, -1)
              : family.typePath
          ),
    revision: {
      id: nodeId('DesRevision', revisionId),
      revisionId,
      details: isManaged
        ? {
            id: nodeId('DesRevisionDetails', revisionId),
            revisionId,
            comment: rng.pick(['Initial release', 'Updated part choices', 'Footprint fix', null]),
            description: rng.chance(0.8) ? variant.description : null,
            childCount: footprints.length + symbols.length + datasheets.length,
            parentCount: rng.int(0, 40),
            isDeleted: false,
            createdAt: modifiedAt,
            modifiedAt,
            releaseDate: modifiedAt,
            lifeCycleState: world.lifeCycleState(pickLifeCycle(rng, traits)),
            references: []
          }
        : null
    },
    revisionId,
    manufacturerParts: zipPriorities(rng, partChoices).map(
      ([[companyName, partNumber], priority]) =>
        makeManufacturerPart(rng, companyName, partNumber, priority)
    ),
    model3D:
      footprints.length > 0 && rng.chance(0.5)
        ? {
            parasolidFile: rng.chance(0.9)
              ? {
                  fileName: `${footprints[0].name}.x_t`,
                  relativePath: `3D/${footprints[0].name}.x_t`
                }
              : null
          }
        : null,
    details: {
      itemInternalId,
      parameters: makeParameters(rng, variant, traits, isManaged, firstChoice),
      itemParameters: makeItemParameters(rng, isManaged),
      footprints,
      symbols,
      datasheets,
      simulations: []
    }
  }
  plantNastyText(rng, component, traits)
  return component
}

function pickFolder(rng: Rng, world: LibraryWorld, family: PartFamily, traits: ReadonlySet<Trait>) {
  if (traits.has('nullFolder') || rng.chance(0.05)) return null
  if (rng.chance(0.05)) return world.folder(LEGACY_FOLDER, 0)
  return world.folder(family.folderPath, family.itemGroup)
}

function pickLifeCycle(rng: Rng, traits: ReadonlySet<Trait>): LifeCycleName {
  if (traits.has('notAllowedInDesign')) return rng.pick(NOT_ALLOWED_STATES)
  return rng.weighted([
    ['Released', 55],
    ['Prototype', 15],
    ['New', 10],
    ['Not Recommended', 10],
    ['Obsolete', 10]
  ] as const)
}

function modelCount(
  rng: Rng,
  traits: ReadonlySet<Trait>,
  available: number,
  isManaged: boolean
): number {
  if (traits.has('noModels')) return 0
  if (traits.has('twoModels')) return 2
  const wanted = isManaged
    ? rng.weighted([
        [0, 8],
        [1, 75],
        [2, 17]
      ] as const)
    : rng.int(0, 1)
  return Math.min(wanted, available)
}

/** A second model for a one-model family is an alternate, e.g. "OPAMP_DUAL_ALT1". */
function padNames(names: readonly string[], count: number): string[] {
  const out = names.slice(0, count)
  while (out.length < count) out.push(`${names[0]}_ALT${out.length}`)
  return out
}

function makePartChoices(
  rng: Rng,
  variant: PartVariant,
  traits: ReadonlySet<Trait>,
  isManaged: boolean
): PartChoiceSpec[] {
  const count = traits.has('noPartChoices')
    ? 0
    : traits.has('threePartChoices')
      ? 3
      : isManaged
        ? rng.weighted([
            [0, 15],
            [1, 40],
            [2, 28],
            [3, 17]
          ] as const)
        : rng.int(0, 1)
  const candidates = rng.shuffle(variant.partChoices)
  // Families with few manufacturers still get packaging variants (tape and reel, cut tape).
  for (const suffix of ['-TR', '-CT', '/R7']) {
    if (candidates.length >= count) break
    const [companyName, partNumber] = variant.partChoices[0]
    candidates.push([companyName, `${partNumber}${suffix}`])
  }
  return candidates.slice(0, count)
}

/** Priorities are a permutation, so array order and priority order differ, as in the gateway. */
function zipPriorities<T>(rng: Rng, items: readonly T[]): [T, number][] {
  const base = rng.chance(0.2) ? 0 : 1
  const order = rng.shuffle(items.map((_, i) => base + i))
  return items.map((item, i) => [item, order[i]])
}

function makeManufacturerPart(
  rng: Rng,
  companyName: string,
  partNumber: string,
  priority: number
): LibraryManufacturerPart {
  const supplierCount = rng.weighted([
    [0, 20],
    [1, 35],
    [2, 30],
    [3, 15]
  ] as const)
  return {
    companyName,
    partNumber,
    priority,
    octopartId: rng.chance(0.65) ? rng.digits(rng.int(8, 9)) : null,
    parameters: rng.chance(0.2)
      ? [{ name: 'Mounting Type', unit: null, value: 'Surface Mount' }]
      : [],
    supplierParts: rng
      .shuffle(SUPPLIERS)
      .slice(0, supplierCount)
      .map((supplier) => makeSupplierPart(rng, supplier, partNumber))
  }
}

function makeSupplierPart(rng: Rng, supplier: string, mpn: string): LibrarySupplierPart {
  const sku = {
    'Digi-Key': `${rng.int(1, 999)}-${mpn}CT-ND`,
    Mouser: `${rng.int(100, 999)}-${mpn}`,
    Farnell: rng.digits(7),
    'Arrow Electronics': mpn,
    LCSC: `C${rng.digits(rng.int(4, 7))}`
  }[supplier]
  const currency = supplier === 'Farnell' ? 'EUR' : 'USD'
  const unitPrice = 0.002 + rng.next() * rng.pick([0.2, 2, 12])
  const prices = rng.chance(0.75)
    ? [1, 10, 100, 1000, 5000].slice(0, rng.int(1, 5)).map((breakQuantity, step) => ({
        breakQuantity,
        currency,
        price: Math.round(unitPrice * 0.82 ** step * 10000) / 10000
      }))
    : rng.chance(0.5)
      ? null
      : []
  const stocks = rng.chance(0.8)
    ? [{ locationName: supplier === 'LCSC' ? 'CN' : 'Global', quantity: rng.int(0, 250000) }]
    : null
  return { companyName: supplier, partNumber: sku ?? mpn, prices, stocks }
}

function makeParameters(
  rng: Rng,
  variant: PartVariant,
  traits: ReadonlySet<Trait>,
  isManaged: boolean,
  firstChoice: PartChoiceSpec
): LibraryParameter[] {
  const valueName = traits.has('lowercaseValue')
    ? 'value'
    : rng.weighted([
        ['Value', 85],
        ['value', 12],
        ['VALUE', 3]
      ] as const)
  const specs: [string, string, ParameterType, string | null][] = [
    [valueName, variant.value, variant.valueType, variant.valueReal],
    ...variant.parameters
      .filter(() => rng.chance(0.9))
      .map((p) => [...p] as [string, string, ParameterType, string | null])
  ]
  if (rng.chance(0.7)) {
    specs.push([
      'RoHS',
      rng.pick(['Compliant', 'Yes', 'RoHS3 Compliant', 'Non-Compliant']),
      'TEXT',
      null
    ])
  }
  const url = datasheetUrl(firstChoice[0], firstChoice[1])
  if (
    traits.has('datasheetParameter') ||
    (!traits.has('componentLinkParameter') && rng.chance(0.3))
  ) {
    specs.push(['Datasheet', url, 'TEXT', null])
  } else if (traits.has('componentLinkParameter') || rng.chance(0.25)) {
    specs.push(['ComponentLink1Description', 'Datasheet', 'TEXT', null])
    specs.push(['ComponentLink1URL', url, 'TEXT', null])
  }
  if (rng.chance(0.15)) {
    // Leftovers from DbLib migrations duplicate the first part choice as plain parameters.
    specs.push(['Manufacturer 1', firstChoice[0], 'TEXT', null])
    specs.push(['Manufacturer Part Number 1', firstChoice[1], 'TEXT', null])
  }
  return specs.map(([name, value, type, realValue]) =>
    isManaged ? { name, value, type, realValue } : { name, value, type: 'NONE', realValue: null }
  )
}

function makeItemParameters(rng: Rng, isManaged: boolean): LibraryParameter[] {
  const out: LibraryParameter[] = []
  const type: ParameterType = isManaged ? 'TEXT' : 'NONE'
  if (rng.chance(0.2)) out.push({ name: 'Owner', value: 'Hardware Team', type, realValue: null })
  if (rng.chance(0.1)) {
    out.push({ name: 'Internal Part Number', value: `IPN-${rng.digits(6)}`, type, realValue: null })
  }
  return out
}

/** Puts hostile text into comment, description or a Notes parameter, rotating by case. */
function plantNastyText(rng: Rng, component: LibraryComponent, traits: ReadonlySet<Trait>): void {
  const cases = NASTY_TEXT_CASES.filter((c) => traits.has(c))
  if (cases.length === 0 && rng.chance(0.06)) cases.push(rng.pick(NASTY_TEXT_CASES))
  for (const textCase of cases) {
    const text = NASTY_TEXT[textCase]
    const target = NASTY_TEXT_CASES.indexOf(textCase) % 3
    if (target === 0) component.comment = text
    else if (target === 1) component.description = text
    else {
      const type: ParameterType = component.isManaged ? 'TEXT' : 'NONE'
      const parameters = component.details.parameters
      const notes = parameters.filter((p) => p.name.startsWith('Notes')).length
      const name = notes === 0 ? 'Notes' : `Notes ${notes + 1}`
      parameters.push({ name, value: text, type, realValue: null })
    }
  }
}
