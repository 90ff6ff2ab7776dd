import { spawnSync } from 'node:child_process'
import path from 'node:path'

/**
 * Jest's global setup for the end-to-end tests: they run dist/index.js, so they stop at once when
 * it was built from other sources than the ones checked out. Jest loads this file without the
 * project's resolver, so the check runs as its own script.
 */
export default function requireFreshBundle(): void {
  const root = path.resolve(import.meta.dirname, '..', '..')
  const check = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'scripts', 'sources-fingerprint.ts'), '--check'],
    { cwd: root, encoding: 'utf8' }
  )
  if (check.status !== 0) throw new Error(check.stderr.trim() || 'The bundle check failed.')
}
