/**
 * Hostile answers and odd setups, as rows of the fault table: what a compromised proxy, a careless
 * server or an unusual account could send the action. `fault-cases.ts` takes them into its lists.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { REPORT_NAME, type FaultCase, type FaultCaseResult } from './fault-run.js'

/** Text that would start a line of its own with a workflow command, if printed as it is. */
const HOSTILE = '\n::stop-commands::pwned'
/** Discovery on, whatever the realm's default. */
const DISCOVERY = { 'discover-endpoint': 'true' }
/** A deadline long enough for a few tries of a 256 MiB answer on a loaded machine. */
const BOMB_DEADLINE = { 'deadline-minutes': '0.25' }
/** The cap is 256 MiB; reading it, plus the action itself and the garbage collector's lag. */
const BOMB_MEMORY_LIMIT = 700 * 1024 * 1024

type Check = (result: FaultCaseResult) => string[]

function all(...checks: Check[]): Check {
  return (result) => checks.flatMap((check) => check(result))
}

/** No line of the log starts a workflow command the action did not mean to give. */
function noForgedCommands(result: FaultCaseResult): string[] {
  const forged = result.run.stdout
    .split(/\r?\n|\r/)
    .filter((line) => /^\s*::(stop-commands|warning title=Forged)/.test(line))
  return forged.length ? [`printed forged commands: ${forged.join(' | ')}`] : []
}

/** The run stayed on `api-url`: the output names it, and no other address was used. */
function stayedOnApiUrl(result: FaultCaseResult): string[] {
  const configured = result.run.outputs['api-url']
  return /^http:\/\/127\.0\.0\.1:\d+\/graphql$/.test(configured ?? '')
    ? []
    : [`api-url output ${JSON.stringify(configured)}`]
}

function log(result: FaultCaseResult): string {
  return `${result.run.stdout}\n${result.run.stderr}`
}

function report(result: FaultCaseResult): string {
  return readFileSync(path.join(result.run.workspace, REPORT_NAME), 'utf8')
}

function peakMemoryBelow(bytes: number): Check {
  return (result) =>
    result.maxRssBytes !== undefined && result.maxRssBytes < bytes
      ? []
      : [`peak memory ${Math.round((result.maxRssBytes ?? NaN) / 2 ** 20)} MiB`]
}

/** The regional endpoint with a fragment that would forge a command, a mention and a reference. */
const forgedDiscovery = (regional: string): string =>
  `${regional}#\n::warning title=Forged::x\n<b>@octocat</b> #1`

export const HOSTILE_SURVIVED: FaultCase[] = [
  {
    behaviour: 'does not run discovery for realm altium-365 by default',
    standIn: { faults: { discoveredApiUrl: 'https://api.nexar.com/graphql' } },
    outcome: 'survives',
    message: /Exporting the component library of https:\/\/acme\.365\.altium\.com\/ from http/,
    check: all(stayedOnApiUrl, (result) =>
      result.discoveryRequests === 0 ? [] : [`${result.discoveryRequests} discovery requests`]
    )
  },
  {
    behaviour: 'runs discovery for realm nexar by default and uses the regional endpoint',
    standIn: { requireRegionalEndpoint: true },
    inputs: { realm: 'nexar' },
    outcome: 'survives',
    message: /hosted in Europe; using http:\/\/127\.0\.0\.1:\d+\/regional\/eur\/api\/graphql\./,
    check: (result) =>
      result.run.outputs['api-url'] === result.regionalApiUrl
        ? []
        : [`api-url output ${result.run.outputs['api-url']}`]
  },
  {
    behaviour: 'stays on api-url with a notice when discovery names another provider',
    standIn: { faults: { discoveredApiUrl: 'https://api.nexar.com/graphql' } },
    inputs: DISCOVERY,
    outcome: 'survives',
    message:
      /::notice::Endpoint discovery named https:\/\/api\.nexar\.com\/graphql, which is not an https address under the same provider as 127\.0\.0\.1:\d+ for https:\/\/acme\.365\.altium\.com\/; the token is not sent there, and the export stays on http:\/\/127\.0\.0\.1:\d+\/graphql\./,
    check: stayedOnApiUrl
  },
  {
    behaviour: 'refuses a discovered address with line breaks, forging nothing anywhere',
    prepare: async ({ altium }) => {
      altium.setOptions({ faults: { discoveredApiUrl: forgedDiscovery(altium.regionalApiUrl) } })
    },
    inputs: DISCOVERY,
    outcome: 'survives',
    message:
      /::notice::Endpoint discovery named an address with white space or control characters in it for https:\/\/acme\.365\.altium\.com\/; the token is not sent there/,
    check: all(noForgedCommands, stayedOnApiUrl, (result) =>
      [log(result), result.run.summary, report(result), JSON.stringify(result.run.outputs)].some(
        (text) => text.includes('@octocat') || text.includes('Forged')
      )
        ? ['the forged text reached the log, summary, report or outputs']
        : []
    )
  },
  {
    behaviour: 'uses the parsed discovered address, without its fragment, everywhere',
    prepare: async ({ altium }) => {
      altium.setOptions({
        requireRegionalEndpoint: true,
        faults: { discoveredApiUrl: `${altium.regionalApiUrl}#<b>@octocat</b>` }
      })
    },
    inputs: DISCOVERY,
    outcome: 'survives',
    message: /hosted in Europe; using http:\/\/127\.0\.0\.1:\d+\/regional\/eur\/api\/graphql\./,
    check: (result) => [
      ...(result.run.outputs['api-url'] === result.regionalApiUrl
        ? []
        : [`api-url output ${JSON.stringify(result.run.outputs['api-url'])}`]),
      ...([log(result), result.run.summary, report(result)].some((text) => text.includes('octocat'))
        ? ['the fragment reached the log, summary or report']
        : [])
    ]
  },
  {
    behaviour: 'logs server names on one line, so they cannot start a workflow command',
    standIn: { faults: { hostileText: HOSTILE } },
    inputs: DISCOVERY,
    outcome: 'survives',
    message:
      /Endpoint discovery: Acme Hardware\\n::stop-commands::pwned is hosted in Europe ::stop-commands::pwned; using/,
    check: noForgedCommands
  },
  {
    behaviour: 'masks neither the user name nor the client id, only the secrets',
    standIn: { credentials: { username: 'acme' } },
    credentials: 'password',
    workspacePrefix: 'acme-hardware-',
    outcome: 'survives',
    message: /Wrote 120 components to \/.*\/acme-hardware-\w+\/library_components\.csv\./,
    check: (result) => {
      const problems: string[] = []
      const csvPath = result.run.outputs['csv-path'] ?? ''
      if (!/\/acme-hardware-\w+\/library_components\.csv$/.test(csvPath)) {
        problems.push(`csv-path output ${csvPath}`)
      }
      if (!result.run.summary.includes('https://acme.365.altium.com/')) {
        problems.push('the summary does not show the workspace URL')
      }
      if (log(result).includes('***')) problems.push('the log blanks something out')
      if (/^::add-mask::acme$/m.test(result.run.stdout)) problems.push('the user name is masked')
      return problems
    }
  },
  {
    behaviour: 'warns about a secret shorter than 4 characters instead of masking it',
    standIn: { credentials: { password: 'abc' } },
    credentials: 'password',
    outcome: 'survives',
    message: /::warning::Input 'password' is shorter than 4 characters, .* so it is not masked\./,
    check: (result) =>
      /^::add-mask::abc$/m.test(result.run.stdout) ? ['the short password was masked'] : []
  },
  {
    behaviour: 'stops reading a gzip bomb at 256 MiB and retries, with bounded memory',
    standIn: { faults: { gzipBombRate: 1, faultBudget: 1 } },
    inputs: BOMB_DEADLINE,
    outcome: 'survives',
    message:
      /http:\/\/127\.0\.0\.1:\d+\/graphql answered with more than 256 MiB of gzip-decoded body, above the 256 MiB the action reads from one answer .*; retrying in \d+ ms/,
    check: peakMemoryBelow(BOMB_MEMORY_LIMIT)
  }
]

export const HOSTILE_FAILING: FaultCase[] = [
  {
    behaviour: 'redacts a secret that contains another whole, in the spelling a server echoes',
    standIn: {
      credentials: { clientSecret: 'cs-Alpha7', password: 'cs-Alpha7-Winter2025!' },
      faults: { tokenEchoesForm: true }
    },
    credentials: 'password',
    outcome: 'fails',
    message:
      /rejected the password set .*: invalid_request \(The request could not be processed: grant_type=password&username=.*&password=\*\*\*&client_id=[\w-]+&client_secret=\*\*\*&scope=/,
    check: (result) =>
      /Winter2025|Alpha7/.test(log(result).replace(/^::add-mask::.*$/gm, ''))
        ? ['a part of a secret reached the log']
        : []
  },
  {
    behaviour: 'puts GraphQL error messages on one line of the failure message',
    standIn: { faults: { partialData: true, hostileText: HOSTILE } },
    outcome: 'fails',
    message:
      /The folder service did not answer\.\\n::stop-commands::pwned \(DOWNSTREAM_SERVICE_ERROR\)/,
    check: noForgedCommands
  },
  {
    behaviour: "puts the token endpoint's error_description on one line of the failure message",
    standIn: { faults: { tokenError: 'invalid_grant', hostileText: HOSTILE } },
    outcome: 'fails',
    message:
      /invalid_grant \(The refresh token is invalid, expired or revoked\.\\n::stop-commands::pwned\)/,
    check: noForgedCommands
  },
  {
    behaviour: 'ends with a message naming the size when every answer is a gzip bomb',
    standIn: { faults: { gzipBombRate: 1 } },
    inputs: BOMB_DEADLINE,
    outcome: 'fails',
    message:
      /(did not finish within 15 s|kept failing after 8 tries).*answered with more than 256 MiB of gzip-decoded body.*run again later/,
    check: peakMemoryBelow(BOMB_MEMORY_LIMIT)
  }
]
