import type { ComponentNode } from '../library/component-node.js'
import { describeErrors, hasCode } from './errors.js'
import { PAGE_SIZE_CODES, type AltiumGraphqlClient } from './graphql-client.js'
import { selectionSet } from './library-query.js'

export type ComponentDetails = NonNullable<ComponentNode['details']>

/** What one request for details answered. */
export type DetailsAnswer =
  /** One entry per asked component, in order; `undefined` where the server did not find it. */
  | { kind: 'found'; details: (ComponentDetails | undefined)[] }
  /** The batch was too large or too costly (`HC0051`, `HC0047`): ask again in smaller ones. */
  | { kind: 'too-large'; errors: { message: string }[] }
  /** The server cannot answer this way at all: export by plain paging instead. */
  | { kind: 'refused'; reason: string }

/** A listed component, as far as fetching its details needs to know it. */
export interface ListedComponent {
  id: string
  name: string
}

interface ByIdsData {
  desComponentsByIds: ({ __typename?: string; id?: string; details?: ComponentDetails } | null)[]
}

type ByNameData = Record<
  string,
  { components: { nodes: { id: string; details?: ComponentDetails }[] | null } | null } | null
>

/** Components one name lookup asks for: names are labels, so a few may share one. */
const SAME_NAME_LIMIT = 5

/**
 * Asks for the `details` of listed components: by id with `desComponentsByIds`, and by name for
 * those the id lookup does not find (the schema warns that unmanaged components may not be found
 * by id). Only the fields under `details` that the columns need are selected.
 */
export class ComponentDetailsClient {
  private readonly byIdsQuery: string
  private readonly detailSelection: string

  constructor(
    private readonly client: AltiumGraphqlClient,
    private readonly workspaceUrl: string,
    /** Dotted paths under the component, all starting with `details.`. */
    detailFields: string[]
  ) {
    this.detailSelection = selectionSet(['id', ...detailFields])
    this.byIdsQuery =
      'query ComponentDetails($ids: [ID!]!) { desComponentsByIds(ids: $ids) { __typename ' +
      `... on DesComponent ${this.detailSelection} ... on DesErrorPayload { message } } }`
  }

  async byIds(ids: string[]): Promise<DetailsAnswer> {
    const response = await this.client.request<ByIdsData>(this.byIdsQuery, { ids }, 'library')
    const errors = response.errors ?? []
    if (hasCode(errors, ...PAGE_SIZE_CODES)) return { kind: 'too-large', errors }
    const list = response.data?.desComponentsByIds
    if (errors.length || !Array.isArray(list)) {
      return { kind: 'refused', reason: describeErrors(errors) || 'no list in the answer' }
    }
    // One payload per id, in order: anything else cannot be matched up safely.
    if (list.length !== ids.length) {
      return {
        kind: 'refused',
        reason: `${list.length} answers for ${ids.length} ids`
      }
    }
    const details: (ComponentDetails | undefined)[] = []
    for (const [index, item] of list.entries()) {
      if (item?.__typename === 'DesComponent' && item.id !== ids[index]) {
        return { kind: 'refused', reason: 'answers in another order than the ids' }
      }
      details.push(item?.__typename === 'DesComponent' ? item.details : undefined)
    }
    return { kind: 'found', details }
  }

  /** Looks each component up by its exact name and keeps the one with its id. */
  async byName(components: ListedComponent[]): Promise<DetailsAnswer> {
    const variables: Record<string, unknown> = { workspaceUrl: this.workspaceUrl }
    const declarations = ['$workspaceUrl: String']
    const lookups = components.map((component, index) => {
      variables[`n${index}`] = component.name
      declarations.push(`$n${index}: String`)
      return (
        `c${index}: desLibrary(workspaceUrl: $workspaceUrl) { components(first: ` +
        `${SAME_NAME_LIMIT}, where: { name: { eq: $n${index} } }) { nodes ` +
        `${this.detailSelection} } }`
      )
    })
    const query = `query ComponentsByName(${declarations.join(', ')}) { ${lookups.join(' ')} }`
    const response = await this.client.request<ByNameData>(query, variables, 'library')
    const errors = response.errors ?? []
    if (hasCode(errors, ...PAGE_SIZE_CODES)) return { kind: 'too-large', errors }
    if (errors.length || !response.data) {
      return { kind: 'refused', reason: describeErrors(errors) || 'no data in the answer' }
    }
    const data = response.data
    return {
      kind: 'found',
      details: components.map(
        (component, index) =>
          data[`c${index}`]?.components?.nodes?.find((node) => node.id === component.id)?.details
      )
    }
  }
}
