/**
 * Runs one fault case: a fresh local Altium stand-in with the case's switches, a workspace holding
 * a previous export, the BUILT action run as the runner runs it, and everything a test or the
 * figures script needs to judge the outcome. No jest here, so that `scripts/fault-figures.ts` can
 * use it too.
 */
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startStandIn, type StandIn, type StandInOptions } from '../../local-altium/index.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import { SECRET_CREDENTIAL_INPUTS } from '../../src/auth/credentials.js'
import { MIN_SECRET_LENGTH } from '../../src/logger.js'
import { findLeaks } from './secrets.js'
import { standInInputs, type CredentialSet } from './stand-in-inputs.js'

/** Small on purpose: the faults, not the size, are under test. 6 pages of 20. */
export const FAULT_LIBRARY = { seed: 11, componentCount: 120 }
export const CSV_NAME = 'library_components.csv'
export const REPORT_NAME = 'library_components.report.json'

/** Servers every case may point at: one that records who called it, and a closed port. */
export interface SharedServers {
  /** A loopback server standing for "somewhere else": the token must never arrive there. */
  foreign: RecordingServer
  /** A loopback address nothing listens on. */
  closedUrl: string
}

export interface CaseEnvironment extends SharedServers {
  altium: StandIn
}

export interface FaultCase {
  /** What the action does, as the test name reads. */
  behaviour: string
  /** The switches of the stand-in for this case. */
  standIn?: Partial<StandInOptions> | ((shared: SharedServers) => Partial<StandInOptions>)
  /** Inputs on top of the defaults (refresh-token set, 20 per page, short timeouts). */
  inputs?: Record<string, string> | ((env: CaseEnvironment) => Record<string, string>)
  credentials?: CredentialSet
  /** The start of the workspace folder's name (a random tail follows). Default `fault-`. */
  workspacePrefix?: string
  /** Runs before the action, e.g. a previous run that rotated the refresh token. */
  prepare?: (env: CaseEnvironment) => Promise<void>
  /** `survives`: same bytes as an undisturbed run; `fails`: previous CSV untouched. */
  outcome: 'survives' | 'fails'
  /**
   * `fails`: the `::error::` message, which must name the cause and the fix.
   * `survives`: a log line that shows the fault was met and handled.
   */
  message: RegExp
  /** Further checks; each problem found is returned as a sentence. */
  check?: (result: FaultCaseResult, shared: SharedServers) => string[]
}

export interface FaultCaseResult {
  run: ActionRun
  elapsedMs: number
  /** The CSV in the workspace after the run, or undefined if there is none. */
  csv: string | undefined
  /** Names of the files the run left in the workspace. */
  files: string[]
  /** Places a credential or token turned up (stdout, stderr, summary, outputs, files). */
  leaks: string[]
  /** Given credentials not masked before the first ordinary log line. */
  maskedLate: string[]
  /** `::error::` lines. */
  errors: string[]
  /** Retries the action logged (`retrying in`). */
  retries: number
  /** Token renewals the action logged. */
  renewals: number
  /** Token requests the action retried (each may have been granted before it gave up). */
  tokenRetries: number
  faultsInjected: number
  tokenGrants: number
  /** HTTP statuses the stand-in answered with, in order (0: no answer). */
  statuses: number[]
  /** desWorkspaceInfos requests the stand-in answered. */
  discoveryRequests: number
  /** The action's peak resident memory, as the process itself measured it at exit. */
  maxRssBytes: number | undefined
  /** The stand-in's regional endpoint, which discovery should find. */
  regionalApiUrl: string
}

/** A loopback HTTP server that answers 200 and remembers every request. */
export interface RecordingServer {
  url: string
  requests: { method: string; path: string; authorization?: string }[]
  close(): Promise<void>
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordingServer['requests'] = []
  const server: Server = createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization
    })
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":null}')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A loopback port that nothing listens on (it was free a moment ago). */
export async function closedUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}/graphql`
}

/** The inputs of a case run: a 365 workspace on the stand-in, 20 per page, short time limits. */
export function caseInputs(
  altium: StandIn,
  set: CredentialSet,
  extra: Record<string, string>
): Record<string, string> {
  return {
    ...standInInputs(altium, set),
    'page-size': '20',
    // Generous: on a loaded machine a healthy answer may take seconds. Hang cases set 1 or 2.
    'request-timeout': '10',
    'deadline-minutes': '0.5',
    publish: 'none',
    ...extra
  }
}

/** An earlier export of the same library: the last three components were added since. */
export function olderExport(csv: string): string {
  return [...csv.split('\n').slice(0, -4), ''].join('\n')
}

/** A workspace holding an earlier export, which a failed run must leave byte for byte. */
export function workspaceWith(previousCsv: string | undefined, prefix = 'fault-'): string {
  const workspace = mkdtempSync(path.join(tmpdir(), prefix))
  if (previousCsv !== undefined) writeFileSync(path.join(workspace, CSV_NAME), previousCsv)
  return workspace
}

/**
 * Every secret a run could leak: the stand-in's secret credentials and every token it issued.
 * The client id and the user name are not secrets: the action neither masks nor hides them.
 */
export function secretsOf(altium: StandIn, given: string[]): string[] {
  const { clientSecret, refreshToken, password, accessToken } = altium.credentials
  return [
    clientSecret,
    refreshToken,
    password,
    accessToken,
    ...altium.stats.issuedTokens,
    ...altium.stats.issuedRefreshTokens,
    ...given
  ]
}

/** The secret credential values given through inputs and `ALTIUM_*` variables. */
export function givenCredentials(
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): string[] {
  return SECRET_CREDENTIAL_INPUTS.flatMap((name) => [
    inputs[name] ?? '',
    env[`ALTIUM_${name.replace(/-/g, '_').toUpperCase()}`] ?? ''
  ]).filter(Boolean)
}

/**
 * Given credentials whose `::add-mask::` came after the first ordinary log line (or never).
 * Secrets shorter than the logger masks are left out: the run warns about them instead.
 */
export function maskedLate(run: ActionRun, credentials: string[]): string[] {
  const lines = run.stdout.split('\n')
  const firstOrdinary = lines.findIndex((line) => line !== '' && !line.startsWith('::add-mask::'))
  const head = firstOrdinary < 0 ? lines : lines.slice(0, firstOrdinary)
  return credentials
    .filter((value) => value.length >= MIN_SECRET_LENGTH)
    .filter((value) => !head.includes(`::add-mask::${value.replace(/%/g, '%25')}`))
    .map((value) => `a credential of ${value.length} characters`)
}

/** Loaded before the action: prints its peak memory (`maxrss=<kB>`) to stderr as it exits. */
const REPORT_RSS =
  '--import=data:text/javascript,process.on("exit",()=>process.stderr.write(' +
  '"maxrss="+process.resourceUsage().maxRSS+"\\n"))'

function maxRssOf(run: ActionRun): number | undefined {
  const kilobytes = /maxrss=(\d+)/.exec(run.stderr)?.[1]
  return kilobytes === undefined ? undefined : Number(kilobytes) * 1024
}

export async function runFaultCase(
  fault: FaultCase,
  shared: SharedServers,
  previousCsv: string | undefined
): Promise<FaultCaseResult> {
  const switches = typeof fault.standIn === 'function' ? fault.standIn(shared) : fault.standIn
  const altium = await startStandIn({ ...FAULT_LIBRARY, ...switches })
  try {
    const env: CaseEnvironment = { ...shared, altium }
    const extra = typeof fault.inputs === 'function' ? fault.inputs(env) : (fault.inputs ?? {})
    const inputs = caseInputs(altium, fault.credentials ?? 'refresh-token', extra)
    const workspace = workspaceWith(previousCsv, fault.workspacePrefix)
    await fault.prepare?.(env)
    const started = Date.now()
    const run = await runAction(inputs, { workspace, timeoutMs: 90_000, nodeArgs: [REPORT_RSS] })
    const elapsedMs = Date.now() - started
    const files = readdirSync(workspace).sort()
    const result: FaultCaseResult = {
      run,
      elapsedMs,
      csv: files.includes(CSV_NAME)
        ? readFileSync(path.join(workspace, CSV_NAME), 'utf8')
        : undefined,
      files,
      leaks: findLeaks(run, secretsOf(altium, givenCredentials(inputs))),
      maskedLate: maskedLate(run, givenCredentials(inputs)),
      errors: run.stdout.split('\n').filter((line) => line.startsWith('::error::')),
      retries: (run.stdout.match(/retrying in \d+ ms/g) ?? []).length,
      renewals: (run.stdout.match(/requesting a new one/g) ?? []).length,
      tokenRetries: (run.stdout.match(/Token request failed/g) ?? []).length,
      faultsInjected: altium.stats.faultsInjected,
      tokenGrants: Object.values(altium.stats.tokenGrants).reduce((sum, n) => sum + n, 0),
      statuses: altium.stats.requests.map((request) => request.status),
      discoveryRequests: altium.stats.discoveryRequests,
      maxRssBytes: maxRssOf(run),
      regionalApiUrl: altium.regionalApiUrl
    }
    return result
  } finally {
    await altium.close()
  }
}

/**
 * What is wrong with a case's outcome, as sentences (empty when all is well): the exit status,
 * the message, the files, the bytes, leaks, masking, and the case's own checks.
 */
export function judge(
  fault: FaultCase,
  result: FaultCaseResult,
  env: { undisturbed: string; previous: string } & SharedServers
): string[] {
  const problems: string[] = []
  const { run } = result
  const log = `${run.stdout}\n${run.stderr}`
  if (fault.outcome === 'survives') {
    if (run.exitCode !== 0) problems.push(`exited ${run.exitCode}: ${result.errors.join(' ')}`)
    if (result.csv !== env.undisturbed) problems.push('the CSV differs from an undisturbed run')
    if (result.files.join() !== [CSV_NAME, REPORT_NAME].sort().join()) {
      problems.push(`left ${result.files.join(', ')}`)
    }
    if (!fault.message.test(log)) problems.push(`the log does not show ${fault.message}`)
  } else {
    if (run.exitCode !== 1) problems.push(`exited ${run.exitCode}, not 1`)
    if (result.errors.length !== 1) problems.push(`${result.errors.length} error lines, not 1`)
    if (!fault.message.test(result.errors.join('\n'))) {
      problems.push(`the message does not match ${fault.message}: ${result.errors.join(' ')}`)
    }
    if (result.csv !== env.previous) problems.push('the previous CSV was changed')
    if (result.files.join() !== CSV_NAME) problems.push(`left ${result.files.join(', ')}`)
  }
  if (result.leaks.length) problems.push(`leaked a secret into ${result.leaks.join(', ')}`)
  if (result.maskedLate.length) problems.push(`masked late: ${result.maskedLate.join(', ')}`)
  if (fault.check) problems.push(...fault.check(result, env))
  return problems
}
