// Faults that only make sense on the component list: a miscounted total, and partial data.
import { GraphQLError } from 'graphql'
import type { StandInFaults } from './options.js'
import type { Connection } from './paging.js'

/**
 * `totalCountOffset` skews `totalCount`; `partialData` makes the first component of every page
 * fail to resolve its (nullable) folder, so the answer carries `data` and `errors` together.
 */
export function withComponentFaults<T extends object>(
  page: Connection<T>,
  faults: StandInFaults
): Connection<T> {
  let result = page
  if (faults.totalCountOffset) {
    result = { ...result, totalCount: result.totalCount + faults.totalCountOffset }
  }
  if (faults.partialData && result.nodes.length > 0) {
    const broken = {
      ...result.nodes[0],
      folder: () => {
        throw new GraphQLError(`The folder service did not answer.${faults.hostileText ?? ''}`, {
          extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' }
        })
      }
    }
    result = {
      ...result,
      nodes: [broken, ...result.nodes.slice(1)],
      edges: result.edges.map((edge, index) => (index === 0 ? { ...edge, node: broken } : edge))
    }
  }
  return result
}
