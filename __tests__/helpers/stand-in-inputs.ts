import { standInInputs, standInSecrets } from '../../local-altium/action-inputs.js'
import type { StandIn } from '../../local-altium/index.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import { findLeaks } from './secrets.js'

export {
  credentialInputs,
  standInInputs,
  standInSecrets,
  type CredentialSet
} from '../../local-altium/action-inputs.js'

/**
 * Runs the built action against the stand-in with `publish: none`, then scans the run for every
 * credential and token.
 */
export async function exportFromStandIn(
  altium: StandIn,
  inputs: Record<string, string>,
  workspace?: string
): Promise<ActionRun> {
  const run = await runAction(
    { ...standInInputs(altium), publish: 'none', ...inputs },
    { workspace }
  )
  // A plain throw rather than jest's expect: scripts/fault-figures.ts imports this file too.
  const leaks = findLeaks(run, standInSecrets(altium))
  if (leaks.length) throw new Error(`A secret of the stand-in appeared in: ${leaks.join(', ')}`)
  return run
}
