// Plain-data mirror of the gateway's Des* types; the stand-in serves these objects as they are.
// Volatile fields (dataDownloadUrl, imageFullSizeUrl, imageThumbnailUrl, downloadUrl) are left out:
// resolvers mint them per request, as the real gateway signs them per request.

/** ISO-8601 with milliseconds and Z, e.g. 2012-11-01T08:48:39.000Z. */
export type DateTimeText = string

export type ParameterType =
  | 'CAPACITANCE'
  | 'CHARGE'
  | 'CONDUCTANCE'
  | 'CURRENT'
  | 'DECIBELS'
  | 'FREQUENCY'
  | 'IMPEDANCE'
  | 'INDUCTANCE'
  | 'LENGTH'
  | 'MASS'
  | 'NONE'
  | 'PERCENT'
  | 'POWER'
  | 'RESISTANCE'
  | 'TEMPERATURE'
  | 'TEXT'
  | 'TIME'
  | 'VOLTAGE'

/** DesUser: every field is null when the user no longer exists. */
export interface LibraryUser {
  userId: string | null
  userName: string | null
  email: string | null
  firstName: string | null
  lastName: string | null
  globalUserId: string | null
}

export interface LibraryUserGroup {
  id: string
  name: string
}

export interface LibraryFolderPermission {
  name: string
  scope: 'ANYONE' | 'COLLABORATOR' | 'GROUP' | 'GUEST' | 'ORGANISATION' | 'OWNER' | 'USER'
  canCreate: boolean
  canDelete: boolean
  canEdit: boolean
  canRead: boolean
  group: LibraryUserGroup | null
  user: LibraryUser | null
}

export interface LibraryFolder {
  id: string
  folderId: string
  name: string
  path: string
  description: string
  folderType: string
  itemNamingSchemeTemplate: string | null
  folderPermissions: LibraryFolderPermission[]
  parent: LibraryFolder | null
  createdAt: DateTimeText
  createdBy: LibraryUser
  updatedAt: DateTimeText
  updatedBy: LibraryUser
}

export interface LibraryComponentType {
  id: string
  componentTypeId: string
  name: string
  path: string
  parent: LibraryComponentType | null
  createdAt: DateTimeText
  createdBy: LibraryUser
  updatedAt: DateTimeText
  updatedBy: LibraryUser
}

export interface LibraryColor {
  hexString: string
  rgbString: string
}

export interface LibraryLifeCycleState {
  lifeCycleStateId: string
  name: string
  description: string
  stateIndex: number
  isAllowedInDesign: boolean
  isInitialState: boolean
  isVisible: boolean
  backgroundColor: LibraryColor
  foregroundColor: LibraryColor
  createdAt: DateTimeText
  createdBy: LibraryUser
  updatedAt: DateTimeText
  updatedBy: LibraryUser
}

/** DesDownloadableFile without its per-request downloadUrl. */
export interface LibraryDownloadableFile {
  fileName: string
  relativePath: string
}

export interface LibraryRevisionDetails {
  id: string
  revisionId: string
  comment: string | null
  description: string | null
  childCount: number
  parentCount: number
  isDeleted: boolean
  createdAt: DateTimeText
  modifiedAt: DateTimeText
  releaseDate: DateTimeText
  lifeCycleState: LibraryLifeCycleState
  references: LibraryDownloadableFile[]
}

export interface LibraryRevision {
  id: string
  revisionId: string
  /** null for unmanaged components. */
  details: LibraryRevisionDetails | null
}

export interface LibraryParameter {
  name: string
  value: string
  type: ParameterType
  realValue: string | null
}

export interface LibrarySupplierPrice {
  breakQuantity: number
  currency: string
  price: number
}

export interface LibrarySupplierStock {
  locationName: string
  quantity: number
}

export interface LibrarySupplierPart {
  companyName: string
  partNumber: string
  prices: LibrarySupplierPrice[] | null
  stocks: LibrarySupplierStock[] | null
}

export interface LibraryManufacturerPartParameter {
  name: string
  unit: string | null
  value: string
}

/** A part choice. */
export interface LibraryManufacturerPart {
  companyName: string
  partNumber: string
  priority: number
  octopartId: string | null
  parameters: LibraryManufacturerPartParameter[]
  supplierParts: LibrarySupplierPart[]
}

export interface LibraryPin {
  designator: string
  name: string
  description: string
  electricalType:
    'HI_Z' | 'INPUT' | 'IO' | 'OPEN_COLLECTOR' | 'OPEN_EMITTER' | 'OUTPUT' | 'PASSIVE' | 'POWER'
  isHidden: boolean
}

/** Fields shared by datasheets, footprints and symbols. */
export interface LibraryModelItem {
  id: string
  name: string
  comment: string
  description: string
  itemInternalId: string
  revisionInternalId: string
  folder: LibraryFolder | null
  createdBy: LibraryUser
  updatedBy: LibraryUser
}

export type LibraryDatasheet = LibraryModelItem

export interface LibraryFootprint extends LibraryModelItem {
  guid: string
  createdAt: DateTimeText
  releasedAt: DateTimeText
  lifeCycleState: LibraryLifeCycleState
  pins: LibraryPin[]
}

export type LibrarySymbol = LibraryFootprint

export interface LibrarySimulation {
  name: string
  comment: string
  description: string
  guid: string
  itemInternalId: string
  revisionInternalId: string
  folder: LibraryFolder | null
  createdBy: LibraryUser
  updatedBy: LibraryUser
}

export interface LibraryComponentDetails {
  itemInternalId: string
  /** Revision-level parameters; type NONE on unmanaged components. */
  parameters: LibraryParameter[]
  /** Item-level parameters. */
  itemParameters: LibraryParameter[]
  footprints: LibraryFootprint[]
  symbols: LibrarySymbol[]
  datasheets: LibraryDatasheet[]
  simulations: LibrarySimulation[]
}

export interface LibraryModel3D {
  parasolidFile: LibraryDownloadableFile | null
}

/** One library component in the API shape of DesComponent. */
export interface LibraryComponent {
  id: string
  /** The item name / HRID, unique in the library. */
  name: string
  comment: string
  description: string
  isManaged: boolean
  createdAt: DateTimeText
  modifiedAt: DateTimeText
  createdBy: LibraryUser
  folder: LibraryFolder | null
  componentType: LibraryComponentType | null
  revision: LibraryRevision
  revisionId: string
  manufacturerParts: LibraryManufacturerPart[]
  model3D: LibraryModel3D | null
  details: LibraryComponentDetails
}
