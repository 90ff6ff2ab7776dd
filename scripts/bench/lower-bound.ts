import type { StandInRequestRecord } from '../../local-altium/index.js'

/** Requests that may run side by side: details by id and lookups by name. */
const PARALLEL_OPERATIONS = new Set(['ComponentDetails', 'ComponentsByName'])

/**
 * The fastest the requests an export made could have been answered under the latency model:
 * list pages follow one another (each needs the previous cursor), and everything else shares
 * `concurrency` lanes (no more than the gateway's capacity). Client CPU and transfer are left
 * out, so a run can only come close to it from above.
 */
export function modelLowerBoundMs(
  requests: readonly StandInRequestRecord[],
  concurrency: number,
  capacity: number
): number {
  let sequential = 0
  let parallel = 0
  for (const request of requests) {
    const ms = request.modelMs ?? 0
    if (PARALLEL_OPERATIONS.has(request.operationName ?? '')) parallel += ms
    else sequential += ms
  }
  const lanes = Math.max(1, Math.min(concurrency, capacity))
  return Math.max(sequential, (sequential + parallel) / lanes)
}
