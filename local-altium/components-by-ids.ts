// desComponentsByIds: one payload per id, a DesErrorPayload for what it cannot find (unmanaged
// components, unknown ids), plus the faults a client's fallbacks are tested against.
import { GraphQLError } from 'graphql'
import { Rng } from './prng.js'
import type { StandInState } from './state.js'

/** A stable number in [0, 1) per id, so a fault rate hits the same ids on every request. */
function idRoll(id: string): number {
  return new Rng(0, `components-by-ids:${id}`).next()
}

export function resolveComponentsByIds(state: StandInState, ids: readonly string[]): unknown[] {
  const { faults } = state.options
  if (faults.componentsByIdsRefused) {
    throw new GraphQLError('The field `desComponentsByIds` does not exist on the type `Query`.', {
      extensions: { code: 'HC0020' }
    })
  }
  const errorRate = faults.componentsByIdsErrorRate ?? 0
  return ids.map((id) => {
    const component = state.catalog.byId.get(id)
    // "Unmanaged components may be not found" (the schema's own description of DesComponent.id).
    const found =
      component !== undefined &&
      (component.isManaged || faults.unmanagedFoundById === true) &&
      idRoll(id) >= errorRate
    return found
      ? { ...component, __typename: 'DesComponent' }
      : { __typename: 'DesErrorPayload', message: `Component with id '${id}' was not found.` }
  })
}
