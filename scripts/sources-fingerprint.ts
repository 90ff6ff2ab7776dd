/**
 * A fingerprint of everything the bundle is built from: the sources under src/, the locked
 * dependencies and the compiler settings. `npm run bundle` writes it to dist/sources.sha256; the
 * end-to-end tests compare it before they run dist/index.js, so they never test a stale bundle.
 * Line endings are read as LF, so a Windows checkout (CRLF) gives the same fingerprint.
 *
 * Usage: tsx scripts/sources-fingerprint.ts --write   (after a build)
 *        tsx scripts/sources-fingerprint.ts --check   (exits 1 with a message when dist/ is stale)
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const FINGERPRINT_FILE = path.join(ROOT, 'dist', 'sources.sha256')

export function sourcesFingerprint(root = ROOT): string {
  const files = [
    ...listFiles(path.join(root, 'src')),
    path.join(root, 'package-lock.json'),
    path.join(root, 'tsconfig.json')
  ]
  const hash = createHash('sha256')
  for (const file of files) {
    hash.update(path.relative(root, file).split(path.sep).join('/') + '\0')
    hash.update(readFileSync(file, 'utf8').replace(/\r\n/g, '\n') + '\0')
  }
  return hash.digest('hex')
}

/** The fingerprint `npm run bundle` recorded, or undefined before the first bundle. */
export function recordedFingerprint(): string | undefined {
  try {
    return readFileSync(FINGERPRINT_FILE, 'utf8').trim()
  } catch {
    return undefined
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name)
      return entry.isDirectory() ? listFiles(full) : [full]
    })
}

if (process.argv.includes('--write')) {
  writeFileSync(FINGERPRINT_FILE, `${sourcesFingerprint()}\n`)
}
if (process.argv.includes('--check')) {
  const recorded = recordedFingerprint()
  if (recorded !== sourcesFingerprint()) {
    console.error(
      recorded === undefined
        ? 'dist/ has not been built. Run `npm run bundle` before the end-to-end tests.'
        : 'dist/ was built from other sources than these, so the end-to-end tests would run an ' +
            'old bundle. Run `npm run bundle` (and commit dist/) before the end-to-end tests.'
    )
    process.exitCode = 1
  }
}
