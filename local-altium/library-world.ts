// Shared library furniture (users, folders, component types, lifecycle states, models), built once
// per generated library so components reference the same objects, as they do in a real workspace.
import type {
  LibraryComponentType,
  LibraryDatasheet,
  LibraryFolder,
  LibraryFootprint,
  LibraryLifeCycleState,
  LibraryPin,
  LibrarySymbol,
  LibraryUser
} from './library-types.js'
import type { Rng } from './prng.js'

const EARLIEST = Date.UTC(2019, 0, 7)
const LATEST = Date.UTC(2025, 10, 14)

/** A node-style id: base64 of "<Type>:<guid>", so it starts with RGVz ("Des"). */
export function nodeId(typeName: string, ...parts: string[]): string {
  return Buffer.from(`${typeName}:${parts.join(':')}`, 'utf8').toString('base64')
}

export type LifeCycleName = 'New' | 'Prototype' | 'Released' | 'Not Recommended' | 'Obsolete'

const LIFE_CYCLE_PLAN: readonly (readonly [LifeCycleName, boolean, string, string])[] = [
  ['New', false, '#9E9E9E', '#000000'],
  ['Prototype', true, '#FFC107', '#000000'],
  ['Released', true, '#4CAF50', '#FFFFFF'],
  ['Not Recommended', false, '#FF9800', '#000000'],
  ['Obsolete', false, '#F44336', '#FFFFFF']
]

function color(hexString: string): { hexString: string; rgbString: string } {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hexString.slice(at, at + 2), 16))
  return { hexString, rgbString: `rgb(${r}, ${g}, ${b})` }
}

export class LibraryWorld {
  readonly users: LibraryUser[]
  readonly deletedUser: LibraryUser
  readonly lifeCycleStates: Map<LifeCycleName, LibraryLifeCycleState>
  private readonly folders = new Map<string, LibraryFolder>()
  private readonly componentTypes = new Map<string, LibraryComponentType>()
  private readonly footprints = new Map<string, LibraryFootprint>()
  private readonly symbols = new Map<string, LibrarySymbol>()
  private readonly datasheets = new Map<string, LibraryDatasheet>()

  constructor(private readonly rng: Rng) {
    const person = (
      userName: string | null,
      email: string | null,
      firstName: string | null,
      lastName: string | null,
      hasGlobalId = true
    ): LibraryUser => ({
      userId: rng.guid(),
      userName,
      email,
      firstName,
      lastName,
      globalUserId: hasGlobalId ? rng.guid() : null
    })
    this.users = [
      person('jane.doe@acme.example', 'jane.doe@acme.example', 'Jane', 'Doe'),
      person('j.mueller@acme.example', 'j.mueller@acme.example', 'Jürgen', 'Müller'),
      person('li.wei', 'li.wei@acme.example', '伟', '李'),
      person('s.obrien@acme.example', 's.obrien@acme.example', 'Siobhán', "O'Brien"),
      person('library-sync-bot', null, null, null, false)
    ]
    this.deletedUser = {
      userId: null,
      userName: null,
      email: null,
      firstName: null,
      lastName: null,
      globalUserId: null
    }
    const admin = this.users[0]
    const created = new Date(EARLIEST).toISOString()
    this.lifeCycleStates = new Map(
      LIFE_CYCLE_PLAN.map(([name, isAllowedInDesign, background, foreground], stateIndex) => [
        name,
        {
          lifeCycleStateId: rng.guid().toUpperCase(),
          name,
          description: `${name} state of the Component Lifecycle definition`,
          stateIndex,
          isAllowedInDesign,
          isInitialState: stateIndex === 0,
          isVisible: true,
          backgroundColor: color(background),
          foregroundColor: color(foreground),
          createdAt: created,
          createdBy: admin,
          updatedAt: created,
          updatedBy: admin
        }
      ])
    )
  }

  /** A timestamp between the library's first and last activity, sometimes on a whole second. */
  timestamp(fromMs = EARLIEST, toMs = LATEST): string {
    let ms = fromMs + Math.floor(this.rng.next() * Math.max(1, toMs - fromMs))
    if (this.rng.chance(0.3)) ms -= ms % 1000
    return new Date(ms).toISOString()
  }

  user(): LibraryUser {
    return this.rng.weighted(this.users.map((user, index) => [user, index === 4 ? 1 : 4] as const))
  }

  lifeCycleState(name: LifeCycleName): LibraryLifeCycleState {
    const state = this.lifeCycleStates.get(name)
    if (!state) throw new Error(`unknown lifecycle state ${name}`)
    return state
  }

  folder(path: string, itemGroup?: number): LibraryFolder {
    const known = this.folders.get(path)
    if (known) return known
    const slash = path.lastIndexOf('/')
    const parent = slash > 0 ? this.folder(path.slice(0, slash)) : null
    const name = path.slice(slash + 1)
    const createdAt = this.timestamp(EARLIEST, Date.UTC(2020, 0, 1))
    const admin = this.users[0]
    const folderId = this.rng.guid().toUpperCase()
    const folder: LibraryFolder = {
      id: nodeId('DesFolder', folderId),
      folderId,
      name,
      path,
      description: itemGroup === undefined ? '' : `${name} managed by the hardware team`,
      folderType: itemGroup === undefined ? 'GENERIC_FOLDER' : 'COMPONENT_LIBRARY',
      itemNamingSchemeTemplate:
        itemGroup === undefined ? null : `CMP-${String(itemGroup).padStart(5, '0')}-{000000}`,
      folderPermissions: [
        {
          name: 'Administrators',
          scope: 'GROUP',
          canCreate: true,
          canDelete: true,
          canEdit: true,
          canRead: true,
          group: { id: nodeId('DesUserGroup', folderId, 'admins'), name: 'Administrators' },
          user: null
        },
        {
          name: 'Anyone',
          scope: 'ANYONE',
          canCreate: false,
          canDelete: false,
          canEdit: false,
          canRead: true,
          group: null,
          user: null
        }
      ],
      parent,
      createdAt,
      createdBy: admin,
      updatedAt: this.timestamp(Date.parse(createdAt)),
      updatedBy: this.user()
    }
    this.folders.set(path, folder)
    return folder
  }

  componentType(path: readonly string[]): LibraryComponentType {
    const key = path.join('/')
    const known = this.componentTypes.get(key)
    if (known) return known
    const parent = path.length > 1 ? this.componentType(path.slice(0, -1)) : null
    const componentTypeId = this.rng.guid().toUpperCase()
    const createdAt = this.timestamp(EARLIEST, Date.UTC(2020, 0, 1))
    const type: LibraryComponentType = {
      id: nodeId('DesComponentType', componentTypeId),
      componentTypeId,
      name: path[path.length - 1],
      path: key,
      parent,
      createdAt,
      createdBy: this.users[0],
      updatedAt: createdAt,
      updatedBy: this.users[0]
    }
    this.componentTypes.set(key, type)
    return type
  }

  footprint(name: string): LibraryFootprint {
    return this.model(this.footprints, 'DesFootprint', name, 'Models/Footprints', [])
  }

  symbol(name: string): LibrarySymbol {
    return this.model(this.symbols, 'DesSymbol', name, 'Models/Symbols', symbolPins(name))
  }

  datasheet(name: string, description: string): LibraryDatasheet {
    const known = this.datasheets.get(name)
    if (known) return known
    const itemInternalId = this.rng.guid().toUpperCase()
    const revisionInternalId = this.rng.guid().toUpperCase()
    const datasheet: LibraryDatasheet = {
      id: nodeId('DesDatasheet', revisionInternalId),
      name,
      comment: '',
      description,
      itemInternalId,
      revisionInternalId,
      folder: this.rng.chance(0.8) ? this.folder('Datasheets') : null,
      createdBy: this.user(),
      updatedBy: this.user()
    }
    this.datasheets.set(name, datasheet)
    return datasheet
  }

  private model(
    pool: Map<string, LibraryFootprint>,
    typeName: string,
    name: string,
    folderPath: string,
    pins: LibraryPin[]
  ): LibraryFootprint {
    const known = pool.get(name)
    if (known) return known
    const itemInternalId = this.rng.guid().toUpperCase()
    const revisionInternalId = this.rng.guid().toUpperCase()
    const createdAt = this.timestamp(EARLIEST, Date.UTC(2023, 0, 1))
    const model: LibraryFootprint = {
      id: nodeId(typeName, revisionInternalId),
      name,
      comment: this.rng.chance(0.7) ? name : '',
      description: typeName === 'DesFootprint' ? `IPC-7351B footprint ${name}` : `Symbol ${name}`,
      itemInternalId,
      revisionInternalId,
      guid: revisionInternalId,
      folder: this.rng.chance(0.85) ? this.folder(folderPath) : null,
      createdAt,
      releasedAt: this.timestamp(Date.parse(createdAt)),
      createdBy: this.user(),
      updatedBy: this.user(),
      lifeCycleState: this.lifeCycleState(this.rng.chance(0.9) ? 'Released' : 'Prototype'),
      pins
    }
    pool.set(name, model)
    return model
  }
}

/** Two passive pins for two-terminal symbols, a few IO pins for the rest. */
function symbolPins(name: string): LibraryPin[] {
  const twoTerminal = /2PIN|CAP|INDUCTOR|LED|DIODE$|TVS|SW_PUSH|XTAL_2PIN/.test(name)
  const count = twoTerminal ? 2 : 3
  return Array.from({ length: count }, (_, index) => ({
    designator: String(index + 1),
    name: twoTerminal ? String(index + 1) : ['IN', 'OUT', 'GND'][index],
    description: '',
    electricalType: twoTerminal ? 'PASSIVE' : index === 2 ? 'POWER' : 'IO',
    isHidden: false
  }))
}
