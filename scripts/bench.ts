/**
 * `npm run bench`: exports libraries of 2,000, 20,000 and 100,000 components from the local
 * stand-in under its latency model, with the built action (`dist/index.js`, as the runner runs
 * it) and with a baseline exporter written the way the public samples page (100 per page, every
 * column's fields, one page after another). Prints wall time, requests, the model's lower bound,
 * peak RSS and CPU per 1,000 components for each, the ratio, and whether the files are the same
 * bytes; then the start-up figures (`npm run bench:startup`).
 *
 * Options: --sizes 2000,20000 (default all three), --no-startup.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_LATENCY_MODEL } from '../local-altium/latency-model.js'
import { startStandIn, type StandIn } from '../local-altium/index.js'
import { libraryPageQuery } from '../src/api/library-query.js'
import { DEFAULT_CONCURRENCY } from '../src/constants.js'
import { modelLowerBoundMs } from './bench/lower-bound.js'
import { benchStartup, printStartup } from './bench-startup.js'
import { PROJECT_ROOT, runAction } from './runner.js'

interface Measured {
  wallMs: number
  requests: number
  lowerBoundMs: number
  maxRssKb: number
  cpuMs: number
  receivedBytes: number
  /** CPU to fetch and JSON.parse the same bytes, nothing else. */
  floorCpuMs: number
  csvHash: string
}

interface Usage {
  wallMs: number
  cpuMs: number
  maxRssKb: number
  receivedBytes: number
}

const SCENARIOS = [
  { label: 'accepts 1,000 per page', maxPageSize: 1000 },
  { label: 'accepts only 100 per page', maxPageSize: 100 }
]
const USAGE_HOOK = path.join(PROJECT_ROOT, 'scripts', 'bench', 'report-usage.mjs')
const PARSE_FLOOR = path.join(PROJECT_ROOT, 'scripts', 'bench', 'parse-floor.mjs')
const BASELINE = path.join(PROJECT_ROOT, 'scripts', 'bench', 'baseline-exporter.ts')
const TSX = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, 'no-startup': { type: 'boolean' } }
})
const sizes = (values.sizes ?? '2000,20000,100000').split(',').map(Number)

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const scratch = (prefix: string) => {
  const folder = mkdtempSync(path.join(tmpdir(), prefix))
  scratchFolders.push(folder)
  return folder
}
const scratchFolders: string[] = []

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
const requestsMade = (altium: StandIn) => altium.stats.graphqlRequests + altium.stats.tokenRequests

async function runBaseline(altium: StandIn, floorUrl: string): Promise<Measured> {
  altium.resetStats()
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
  return {
    ...usage,
    requests: requestsMade(altium),
    lowerBoundMs: modelLowerBoundMs(altium.stats.requests, 1, DEFAULT_LATENCY_MODEL.capacity),
    floorCpuMs: await floorCpuMs(floorUrl, usage.receivedBytes),
    csvHash: hash(csvPath)
  }
}

async function runTheAction(altium: StandIn, floorUrl: string): Promise<Measured> {
  altium.resetStats()
  const usageFile = path.join(scratch('bench-usage-'), 'usage.json')
  const c = altium.credentials
  const run = await runAction(
    {
      'workspace-url': altium.workspaceUrl,
      realm: 'altium-365',
      'api-url': altium.apiUrl,
      'token-url': altium.tokenUrl,
      'client-id': c.clientId,
      'client-secret': c.clientSecret,
      'refresh-token': c.refreshToken,
      publish: 'none'
    },
    {
      nodeArgs: ['--import', USAGE_HOOK],
      env: { BENCH_USAGE_FILE: usageFile },
      timeoutMs: 30 * 60_000
    }
  )
  scratchFolders.push(run.workspace, run.runnerTemp)
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as Usage
  const requests = altium.stats.requests
  return {
    ...usage,
    requests: requestsMade(altium),
    lowerBoundMs: modelLowerBoundMs(requests, DEFAULT_CONCURRENCY, DEFAULT_LATENCY_MODEL.capacity),
    floorCpuMs: await floorCpuMs(floorUrl, usage.receivedBytes),
    csvHash: hash(run.outputs['csv-path'])
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(1)
const megabytes = (kb: number) => (kb / 1024).toFixed(0)
const number = (n: number) => n.toLocaleString('en-US')

function row(
  size: number,
  server: string,
  exporter: string,
  m: Measured,
  ratio: string,
  same: string
): string {
  const perThousand = (ms: number) => (ms / (size / 1000)).toFixed(0)
  return (
    `| ${number(size)} | ${server} | ${exporter} | ${seconds(m.wallMs)} | ${number(m.requests)} | ` +
    `${seconds(m.lowerBoundMs)} | ${megabytes(m.maxRssKb)} | ${perThousand(m.cpuMs)} | ` +
    `${(m.receivedBytes / 1024 / 1024).toFixed(0)} MiB, ${perThousand(m.floorCpuMs)} | ${ratio} | ${same} |`
  )
}

const model = DEFAULT_LATENCY_MODEL
console.log(
  `Latency model: ${model.baseMs} ms per request, per component ${model.componentMs} ms + ` +
    `${model.fieldMs} ms per field + ${model.detailsMs} ms with details; cost limit ` +
    `${number(model.costLimit)} (fields under details weigh ${model.detailsCostWeight}); ` +
    `${model.capacity} requests at once.`
)
console.log(`Node ${process.version}, ${process.platform}/${process.arch}.\n`)
console.log(
  [
    '| components | server | exporter | wall s | requests | model bound s | peak RSS MB | CPU ms / 1,000 | received, parse-only CPU ms / 1,000 | × faster than baseline | same CSV |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |'
  ].join('\n')
)
const altium = await startStandIn({ seed: 1, componentCount: 0, latency: true })
try {
  for (const size of sizes) {
    altium.setOptions({ componentCount: size, maxPageSize: 1000 })
    const floor = await startFloorServer(altium)
    altium.setOptions({ maxPageSize: 100 })
    // The baseline asks for 100 per page, which both servers accept: it runs once per size.
    const baseline = await runBaseline(altium, floor.url)
    const baselineRow = row(size, 'either', 'baseline (samples)', baseline, '1.0', '')
    console.log(baselineRow)
    for (const scenario of SCENARIOS) {
      altium.setOptions({ maxPageSize: scenario.maxPageSize })
      const action = await runTheAction(altium, floor.url)
      const actionRow = row(
        size,
        scenario.label,
        'this action (defaults)',
        action,
        (baseline.wallMs / action.wallMs).toFixed(1),
        action.csvHash === baseline.csvHash ? 'yes' : '**NO**'
      )
      console.log(actionRow)
      if (action.csvHash !== baseline.csvHash) process.exitCode = 1
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
