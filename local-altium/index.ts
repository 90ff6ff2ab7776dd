// Public API of the local Altium stand-in.
export { startStandIn, type StandIn } from './server.js'
export { generateLibrary } from './library-generator.js'
export {
  NASTY_TEXT,
  NASTY_TEXT_CASES,
  NASTY_TEXT_CHECKS,
  type NastyTextCase
} from './nasty-text.js'
export type { StandInOptions, StandInFaults, AuthStyle, ResolvedOptions } from './options.js'
export type { StandInCredentials } from './identity.js'
export type { StandInStats, StandInRequestRecord } from './stats.js'
export type * from './library-types.js'
