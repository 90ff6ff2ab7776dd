/**
 * `npm run bench`: a matrix of server models × page caps × library sizes. In each cell four
 * exporters run side by side against the local stand-in under that model: the samples' exporter
 * (100 a page, one page after another, every field), the built action with `concurrency: 1`, the
 * action with list-then-details forced (`BENCH_EXPORT_STRATEGY`, for the benchmark only), and the
 * action's defaults. It prints each one's wall time, the ratio of the defaults to the best of the
 * others and to the samples' exporter, the strategy the defaults chose, peak RSS and CPU of the
 * defaults and the samples' exporter, the defaults' CPU against the parse floor (what fetching and
 * `JSON.parse`-ing the same bytes costs, nothing else), and whether all four wrote the same bytes.
 * Then the start-up figures (`npm run bench:startup`).
 *
 * Options, to run it in parts:
 *   --sizes 10000,100000   library sizes (default both)
 *   --models fixed,mixed   server models (default all: fixed, per-component, cost-limited,
 *                          slow-details, slow-filter, mixed)
 *   --caps 100,1000        page caps (default both)
 *   --repeat 2             runs of each exporter in a cell, the fastest kept (default 1): on a
 *                          shared machine the least disturbed run is the one to compare
 *   --no-startup           skip the start-up figures
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  isServerModelName,
  SERVER_MODEL_NAMES,
  SERVER_MODELS,
  type ServerModelName
} from '../local-altium/server-models.js'
import { startStandIn, type StandIn } from '../local-altium/index.js'
import { libraryPageQuery } from '../src/api/library-query.js'
import { benchStartup, printStartup } from './bench-startup.js'
import { PROJECT_ROOT, runAction } from './runner.js'
import { standInInputs } from '../local-altium/action-inputs.js'

interface Usage {
  wallMs: number
  cpuMs: number
  maxRssKb: number
  receivedBytes: number
}

interface Measured extends Usage {
  csvHash: string
  /** The action's one line saying which strategy ran and why. */
  strategy?: string
}

const USAGE_HOOK = path.join(PROJECT_ROOT, 'scripts', 'bench', 'report-usage.mjs')
const PARSE_FLOOR = path.join(PROJECT_ROOT, 'scripts', 'bench', 'parse-floor.mjs')
const BASELINE = path.join(PROJECT_ROOT, 'scripts', 'bench', 'baseline-exporter.ts')
const TSX = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    models: { type: 'string' },
    caps: { type: 'string' },
    repeat: { type: 'string' },
    'no-startup': { type: 'boolean' }
  }
})
const list = (text: string | undefined, fallback: string) => (text ?? fallback).split(',')
const sizes = list(values.sizes, '10000,100000').map(Number)
const caps = list(values.caps, '100,1000').map(Number)
const models = list(values.models, SERVER_MODEL_NAMES.join(','))
const repeat = Math.max(1, Number(values.repeat ?? 1))

/** Runs an exporter `repeat` times and keeps the fastest run. */
async function fastest(run: () => Promise<Measured>): Promise<Measured> {
  let best: Measured | undefined
  for (let i = 0; i < repeat; i++) {
    const measured = await run()
    if (!best || measured.wallMs < best.wallMs) best = measured
  }
  return best as Measured
}
for (const model of models) {
  if (!isServerModelName(model)) {
    throw new Error(`--models: "${model}" is none of ${SERVER_MODEL_NAMES.join(', ')}`)
  }
}

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const scratchFolders: string[] = []
const scratch = (prefix: string) => {
  const folder = mkdtempSync(path.join(tmpdir(), prefix))
  scratchFolders.push(folder)
  return folder
}

/** Runs a node script to its end and returns what it printed. */
async function runScript(args: string[]): Promise<string> {
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) throw new Error(`${args.join(' ')} failed:\n${stdout}\n${stderr}`)
  return stdout
}

/**
 * Serves one real list page of the stand-in, again and again, to a process that only fetches and
 * parses: what the bytes an exporter received cost before it does anything with them.
 */
async function startFloorServer(altium: StandIn): Promise<{ url: string; close(): Promise<void> }> {
  const response = await fetch(altium.apiUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${altium.credentials.accessToken}`
    },
    body: JSON.stringify({
      query: libraryPageQuery(['id', 'name', 'comment', 'description', 'folder.path']),
      variables: { first: 1000 }
    })
  })
  const page = Buffer.from(await response.arrayBuffer())
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': page.length })
      res.end(page)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

async function floorCpuMs(url: string, bytes: number): Promise<number> {
  return Number((await runScript([PARSE_FLOOR, url, String(bytes)])).trim())
}

async function runSamplesExporter(altium: StandIn): Promise<Measured> {
  const csvPath = path.join(scratch('bench-baseline-'), 'baseline.csv')
  const settings = {
    apiUrl: altium.apiUrl,
    tokenUrl: altium.tokenUrl,
    workspaceUrl: altium.workspaceUrl,
    clientId: altium.credentials.clientId,
    clientSecret: altium.credentials.clientSecret,
    refreshToken: altium.credentials.refreshToken,
    csvPath
  }
  const stdout = await runScript([TSX, BASELINE, JSON.stringify(settings)])
  const usage = JSON.parse(stdout.trim().split('\n').pop() as string) as Usage
  return { ...usage, csvHash: hash(csvPath) }
}

/** The built action, with `inputs` over the defaults and `env` for the bench-only strategy. */
async function runTheAction(
  altium: StandIn,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<Measured> {
  const usageFile = path.join(scratch('bench-usage-'), 'usage.json')
  const run = await runAction(
    {
      ...standInInputs(altium),
      publish: 'none',
      ...inputs
    },
    {
      nodeArgs: ['--import', USAGE_HOOK],
      env: { BENCH_USAGE_FILE: usageFile, ...env },
      timeoutMs: 60 * 60_000
    }
  )
  scratchFolders.push(run.workspace, run.runnerTemp)
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as Usage
  return {
    ...usage,
    csvHash: hash(run.outputs['csv-path']),
    strategy: /^Strategy: (.*)$/m.exec(run.stdout)?.[1]
  }
}

/** `plain paging, 1,000 per page (listing + details measured 0.8× …)` as `paging 1,000 (0.8×)`. */
function shortStrategy(line = ''): string {
  const way = line.startsWith('listing') ? 'listing' : 'paging'
  const size = /([\d,]+) per page/.exec(line)?.[1] ?? '?'
  const measured = /measured ([\d.]+×)/.exec(line)?.[1]
  const switched = /switched (\d+)×/.exec(line)?.[1]
  const notes = [
    measured ??
      (/\((.*?)[;)]/.exec(line)?.[1] === 'the library ended before listing could be measured'
        ? 'not measured'
        : undefined),
    /refused for cost/.test(line) ? 'cost' : undefined,
    /name lookups/.test(line) ? 'names slow' : undefined,
    switched ? `${switched} switch${switched === '1' ? '' : 'es'}` : undefined
  ].filter(Boolean)
  return `${way} ${size}${notes.length ? ` (${notes.join(', ')})` : ''}`
}

const seconds = (ms: number) => (ms / 1000).toFixed(1)
const megabytes = (kb: number) => (kb / 1024).toFixed(0)
const number = (n: number) => n.toLocaleString('en-US')
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

console.log(`Node ${process.version}, ${process.platform}/${process.arch}.`)
for (const model of models as ServerModelName[]) {
  const m = SERVER_MODELS[model]
  const costLimit = Number.isFinite(m.costLimit) ? number(m.costLimit) : 'none'
  console.log(
    `- ${model}: ${m.baseMs} ms a request; per component ${m.componentMs} ms + ${m.fieldMs} ms ` +
      `a field + ${m.detailsMs} ms with details; filter scan ${m.filterScanMs} ms per library ` +
      `component; cost limit ${costLimit} (details fields weigh ${m.detailsCostWeight}); ` +
      `${m.capacity} at once; jitter ±${m.jitter * 100}%, ${m.slowRate * 100}% of requests ` +
      `${m.slowFactor}× slow.`
  )
}
console.log('')
console.log(
  [
    '| components | server model | page cap | samples’ exporter s | `concurrency: 1` s | list-then-details s | defaults s | defaults ÷ best other | defaults ÷ samples | defaults’ strategy | peak RSS MB defaults / samples | CPU s defaults / samples | defaults’ CPU ÷ parse floor | same CSV |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |'
  ].join('\n')
)

const altium = await startStandIn({ seed: 1, componentCount: 0 })
try {
  for (const size of sizes) {
    altium.setOptions({ componentCount: size, maxPageSize: 1000, latency: undefined })
    const floor = await startFloorServer(altium)
    for (const model of models as ServerModelName[]) {
      // A new setting object each run: the model's noise starts from its seed for every exporter.
      const serve = (cap: number) => {
        altium.setOptions({ maxPageSize: cap, latency: { server: model } })
        altium.resetStats()
      }
      // The samples' exporter asks for 100 a page, which both caps accept: once per model.
      const samples = await fastest(() => {
        serve(1000)
        return runSamplesExporter(altium)
      })
      for (const cap of caps) {
        const one = await fastest(() => {
          serve(cap)
          return runTheAction(altium, { concurrency: '1' })
        })
        const listing = await fastest(() => {
          serve(cap)
          return runTheAction(altium, {}, { BENCH_EXPORT_STRATEGY: 'list-then-details' })
        })
        const defaults = await fastest(() => {
          serve(cap)
          return runTheAction(altium, {})
        })
        const floorMs = await floorCpuMs(floor.url, defaults.receivedBytes)
        const best = Math.min(samples.wallMs, one.wallMs, listing.wallMs)
        const same = [samples, one, listing].every((m) => m.csvHash === defaults.csvHash)
        if (!same) process.exitCode = 1
        console.log(
          `| ${number(size)} | ${model} | ${number(cap)} | ${seconds(samples.wallMs)} | ` +
            `${seconds(one.wallMs)} | ${seconds(listing.wallMs)} | ${seconds(defaults.wallMs)} | ` +
            `${ratio(best, defaults.wallMs)} | ${ratio(samples.wallMs, defaults.wallMs)} | ` +
            `${shortStrategy(defaults.strategy)} | ${megabytes(defaults.maxRssKb)} / ` +
            `${megabytes(samples.maxRssKb)} | ${seconds(defaults.cpuMs)} / ` +
            `${seconds(samples.cpuMs)} | ${(defaults.cpuMs / floorMs).toFixed(1)} | ` +
            `${same ? 'yes' : '**NO**'} |`
        )
      }
    }
    await floor.close()
  }
} finally {
  await altium.close()
  for (const folder of scratchFolders) rmSync(folder, { recursive: true, force: true })
}

if (!values['no-startup']) {
  console.log('')
  printStartup(await benchStartup())
}
