/**
 * End to end: the built dist/index.js, run as a child process the way the runner runs it, against
 * the local Altium stand-in.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { CREDENTIAL_INPUTS } from '../../src/auth/credentials.js'
import { runAction, type ActionRun } from '../../scripts/runner.js'
import { DEFAULT_HEADERS, expectedRows } from '../helpers/expected-csv.js'
import { pieTitled } from '../helpers/mermaid.js'
import { findLeaks } from '../helpers/secrets.js'
import { standInInputs, type CredentialSet } from '../helpers/stand-in-inputs.js'

const LIBRARY_SIZE = 2345
let altium: StandIn

beforeAll(async () => {
  altium = await startStandIn({ seed: 7, componentCount: LIBRARY_SIZE, maxPageSize: 100 })
})
afterAll(() => altium.close())
beforeEach(() => {
  altium.setOptions({
    maxPageSize: 100,
    faults: {},
    tokenExpiresAfterCalls: undefined,
    authStyle: 'altium-365',
    requireRegionalEndpoint: false,
    requireSecure: false,
    passwordGrant: true
  })
  altium.resetStats()
})

/**
 * Runs the action against the stand-in; every run is scanned for leaked credentials and tokens.
 * `publish: none` unless a test sets it: artifact publishing has its own end-to-end test.
 */
async function exportWith(
  inputs: Record<string, string> = {},
  set: CredentialSet = 'refresh-token',
  workspace?: string
): Promise<ActionRun> {
  const allInputs = { ...standInInputs(altium, set), publish: 'none', ...inputs }
  const run = await runAction(allInputs, { workspace })
  const given = CREDENTIAL_INPUTS.map((name) => (allInputs as Record<string, string>)[name] ?? '')
  expect(findLeaks(run, [...allSecrets(), ...given])).toEqual([])
  return run
}

function csvOf(run: ActionRun): string {
  return readFileSync(path.join(run.workspace, 'library_components.csv'), 'utf8')
}

function allSecrets(): string[] {
  return [...Object.values(altium.credentials), ...altium.stats.issuedTokens]
}

function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
}

/** The file an undisturbed export writes: every disturbed export must give these same bytes. */
let undisturbed: string

beforeAll(async () => {
  const run = await exportWith()
  expectSuccess(run)
  undisturbed = csvOf(run)
})

describe('exporting the whole library', () => {
  it.each<CredentialSet>(['refresh-token', 'password', 'access-token'])(
    'writes every component, cell for cell, with the %s set',
    async (set) => {
      const run = await exportWith({}, set)
      expectSuccess(run)
      const rows = parse(csvOf(run)) as string[][]
      expect(rows[0]).toEqual(DEFAULT_HEADERS)
      expect(rows.slice(1)).toEqual(expectedRows(altium.library))
      expect(run.outputs['component-count']).toBe(String(LIBRARY_SIZE))
      expect(run.outputs['csv-path']).toBe(path.join(run.workspace, 'library_components.csv'))
      expect(csvOf(run)).toBe(undisturbed)
    }
  )

  it('pages 2,345 components in 25 library requests from a server capped at 100 per page', async () => {
    const run = await exportWith({ concurrency: '1' })
    expectSuccess(run)
    expect(altium.stats.libraryRequests).toBe(25)
    // page-size auto tries 200 once, is refused (HC0051 says 100), and stays at 100.
    const sizes = altium.stats.requests.filter((r) => r.first !== undefined).map((r) => r.first)
    expect(sizes.filter((size) => size !== 100)).toEqual([200])
    expect(csvOf(run)).toBe(undisturbed)
  })

  it('gives byte-identical files on two runs over the same library', async () => {
    const first = await exportWith()
    const second = await exportWith()
    expectSuccess(first)
    expectSuccess(second)
    // The log and the summary say in one line which strategy ran, and why.
    const line = /^Strategy: (plain paging|listing \+ details by id), .+ per page.* \(.+\)$/m.exec(
      first.stdout
    )?.[0]
    expect(line).toBeDefined()
    expect(first.summary).toContain(`| Strategy | ${(line as string).slice('Strategy: '.length)} |`)
    expect(csvOf(second)).toBe(csvOf(first))
    expect(csvOf(first)).toBe(undisturbed)
    const report = (run: ActionRun) => readFileSync(run.outputs['report-path'], 'utf8')
    expect(report(second)).toBe(report(first))
  })

  it('completes with the same file from a server that allows only 40 per page', async () => {
    altium.setOptions({ maxPageSize: 40 })
    const run = await exportWith()
    expectSuccess(run)
    expect(csvOf(run)).toBe(undisturbed)
    expect(run.stdout).toMatch(/continuing with 40 per page/)
  })

  it('gives the same bytes with 15% of requests answered 503 and tokens expiring every few calls', async () => {
    altium.setOptions({ faults: { unavailableRate: 0.15 }, tokenExpiresAfterCalls: 3 })
    const run = await exportWith()
    expectSuccess(run)
    expect(csvOf(run)).toBe(undisturbed)
    expect(altium.stats.faultsInjected).toBeGreaterThan(0)
    expect(altium.stats.tokenGrants.refresh_token).toBeGreaterThan(3)
  })

  it('renews Nexar-style expired tokens (HTTP 200 with AuthExpiredToken) with the password set', async () => {
    altium.setOptions({ authStyle: 'nexar', tokenExpiresAfterCalls: 4 })
    const run = await exportWith({}, 'password')
    expectSuccess(run)
    expect(csvOf(run)).toBe(undisturbed)
    expect(altium.stats.tokenGrants.password).toBeGreaterThan(2)
  })

  it('waits out 429 LIMIT_EXCEEDED answers and still exports everything', async () => {
    altium.setOptions({ faults: { rateLimitRate: 0.1 } })
    const run = await exportWith()
    expectSuccess(run)
    expect(csvOf(run)).toBe(undisturbed)
    expect(altium.stats.faultsInjected).toBeGreaterThan(0)
  })

  it('halves the page size when a page costs too much (HC0047) and resumes from the same cursor', async () => {
    altium.setOptions({ faults: { costLimit: 1000 } })
    const run = await exportWith()
    expectSuccess(run)
    expect(csvOf(run)).toBe(undisturbed)
    expect(run.stdout).toMatch(/continuing with 50 per page[\s\S]*continuing with 25 per page/)
    const afters = altium.stats.requests.filter((r) => r.first !== undefined).map((r) => r.after)
    // The two refused pages and the accepted one asked for the same cursor; the next moved on.
    expect(new Set(afters.slice(0, 3)).size).toBe(1)
    expect(afters[3]).not.toBe(afters[2])
  })

  it('retries the token endpoint when it answers 503', async () => {
    altium.setOptions({ faults: { tokenUnavailableRate: 0.5 }, tokenExpiresAfterCalls: 5 })
    const run = await exportWith()
    expectSuccess(run)
    expect(csvOf(run)).toBe(undisturbed)
    expect(run.stdout).toMatch(/Token request failed .*503.*; retrying/)
  })

  it('keeps using a rotated refresh token for the rest of the run and warns about the secret', async () => {
    const rotating = await startStandIn({
      seed: 7,
      componentCount: 300,
      rotateRefreshTokens: true,
      tokenExpiresAfterCalls: 2
    })
    try {
      const c = rotating.credentials
      const run = await runAction({
        ...standInInputs(rotating),
        'page-size': '20',
        publish: 'none'
      })
      expectSuccess(run)
      expect(run.outputs['component-count']).toBe('300')
      expect(rotating.stats.tokenGrants.refresh_token).toBeGreaterThan(3)
      expect(run.stdout).toMatch(/::warning::The token endpoint rotated the refresh token/)
      expect(findLeaks(run, [...Object.values(c), ...rotating.stats.issuedTokens])).toEqual([])
    } finally {
      await rotating.close()
    }
  })

  it('sends secure=1 to a GovCloud token endpoint', async () => {
    altium.setOptions({ requireSecure: true })
    expectSuccess(await exportWith({ realm: 'altium-365-gov' }))
    const refused = await exportWith({ realm: 'altium-365' })
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toMatch(/access_denied.*altium-365-gov/)
  })
})

describe('endpoint discovery', () => {
  // The stand-in's inputs say `realm: altium-365`, where `discover-endpoint: auto` leaves it off.
  const discovery = { 'discover-endpoint': 'true' }

  it('sends the export to the workspace regional endpoint', async () => {
    altium.setOptions({ requireRegionalEndpoint: true })
    const run = await exportWith(discovery)
    expectSuccess(run)
    expect(run.outputs['api-url']).toBe(altium.regionalApiUrl)
    expect(csvOf(run)).toBe(undisturbed)
    expect(run.summary).toContain(altium.regionalApiUrl)
  })

  it('explains the wrong-region failure when discovery is off', async () => {
    altium.setOptions({ requireRegionalEndpoint: true })
    const run = await exportWith({ 'discover-endpoint': 'false' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/another region.*discover-endpoint: true/)
    expect(existsSync(path.join(run.workspace, 'library_components.csv'))).toBe(false)
  })

  it('stays on api-url when the workspace is not listed, and says so', async () => {
    const run = await exportWith({ ...discovery, 'workspace-url': 'https://other.365.altium.com/' })
    expect(run.stdout).toMatch(/is not among the .* workspaces listed; staying on/)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /The workspace https:\/\/other\.365\.altium\.com\/ cannot be accessed through http:\/\/127/
    )
  })
})

describe('the job summary and the report', () => {
  it('prints the summary line by line where there is no summary file, server text inert', async () => {
    altium.setOptions({ faults: { hostileText: '\n::stop-commands::pwned' } })
    const run = await runAction(
      { ...standInInputs(altium), 'discover-endpoint': 'true', publish: 'none' },
      { env: { GITHUB_STEP_SUMMARY: '' } }
    )
    expectSuccess(run)
    const lines = run.stdout.split('\n')
    expect(lines).toContain('## Altium library export')
    // Addresses are code in the summary: GitHub links nothing there.
    expect(lines).toContain(`| Workspace | \`${altium.workspaceUrl}\` |`)
    expect(lines).toContainEqual(expect.stringMatching(/^\| Components \| 2345 \|$/))
    // The region's name arrives with a line break; the summary shows it on one line.
    expect(lines).toContainEqual(expect.stringMatching(/Europe ::stop-commands::pwned/))
    expect(lines.filter((line) => /^\s*::stop-commands/.test(line))).toEqual([])
    expect(findLeaks(run, allSecrets())).toEqual([])
  })

  it('tells the workspace, endpoint, components, requests, time and columns', async () => {
    const run = await exportWith({ parameters: 'Tolerance', 'page-size': '100', concurrency: '1' })
    expectSuccess(run)
    expect(run.summary).toContain(altium.workspaceUrl)
    expect(run.summary).toMatch(new RegExp(`\\| Components \\| ${LIBRARY_SIZE} \\|`))
    expect(run.summary).toMatch(/\| Pages \| 24 of up to 100 components \|/)
    expect(run.summary).toMatch(
      /\| Requests \| 24 GraphQL \(24 for the library\), 1 to the token endpoint; 0 retries/
    )
    expect(run.summary).toMatch(/\| Time taken \| \d+\.\d s \|/)
    expect(run.summary).toContain('`mpn-3`, `part-choice-count`, `datasheet`, `Tolerance`')
    // The lifecycle states as a pie that Mermaid reads, counting every component.
    const lifecycle = await pieTitled(run.summary, 'Lifecycle states')
    expect(lifecycle.sections.reduce((sum, slice) => sum + slice.value, 0)).toBe(LIBRARY_SIZE)
    const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'))
    expect(report).toMatchObject({
      workspaceUrl: altium.workspaceUrl,
      csv: 'library_components.csv',
      counts: { components: LIBRARY_SIZE, serverTotal: LIBRARY_SIZE, received: LIBRARY_SIZE }
    })
  })
})

describe('columns, filters and file options', () => {
  it('writes renamed columns, parameters, a delimiter and a byte order mark', async () => {
    const run = await exportWith({
      columns: 'Part=name\nMPN=mpn-1\nid',
      parameters: 'Package',
      delimiter: ';',
      bom: 'true'
    })
    expectSuccess(run)
    const text = csvOf(run)
    expect(text.startsWith('\ufeffPart;MPN;id;Package\n')).toBe(true)
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][]
    expect(rows).toHaveLength(LIBRARY_SIZE + 1)
    const byId = new Map(altium.library.map((c) => [c.id, c]))
    for (const row of rows.slice(1)) expect(byId.get(row[2])?.name).toBe(row[0])
  })

  it('filters by exact name on the server and by folder prefix here', async () => {
    const target = altium.library[17]
    const byName = await exportWith({ filter: `name=${target.name}` })
    expectSuccess(byName)
    expect(byName.outputs['component-count']).toBe('1')
    expect(altium.stats.libraryRequests).toBe(1)

    const folder = altium.library.find((c) => c.folder)?.folder?.path as string
    const top = folder.split('/')[0]
    const byFolder = await exportWith({ filter: `folder=${top}` })
    expectSuccess(byFolder)
    const expected = altium.library.filter(
      (c) => c.folder && (c.folder.path === top || c.folder.path.startsWith(`${top}/`))
    ).length
    expect(byFolder.outputs['component-count']).toBe(String(expected))
  })

  it('leaves formulas alone when escaping is turned off', async () => {
    const run = await exportWith({ columns: 'comment\ndescription', 'escape-formulas': 'false' })
    expectSuccess(run)
    const cells = (parse(csvOf(run)) as string[][]).flat()
    expect(cells.some((cell) => /^[=+\-@]/.test(cell))).toBe(true)
    const escaped = await exportWith({ columns: 'comment\ndescription' })
    expect((parse(csvOf(escaped)) as string[][]).flat().some((cell) => /^[=+\-@]/.test(cell))).toBe(
      false
    )
  })
})

describe('failures', () => {
  /** A workspace holding the previous export, which a failed run must leave as it was. */
  function workspaceWithPreviousCsv(): { workspace: string; file: string } {
    const workspace = mkdtempSync(path.join(tmpdir(), 'previous-'))
    const file = path.join(workspace, 'library_components.csv')
    writeFileSync(file, 'name\nthe previous export\n')
    return { workspace, file }
  }

  it.each([
    [{ 'page-size': '0' }, /Input 'page-size'/],
    [{ columns: 'name\nprice' }, /Input 'columns': unknown column "price"/],
    [{ 'workspace-url': 'http://acme.example.com' }, /Input 'workspace-url'/],
    [{ 'api-url': 'http://api.example.com/graphql' }, /Input 'api-url'.*not https/],
    [{ path: '../escape.csv' }, /Input 'path'.*outside the workspace/],
    [{ realm: 'mars' }, /Input 'realm'/],
    [{ filter: 'lifecycle=Released' }, /Input 'filter'/],
    [{ 'access-token': 'extra' }, /The credentials are ambiguous/],
    [
      { 'refresh-token': '' },
      /The credentials are incomplete: `client-id`, `client-secret` given, `refresh-token`, or `username` and `password` missing/
    ]
  ])('refuses %j before any request and keeps the previous file', async (inputs, message) => {
    const { workspace, file } = workspaceWithPreviousCsv()
    const run = await exportWith(inputs, 'refresh-token', workspace)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(new RegExp(`::error::${message.source}`))
    expect(altium.stats.tokenRequests + altium.stats.graphqlRequests).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe('name\nthe previous export\n')
  })

  it.each([
    [
      'refresh-token',
      { 'refresh-token': 'wrong-refresh-token-value' },
      /refresh-token set.*invalid_grant.*Create a new one/
    ],
    ['refresh-token', { 'client-secret': 'wrong-client-secret-value' }, /invalid_client/],
    [
      'password',
      { password: 'wrong-password-value' },
      /password set.*invalid_grant.*username and password was refused/
    ]
  ] as const)(
    'names the %s set and the fix when the token endpoint refuses it',
    async (set, inputs, message) => {
      const { workspace, file } = workspaceWithPreviousCsv()
      const run = await exportWith(inputs, set, workspace)
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(message)
      expect(readFileSync(file, 'utf8')).toBe('name\nthe previous export\n')
    }
  )

  it('says the password grant must be enabled when the app may not use it', async () => {
    altium.setOptions({ passwordGrant: false })
    const run = await exportWith({}, 'password')
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/unauthorized_client.*password grant must be enabled/)
  })

  it('stops on a cursor that does not advance, writing nothing', async () => {
    altium.setOptions({ faults: { stuckCursor: true } })
    const { workspace, file } = workspaceWithPreviousCsv()
    const run = await exportWith({}, 'refresh-token', workspace)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/cursor that does not advance/)
    expect(readFileSync(file, 'utf8')).toBe('name\nthe previous export\n')
    expect(readdirSync(workspace)).toEqual(['library_components.csv'])
  })

  it('stops when the server says there is a next page forever', async () => {
    altium.setOptions({ faults: { endlessPages: true } })
    const run = await exportWith()
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/next page|does not advance/)
    expect(existsSync(path.join(run.workspace, 'library_components.csv'))).toBe(false)
  })

  it('fails on partial data, listing the errors, and keeps the previous file', async () => {
    altium.setOptions({ faults: { partialData: true } })
    const { workspace, file } = workspaceWithPreviousCsv()
    const run = await exportWith({}, 'refresh-token', workspace)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /returned errors for .*The folder service did not answer\. \(DOWNSTREAM_SERVICE_ERROR\) at desLibrary\.components\.nodes\.0\.folder.*request id [\w-]+\)/
    )
    expect(readFileSync(file, 'utf8')).toBe('name\nthe previous export\n')
    expect(readdirSync(workspace)).toEqual(['library_components.csv'])
  })

  it('warns in the log and the summary when totalCount disagrees with what arrived', async () => {
    altium.setOptions({ faults: { totalCountOffset: 2 } })
    const run = await exportWith()
    expectSuccess(run)
    const warning = `The server said the library holds ${LIBRARY_SIZE + 2} components but ${LIBRARY_SIZE} arrived`
    expect(run.stdout).toContain(`::warning::${warning}`)
    expect(run.summary).toContain(warning)
    expect(csvOf(run)).toBe(undisturbed)
  })

  it('explains that a ready token cannot be renewed once it is refused', async () => {
    const run = await exportWith({ 'access-token': 'not-a-valid-token-value' }, 'access-token')
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/cannot be renewed/)
  })
})
