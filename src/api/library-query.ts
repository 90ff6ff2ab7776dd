/**
 * Builds the GraphQL documents of the export. The component selection holds only the fields the
 * chosen columns need: a smaller selection is cheaper for the gateway and faster to page.
 */

interface SelectionTree {
  [field: string]: SelectionTree
}

/** Turns dotted field paths (`revision.details.lifeCycleState.name`) into a selection set. */
export function selectionSet(fieldPaths: Iterable<string>): string {
  const root: SelectionTree = {}
  for (const fieldPath of fieldPaths) {
    let level = root
    for (const field of fieldPath.split('.')) level = level[field] ??= {}
  }
  return render(root)
}

function render(tree: SelectionTree): string {
  const fields = Object.keys(tree)
    .sort()
    .map((field) => (Object.keys(tree[field]).length ? `${field} ${render(tree[field])}` : field))
  return `{ ${fields.join(' ')} }`
}

export function libraryPageQuery(componentFields: Iterable<string>): string {
  return (
    'query LibraryComponents($workspaceUrl: String, $first: Int!, $after: String, ' +
    '$where: DesComponentFilterInput) { desLibrary(workspaceUrl: $workspaceUrl) { ' +
    'components(first: $first, after: $after, where: $where) { totalCount ' +
    `pageInfo { hasNextPage endCursor } nodes ${selectionSet(componentFields)} } } }`
  )
}

export const WORKSPACE_INFOS_QUERY =
  'query WorkspaceInfos { desWorkspaceInfos { url name location { apiServiceUrl name } } }'
