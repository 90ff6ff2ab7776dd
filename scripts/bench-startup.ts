/**
 * `npm run bench:startup`: time from `node dist/index.js` to the action's first request (median
 * of five), against a bundle that imports the artifact and GitHub clients up front, and the size
 * of each bundle (dist/ keeps the clients in chunks of their own, read only when needed). The
 * first request is the token request; a loopback server notes when it arrives and refuses it, so
 * the action stops there.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ACTION_ENTRY, PROJECT_ROOT, readActionMetadata } from './runner.js'

export interface StartupFigures {
  runs: number
  /** Milliseconds from spawn to the first request, each run. */
  lazy: number[]
  eager: number[]
  /** `node -e ""`: what any script pays before its first line. */
  bareNode: number[]
  lazyBytes: number
  /** What `node dist/index.js` reads before its first request: the main chunk. */
  lazyStartBytes: number
  eagerBytes: number
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

function bundleBytes(folder: string): number {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + statSync(path.join(folder, file)).size, 0)
}

/** Builds the eager variant with the same bundler as dist/. */
function buildEagerBundle(): string {
  const out = mkdtempSync(path.join(tmpdir(), 'bench-eager-'))
  const ncc = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'ncc')
  const built = spawnSync(ncc, ['build', 'scripts/bench/eager-entry.ts', '-o', out, '-q'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8'
  })
  if (built.status !== 0) throw new Error(`ncc failed:\n${built.stdout}\n${built.stderr}`)
  return path.join(out, 'index.js')
}

/** Spawns `node <entry>` and resolves with the milliseconds until the first request arrives. */
async function timeToFirstRequest(entry: string | null): Promise<number> {
  let firstRequest: ((at: number) => void) | undefined
  const arrived = new Promise<number>((resolve) => (firstRequest = resolve))
  const server = createServer((req, res) => {
    firstRequest?.(performance.now())
    req.resume()
    res.writeHead(400, { 'content-type': 'application/json' })
    res.end('{"error":"invalid_grant"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const workspace = mkdtempSync(path.join(tmpdir(), 'bench-startup-'))
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_WORKSPACE: workspace }
  const inputs: Record<string, string> = {
    'workspace-url': 'https://acme.365.altium.com/',
    realm: 'altium-365',
    'api-url': `${origin}/graphql`,
    'token-url': `${origin}/connect/token`,
    'client-id': 'bench-client',
    'client-secret': 'bench-secret',
    'refresh-token': 'bench-refresh-token',
    publish: 'none'
  }
  for (const [name, input] of Object.entries(readActionMetadata().inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? input.default ?? ''
  }
  // Bare node: a script that makes the same first request straight away, over node:http as the
  // action does.
  const tokenUrl = JSON.stringify(`${origin}/connect/token`)
  const args = entry
    ? [entry]
    : [
        '-e',
        `require('node:http').request(${tokenUrl}, { method: 'POST' }).on('error', () => {}).end()`
      ]
  const started = performance.now()
  const child = spawn(process.execPath, args, { env, stdio: 'ignore' })
  const exited = new Promise((resolve) => child.on('close', resolve))
  const at = await arrived
  await exited
  await new Promise((resolve) => server.close(resolve))
  rmSync(workspace, { recursive: true, force: true })
  return at - started
}

export async function benchStartup(runs = 5): Promise<StartupFigures> {
  const eagerEntry = buildEagerBundle()
  try {
    return await measure(eagerEntry, runs)
  } finally {
    rmSync(path.dirname(eagerEntry), { recursive: true, force: true })
  }
}

async function measure(eagerEntry: string, runs: number): Promise<StartupFigures> {
  const figures: StartupFigures = {
    runs,
    lazy: [],
    eager: [],
    bareNode: [],
    lazyBytes: bundleBytes(path.dirname(ACTION_ENTRY)),
    lazyStartBytes: statSync(ACTION_ENTRY).size,
    eagerBytes: bundleBytes(path.dirname(eagerEntry))
  }
  // Interleaved, so that a busy moment on the machine hits every variant alike.
  for (let i = 0; i < runs; i++) {
    figures.lazy.push(await timeToFirstRequest(ACTION_ENTRY))
    figures.eager.push(await timeToFirstRequest(eagerEntry))
    figures.bareNode.push(await timeToFirstRequest(null))
  }
  return figures
}

export function printStartup(f: StartupFigures): void {
  const ms = (values: number[]) =>
    `${median(values).toFixed(0)} ms (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`
  console.log(`Time from spawning node to the first request, median of ${f.runs}:`)
  console.log(`- dist/index.js (publishing clients loaded on demand): ${ms(f.lazy)}`)
  console.log(`- eager bundle (artifact and GitHub clients imported up front): ${ms(f.eager)}`)
  console.log(`- bare node making the same request: ${ms(f.bareNode)}`)
  console.log(
    `Bundle size: dist ${kb(f.lazyBytes)}, of which index.js (read at start) ` +
      `${kb(f.lazyStartBytes)}; eager bundle ${kb(f.eagerBytes)}, all read at start.`
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printStartup(await benchStartup())
