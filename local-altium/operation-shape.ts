// Reads what a GraphQL request asks for before running it: for stats, routing rules and logs.
import {
  Kind,
  parse,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode
} from 'graphql'
import { fieldsOf } from './paging.js'

export interface OperationShape {
  operationName?: string
  rootFields: string[]
  touchesLibraryComponents: boolean
  /** Arguments of the first desLibrary.components field, when literal or bound to variables. */
  first?: number
  after?: string
}

/** Root fields that need no workspace: discovery, the caller's own user, introspection. */
const WORKSPACE_FREE_ROOT_FIELDS = new Set([
  'desWorkspaceInfos',
  'desWorkspaceLocations',
  'desUserByAuth',
  '__schema',
  '__type',
  '__typename'
])

export function isDiscoveryShape(shape: OperationShape): boolean {
  return shape.rootFields.some((f) => f === 'desWorkspaceInfos' || f === 'desWorkspaceLocations')
}

export function needsWorkspace(shape: OperationShape): boolean {
  return shape.rootFields.some((f) => !WORKSPACE_FREE_ROOT_FIELDS.has(f))
}

/** An argument's value: from the variables, or an int, string or list literal (its items). */
export function argumentValue(
  args: readonly ArgumentNode[] | undefined,
  name: string,
  variables: Record<string, unknown>
): unknown {
  const node = args?.find((a) => a.name.value === name)?.value
  if (!node) return undefined
  if (node.kind === Kind.VARIABLE) return variables[node.name.value]
  if (node.kind === Kind.INT) return Number(node.value)
  if (node.kind === Kind.STRING) return node.value
  if (node.kind === Kind.LIST) return node.values
  return undefined
}

function pickOperation(
  document: DocumentNode,
  operationName: string | undefined
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION
  )
  if (operationName) return operations.find((o) => o.name?.value === operationName)
  return operations[0]
}

/** Returns null when the query does not even parse; graphql-js reports that to the client. */
export function describeOperation(
  query: string,
  operationName: string | undefined,
  variables: Record<string, unknown>
): OperationShape | null {
  let document: DocumentNode
  try {
    document = parse(query)
  } catch {
    return null
  }
  const operation = pickOperation(document, operationName)
  const fragments: Record<string, FragmentDefinitionNode> = {}
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d
  }
  const shape: OperationShape = {
    operationName: operationName ?? operation?.name?.value,
    rootFields: [],
    touchesLibraryComponents: false
  }
  if (!operation) return shape

  const libraries: FieldNode[] = []
  for (const root of fieldsOf(operation.selectionSet, fragments)) {
    shape.rootFields.push(root.name.value)
    if (root.name.value === 'desLibrary') libraries.push(root)
    if (root.name.value === 'desWorkspaceByUrl' || root.name.value === 'desWorkspaceById') {
      libraries.push(
        ...[...fieldsOf(root.selectionSet, fragments)].filter((f) => f.name.value === 'library')
      )
    }
  }
  for (const library of libraries) {
    for (const field of fieldsOf(library.selectionSet, fragments)) {
      if (field.name.value !== 'components') continue
      if (!shape.touchesLibraryComponents) {
        const first = argumentValue(field.arguments, 'first', variables)
        const after = argumentValue(field.arguments, 'after', variables)
        if (typeof first === 'number') shape.first = first
        if (typeof after === 'string') shape.after = after
      }
      shape.touchesLibraryComponents = true
    }
  }
  return shape
}
