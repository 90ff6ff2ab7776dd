// Root value and field resolver serving the library through the gateway schema.
import { GraphQLError, defaultFieldResolver, type GraphQLFieldResolver } from 'graphql'
import {
  filterByFields,
  filterComponents,
  filterFolders,
  type ComponentFilter,
  type FolderFilter,
  type ModelFilter
} from './filters.js'
import type { LibraryComponent, LibrarySupplierStock } from './library-types.js'
import { withComponentFaults } from './component-faults.js'
import { homeWorkspaceDenied, withWorkspaceFaults } from './workspace-faults.js'
import { resolveComponentsByIds } from './components-by-ids.js'
import { paginate, type PageArgs, type PagingRules } from './paging.js'
import type { RequestContext } from './state.js'
import { servedFromLibrary, stockOnRequest } from './supply.js'
import {
  homeWorkspace,
  otherWorkspace,
  REGIONS,
  sameWorkspaceUrl,
  workspaceLocation,
  type WorkspaceInfo
} from './workspaces.js'

type Resolver<Args = Record<string, never>> = (
  args: Args,
  context: RequestContext,
  info: Parameters<GraphQLFieldResolver<unknown, RequestContext>>[3]
) => unknown

const LIBRARY_CREATED = '2019-01-07T09:12:44.000Z'

function workspaces(context: RequestContext): { home: WorkspaceInfo; other: WorkspaceInfo } {
  const { origin, options, identity } = context.state
  return {
    home: withWorkspaceFaults(
      homeWorkspace(origin, options.workspaceHost, identity),
      options.faults
    ),
    other: otherWorkspace(origin, identity)
  }
}

function workspaceAccessError(context: RequestContext): GraphQLError {
  const extra = context.state.options.faults.hostileText ?? ''
  return new GraphQLError(`The workspace cannot be accessed.${extra}`, {
    extensions: { code: 'AUTH_WORKSPACE_ACCESS' }
  })
}

/** Tokens are scoped to the home workspace; anything else cannot be accessed. */
function requireHomeWorkspace(context: RequestContext, workspaceUrl: string | null | undefined) {
  const { home } = workspaces(context)
  if (homeWorkspaceDenied(context.state.options.faults)) throw workspaceAccessError(context)
  if (workspaceUrl != null && !sameWorkspaceUrl(workspaceUrl, home.url))
    throw workspaceAccessError(context)
  return home
}

function pagingRules(context: RequestContext, forComponents: boolean): PagingRules {
  const { maxPageSize, faults } = context.state.options
  return {
    maxPageSize,
    costLimit: faults.costLimit,
    stuckCursor: forComponents && faults.stuckCursor,
    endlessPages: forComponents && faults.endlessPages
  }
}

function asNode<T extends object>(typeName: string, value: T): T & { __typename: string } {
  return { ...value, __typename: typeName }
}

function libraryView(context: RequestContext) {
  const { catalog, identity, urls } = context.state
  const admin = identity.user
  const connection =
    <T extends object>(items: () => readonly T[]): Resolver<PageArgs & { where?: ModelFilter }> =>
    (args, ctx, info) =>
      paginate(filterByFields(items(), args.where), args, info, pagingRules(ctx, false))
  return {
    name: 'Components',
    description: 'Workspace component library',
    version: '2025.11.1',
    eventChannel: `library:${identity.authId}`,
    createdAt: LIBRARY_CREATED,
    createdBy: admin,
    // Worked out only when asked for: every page and name lookup resolves desLibrary again.
    updatedAt: () =>
      catalog.components.reduce(
        (latest, c) => (c.modifiedAt > latest ? c.modifiedAt : latest),
        LIBRARY_CREATED
      ),
    updatedBy: admin,
    components: ((args, ctx, info) =>
      withComponentFaults(
        paginate(
          filterComponents(catalog.components, args.where),
          args,
          info,
          pagingRules(ctx, true)
        ),
        ctx.state.options.faults
      )) as Resolver<PageArgs & { where?: ComponentFilter }>,
    componentTemplates: connection(() => []),
    reuseBlocks: connection(() => []),
    componentTypes: connection(() => catalog.componentTypes),
    datasheets: connection(() => catalog.datasheets),
    footprints: connection(() => catalog.footprints),
    symbols: connection(() => catalog.symbols),
    folders: ((args) => filterFolders(catalog.folders, args.where)) as Resolver<{
      where?: FolderFilter
    }>,
    downloadUrlsByTokens: ((args) =>
      args.tokens.map((token) => urls.mint('download', token))) as Resolver<{
      tokens: string[]
    }>
  }
}

function workspaceView(context: RequestContext, info: WorkspaceInfo) {
  return {
    id: info.workspaceId,
    authId: info.authId,
    description: info.description,
    isDefault: info.isDefault,
    location: info.location,
    name: info.name,
    url: info.url,
    library: () => libraryView(context)
  }
}

/** desComponentById cannot see unmanaged components ("may be not found"). */
function findManaged(context: RequestContext, id: string): LibraryComponent | undefined {
  const component = context.state.catalog.byId.get(id)
  return component?.isManaged ? component : undefined
}

export function createRootValue(): Record<string, Resolver<never>> {
  const root: Record<string, Resolver<never>> = {
    desLibrary: ((args, context) => {
      requireHomeWorkspace(context, args.workspaceUrl)
      return libraryView(context)
    }) as Resolver<{ workspaceUrl?: string | null }>,

    desComponentById: ((args, context) => findManaged(context, args.id) ?? null) as Resolver<{
      id: string
    }>,

    desComponentsByIds: ((args, context) =>
      resolveComponentsByIds(context.state, args.ids)) as Resolver<{ ids: string[] }>,

    desSearchComponentsByMpns: ((args, context) =>
      args.input.flatMap(({ mpn, manufacturerName }) =>
        context.state.catalog.components
          .filter((c) =>
            c.manufacturerParts.some(
              (p) =>
                p.partNumber === mpn &&
                (manufacturerName == null ||
                  p.companyName.toLowerCase() === manufacturerName.toLowerCase())
            )
          )
          .map((c) => ({
            componentId: c.id,
            itemId: c.details.itemInternalId,
            itemName: c.name,
            revisionId: c.revision.revisionId,
            revisionName: '1'
          }))
      )) as Resolver<{ input: { mpn: string; manufacturerName?: string | null }[] }>,

    desSearchComponentsByIpns: ((args, context) =>
      args.ipns.map((ipn) => context.state.catalog.byName.get(ipn) ?? null)) as Resolver<{
      ipns: string[]
    }>,

    desWorkspaceInfos: ((_args, context) => {
      // The account also sees a workspace in another region, listed first on purpose.
      const { home, other } = workspaces(context)
      return [other, home]
    }) as Resolver,

    desWorkspaceLocations: ((_args, context) =>
      Object.keys(REGIONS).map((region) =>
        workspaceLocation(context.state.origin, region)
      )) as Resolver,

    desWorkspaceByUrl: ((args, context) =>
      workspaceView(context, requireHomeWorkspace(context, args.workspaceUrl))) as Resolver<{
      workspaceUrl: string
    }>,

    desWorkspaceById: ((args, context) => {
      const { home, other } = workspaces(context)
      const id = args.id.toLowerCase()
      if (id === home.workspaceId.toLowerCase()) return workspaceView(context, home)
      if (id === other.workspaceId.toLowerCase()) throw workspaceAccessError(context)
      return null
    }) as Resolver<{ id: string }>,

    desRevisionDetailsByRevisionId: ((args, context) => {
      requireHomeWorkspace(context, args.workspaceUrl)
      return context.state.catalog.byRevisionId.get(args.revisionId) ?? null
    }) as Resolver<{ revisionId: string; workspaceUrl: string }>,

    desFolderByFolderId: ((args, context) => {
      requireHomeWorkspace(context, args.workspaceUrl)
      const folderId = args.folderId.toLowerCase()
      return (
        context.state.catalog.folders.find((f) => f.folderId.toLowerCase() === folderId) ?? null
      )
    }) as Resolver<{ folderId: string; workspaceUrl: string }>,

    desUserByAuth: ((_args, context) => context.state.identity.user) as Resolver,

    node: ((args, context) => {
      const { catalog } = context.state
      const component = catalog.byId.get(args.id)
      if (component) return asNode('DesComponent', component)
      const lookups = [
        ['DesFootprint', catalog.footprints],
        ['DesSymbol', catalog.symbols],
        ['DesDatasheet', catalog.datasheets],
        ['DesFolder', catalog.folders],
        ['DesComponentType', catalog.componentTypes]
      ] as const
      for (const [typeName, items] of lookups) {
        const found = (items as readonly { id: string }[]).find((item) => item.id === args.id)
        if (found) return asNode(typeName, found)
      }
      return null
    }) as Resolver<{ id: string }>
  }
  return root
}

const VOLATILE_FIELDS = new Set([
  'dataDownloadUrl',
  'imageFullSizeUrl',
  'imageThumbnailUrl',
  'downloadUrl'
])

/**
 * Mints fresh signed URLs per request, moves stock between requests, serves no stock or prices
 * outside the library, and answers DesSymbol.usedBy; everything else is plain data.
 */
export const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (
  source,
  args,
  context,
  info
) => {
  if (VOLATILE_FIELDS.has(info.fieldName)) {
    const item = (source ?? {}) as { id?: string; relativePath?: string; fileName?: string }
    const key = item.id ?? item.relativePath ?? item.fileName ?? info.parentType.name
    return context.state.urls.mint(info.fieldName, key)
  }
  if (info.parentType.name === 'DesSupplierStock' && info.fieldName === 'quantity') {
    return stockOnRequest(source as LibrarySupplierStock, context.request)
  }
  if (
    info.parentType.name === 'DesSupplierPart' &&
    (info.fieldName === 'stocks' || info.fieldName === 'prices') &&
    !servedFromLibrary(info)
  ) {
    return null
  }
  if (info.parentType.name === 'DesSymbol' && info.fieldName === 'usedBy') {
    const users = context.state.catalog.symbolUsers.get((source as { id: string }).id) ?? []
    return {
      components: ((pageArgs, ctx, pageInfo) =>
        paginate(users, pageArgs, pageInfo, pagingRules(ctx, false))) as Resolver<PageArgs>
    }
  }
  return defaultFieldResolver(source, args, context, info)
}
