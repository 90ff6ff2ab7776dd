// Relay cursor paging the way HotChocolate does it: index cursors, default page 10, a max page size.
import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
  type FieldNode
} from 'graphql'

export interface PageArgs {
  first?: number | null
  last?: number | null
  after?: string | null
  before?: string | null
}

export interface PagingRules {
  maxPageSize: number
  costLimit?: number
  stuckCursor?: boolean
  endlessPages?: boolean
}

export interface Connection<T> {
  totalCount: number
  nodes: T[]
  edges: { cursor: string; node: T }[]
  pageInfo: {
    hasNextPage: boolean
    hasPreviousPage: boolean
    startCursor: string | null
    endCursor: string | null
  }
}

const DEFAULT_PAGE_SIZE = 10

export function encodeCursor(index: number): string {
  return Buffer.from(String(index), 'utf8').toString('base64')
}

function decodeCursor(cursor: string): number {
  const index = Number(Buffer.from(cursor, 'base64').toString('utf8'))
  if (!Number.isInteger(index) || index < 0 || encodeCursor(index) !== cursor) {
    throw new GraphQLError(`The cursor \`${cursor}\` is not valid.`, {
      extensions: { code: 'INVALID_CURSOR' }
    })
  }
  return index
}

/** Yields the fields of a selection set, looking through fragments. */
export function* fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>
): Generator<FieldNode> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) yield selection
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      yield* fieldsOf(selection.selectionSet, fragments)
    } else yield* fieldsOf(fragments[selection.name.value]?.selectionSet, fragments)
  }
}

function countFields(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>
): number {
  let count = 0
  for (const field of fieldsOf(selectionSet, fragments)) {
    if (field.name.value === '__typename') continue
    count += 1 + countFields(field.selectionSet, fragments)
  }
  return count
}

/** Fields selected per item, under nodes and edges.node together. */
function fieldsPerItem(info: GraphQLResolveInfo): number {
  let count = 0
  for (const connection of info.fieldNodes) {
    for (const field of fieldsOf(connection.selectionSet, info.fragments)) {
      if (field.name.value === 'nodes') count += countFields(field.selectionSet, info.fragments)
      if (field.name.value === 'edges') {
        for (const edgeField of fieldsOf(field.selectionSet, info.fragments)) {
          if (edgeField.name.value === 'node') {
            count += countFields(edgeField.selectionSet, info.fragments)
          }
        }
      }
    }
  }
  return count
}

function checkPageSize(requested: number, argument: string, info: GraphQLResolveInfo, max: number) {
  if (requested < 0) {
    throw new GraphQLError(`The \`${argument}\` argument must be a non-negative integer.`, {
      extensions: { code: 'PAGINATION_INVALID_ARGUMENT' }
    })
  }
  if (requested > max) {
    throw new GraphQLError('The maximum allowed items per page were exceeded.', {
      extensions: {
        code: 'HC0051',
        field: `${info.parentType.name}.${info.fieldName}`,
        requestedItems: requested,
        maxAllowedItems: max
      }
    })
  }
}

export function paginate<T>(
  items: readonly T[],
  args: PageArgs,
  info: GraphQLResolveInfo,
  rules: PagingRules
): Connection<T> {
  const { first, last, after, before } = args
  if (first != null) checkPageSize(first, 'first', info, rules.maxPageSize)
  if (last != null) checkPageSize(last, 'last', info, rules.maxPageSize)
  const pageSize = first ?? last ?? DEFAULT_PAGE_SIZE
  if (rules.costLimit !== undefined) {
    const fieldCost = pageSize * fieldsPerItem(info)
    if (fieldCost > rules.costLimit) {
      throw new GraphQLError('The maximum allowed field cost was exceeded.', {
        extensions: { code: 'HC0047', fieldCost, maxFieldCost: rules.costLimit }
      })
    }
  }

  let start = after ? decodeCursor(after) + 1 : 0
  let end = before ? Math.min(decodeCursor(before), items.length) : items.length
  if (last != null && first == null) start = Math.max(start, end - last)
  else end = Math.min(end, start + pageSize)
  const slice = start < end ? items.slice(start, end) : []
  const edges = slice.map((node, offset) => ({ cursor: encodeCursor(start + offset), node }))

  let hasNextPage = start + slice.length < items.length && (first != null || last == null)
  let endCursor = edges.length > 0 ? edges[edges.length - 1].cursor : null
  if (rules.endlessPages) {
    // A broken backend that never says "done" and keeps handing out later cursors.
    hasNextPage = true
    endCursor = encodeCursor(start + pageSize - 1)
  }
  if (rules.stuckCursor && after) endCursor = after

  return {
    totalCount: items.length,
    nodes: slice,
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: start > 0,
      startCursor: edges.length > 0 ? edges[0].cursor : null,
      endCursor
    }
  }
}
