import { recordedFingerprint, sourcesFingerprint } from '../../scripts/sources-fingerprint.js'

/**
 * Jest's global setup for the end-to-end tests: they run dist/index.js, so they stop at once when
 * it was built from other sources than the ones checked out.
 */
export default function requireFreshBundle(): void {
  const recorded = recordedFingerprint()
  if (recorded === sourcesFingerprint()) return
  throw new Error(
    recorded === undefined
      ? 'dist/ has not been built. Run `npm run bundle` before the end-to-end tests.'
      : 'dist/ was built from other sources than these, so the end-to-end tests would test an ' +
          'old bundle. Run `npm run bundle` (and commit dist/) before the end-to-end tests.'
  )
}
