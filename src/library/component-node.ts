/**
 * A component as the GraphQL API returns it (`DesComponent`). Every field is optional because the
 * export selects only what the chosen columns need.
 */
export interface ComponentNode {
  id: string
  name?: string
  comment?: string
  description?: string
  isManaged?: boolean
  createdAt?: string
  modifiedAt?: string
  createdBy?: { userName?: string | null; email?: string | null } | null
  folder?: { path?: string } | null
  componentType?: ComponentTypeNode | null
  revision?: {
    revisionId?: string
    details?: {
      lifeCycleState?: { name?: string; isAllowedInDesign?: boolean }
    } | null
  }
  manufacturerParts?: ManufacturerPartNode[]
  details?: {
    parameters?: ParameterNode[]
    itemParameters?: ParameterNode[]
    footprints?: { name: string }[]
    symbols?: { name: string }[]
    datasheets?: { name: string }[]
  }
}

export interface ComponentTypeNode {
  name?: string
  parent?: ComponentTypeNode | null
}

export interface ParameterNode {
  name: string
  value: string
}

export interface ManufacturerPartNode {
  companyName?: string
  partNumber?: string
  priority?: number
  octopartId?: string | null
  supplierParts?: SupplierPartNode[]
}

export interface SupplierPartNode {
  companyName?: string
  partNumber?: string
  /** Fetched only for the supply audit; never written to the CSV, since it changes every day. */
  stocks?: StockNode[] | null
}

export interface StockNode {
  /** `Decimal` in the schema: a JSON number or a string, depending on the gateway. */
  quantity?: number | string | null
}
