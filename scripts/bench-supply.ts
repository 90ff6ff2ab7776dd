/**
 * `npm run bench:supply`: what the supply audit costs an export. Exports the same library from the
 * local stand-in (under its latency model) with the built action, side by side: without an audit;
 * with an audit that reads only fields the CSV selects anyway (`require-part-choice`: the cost of
 * auditing as such); and with the four supply rules, whose fields (Octopart ids, supplier parts,
 * stock) the listing then selects too. Prints the bytes received, wall and CPU time, requests, the
 * ratios against no audit, and whether every CSV file is the same bytes (they must be: stock is
 * never written).
 *
 * Options: --components 20000 (default), --runs 3 (of each, alternated; medians are printed).
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startStandIn, type StandIn } from '../local-altium/index.js'
import { PROJECT_ROOT, runAction } from './runner.js'
import { standInInputs } from '../local-altium/action-inputs.js'

const { values } = parseArgs({
  options: { components: { type: 'string' }, runs: { type: 'string' } }
})
const COMPONENTS = Number(values.components ?? 20_000)
const RUNS = Number(values.runs ?? 3)
const SUPPLY_RULES = ['require-stock', 'require-supplier', 'multi-source', 'require-octopart-id']
const USAGE_HOOK = path.join(PROJECT_ROOT, 'scripts', 'bench', 'report-usage.mjs')

interface Measured {
  wallMs: number
  cpuMs: number
  receivedBytes: number
  requests: number
  findings: number
  csvHash: string
}

const scratchFolders: string[] = []

async function exportOnce(altium: StandIn, audit: string): Promise<Measured> {
  altium.resetStats()
  const usageFolder = mkdtempSync(path.join(tmpdir(), 'bench-supply-'))
  scratchFolders.push(usageFolder)
  const usageFile = path.join(usageFolder, 'usage.json')
  const run = await runAction(
    {
      ...standInInputs(altium),
      publish: 'none',
      audit,
      'fail-on': 'never'
    },
    {
      nodeArgs: ['--import', USAGE_HOOK],
      env: { BENCH_USAGE_FILE: usageFile },
      timeoutMs: 30 * 60_000
    }
  )
  scratchFolders.push(run.workspace, run.runnerTemp)
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as Omit<
    Measured,
    'requests' | 'findings' | 'csvHash'
  >
  return {
    wallMs: usage.wallMs,
    cpuMs: usage.cpuMs,
    receivedBytes: usage.receivedBytes,
    requests: altium.stats.graphqlRequests + altium.stats.tokenRequests,
    findings: Number(run.outputs['audit-warnings'] ?? 0) + Number(run.outputs['audit-errors'] ?? 0),
    csvHash: createHash('sha256').update(readFileSync(run.outputs['csv-path'])).digest('hex')
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

const altium = await startStandIn({ seed: 1, componentCount: COMPONENTS, latency: true })
const CONFIGURATIONS = [
  { label: 'no audit', audit: '' },
  { label: 'require-part-choice', audit: 'require-part-choice' },
  { label: 'supply rules', audit: SUPPLY_RULES.join('\n') }
]
const measured: Measured[][] = CONFIGURATIONS.map(() => [])
try {
  console.log(
    `${COMPONENTS.toLocaleString('en-US')} components, stand-in under its latency model, default ` +
      `columns and inputs; ${RUNS} runs of each, alternated.\n`
  )
  for (let run = 0; run < RUNS; run++) {
    for (const [index, { audit }] of CONFIGURATIONS.entries()) {
      measured[index].push(await exportOnce(altium, audit))
    }
  }
} finally {
  await altium.close()
  for (const folder of scratchFolders) rmSync(folder, { recursive: true, force: true })
}

const figure = (runs: Measured[], key: Figure) => median(runs.map((m) => m[key]))
type Figure = Exclude<keyof Measured, 'csvHash'>
const ROWS: [string, Figure, (n: number) => string][] = [
  ['received', 'receivedBytes', mib],
  ['wall time', 'wallMs', seconds],
  ['CPU time', 'cpuMs', seconds],
  ['requests', 'requests', String],
  ['findings', 'findings', String]
]
console.log(
  `| median of the runs | ${CONFIGURATIONS.map((c) => c.label).join(' | ')} | ratios to no audit |`
)
console.log(`| --- |${' ---: |'.repeat(CONFIGURATIONS.length + 1)}`)
for (const [label, key, show] of ROWS) {
  const values = measured.map((runs) => figure(runs, key))
  const ratios =
    key === 'findings' ? '' : values.slice(1).map((value) => (value / values[0]).toFixed(2))
  console.log(`| ${label} | ${values.map(show).join(' | ')} | ${ratios ? ratios.join(', ') : ''} |`)
}
const sameCsv = new Set(measured.flat().map((m) => m.csvHash)).size === 1
console.log(`\nSupply rules: ${SUPPLY_RULES.join(', ')}.`)
console.log(`Same CSV bytes on every run, with and without them: ${sameCsv ? 'yes' : 'NO'}`)
if (!sameCsv) process.exitCode = 1
