/**
 * Writes dist/licenses.txt: the licence of every package the bundle holds, read from the webpack
 * stats of the action's own build (`ncc build src/index.ts --stats-out …`), so the publishing
 * clients' chunks are covered as well as the main file. ncc's own `--license` writes one file per
 * chunk under the same name, so only the last chunk's packages survive there.
 *
 * Usage: tsx scripts/licenses.ts <stats.json> <licenses.txt>
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

interface Stats {
  modules?: { name?: string; modules?: { name?: string }[] }[]
}

const [statsFile, outFile] = process.argv.slice(2)
if (!statsFile || !outFile) {
  console.error('Usage: tsx scripts/licenses.ts <stats.json> <licenses.txt>')
  process.exit(2)
}

const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Stats
const packageDirs = new Set<string>()
for (const module of stats.modules ?? []) {
  // Concatenated modules list what they were made of.
  for (const name of [module.name, ...(module.modules ?? []).map((m) => m.name)]) {
    const dir = packageDir(name ?? '')
    if (dir) packageDirs.add(dir)
  }
}

const entries = [...packageDirs]
  .map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name: string
      license?: string
    }
    return { name: manifest.name, license: manifest.license ?? '', text: licenceText(dir) }
  })
  // One entry per package name, as a reader looks them up; the first version found speaks for it.
  .filter((entry, index, all) => all.findIndex((e) => e.name === entry.name) === index)
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

writeFileSync(
  outFile,
  entries.map((e) => `${e.name}\n${e.license}\n${e.text}`.trimEnd()).join('\n\n') + '\n'
)

/** `./node_modules/a/node_modules/@s/b/lib/x.js` → `node_modules/a/node_modules/@s/b`. */
function packageDir(moduleName: string): string | undefined {
  const match = /^(?:\.\/)?((?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(moduleName)
  if (!match?.[1]) return undefined
  const dir = match[1]
  return existsSync(path.join(dir, 'package.json')) ? dir : undefined
}

function licenceText(dir: string): string {
  const file = readdirSync(dir)
    .filter((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name))
    .sort()[0]
  return file ? readFileSync(path.join(dir, file), 'utf8').replace(/\r\n/g, '\n') : ''
}
