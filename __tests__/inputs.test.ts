import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { readInputs } from '../src/inputs/inputs.js'
import { inputReader } from './helpers/input-reader.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'inputs-'))

/** Inputs as the runner gives them, with a ready token unless told otherwise. */
const { env, read, errorOf } = inputReader(
  { 'workspace-url': 'https://acme.365.altium.com', 'access-token': 'tok-123', publish: 'none' },
  { GITHUB_WORKSPACE: workspace }
)

describe('reading inputs', () => {
  it('applies the realm defaults and normalises the workspace URL', () => {
    const nexar = read({})
    expect(nexar.workspaceUrl).toBe('https://acme.365.altium.com/')
    expect(nexar.apiUrl).toBe('https://api.nexar.com/graphql')
    expect(nexar.tokenUrl).toBe('https://identity.nexar.com/connect/token')
    expect(nexar.tokenSecure).toBe(false)

    const gov = read({
      realm: 'altium-365-gov',
      'workspace-url': 'https://ACME.365-gov.altium.com/'
    })
    expect(gov.apiUrl).toBe('https://acme.365-gov.altium.com/api/graphql')
    expect(gov.tokenUrl).toBe('https://auth.365-gov.altium.com/connect/token')
    expect(gov.tokenSecure).toBe(true)

    expect(read({ realm: 'altium-365' }).tokenUrl).toBe('https://auth.altium.com/connect/token')
  })

  it('masks every credential the moment it is read, from inputs and from ALTIUM_ variables', () => {
    const masked: string[] = []
    const variables = env(
      { 'access-token': '', 'client-id': 'id-1', 'refresh-token': 'rt-1' },
      { ALTIUM_CLIENT_SECRET: 'secret-1' }
    )
    const inputs = readInputs(variables, (value) => masked.push(value))
    expect(masked.sort()).toEqual(['id-1', 'rt-1', 'secret-1'])
    expect(inputs.credentials).toEqual({
      kind: 'refresh-token',
      clientId: 'id-1',
      clientSecret: 'secret-1',
      refreshToken: 'rt-1'
    })
  })

  it('picks the password set when client id, secret, username and password are given', () => {
    const inputs = read({
      'access-token': '',
      'client-id': 'id',
      'client-secret': 'secret',
      username: 'eve',
      password: 'pw'
    })
    expect(inputs.credentials.kind).toBe('password')
  })

  it('refuses missing, incomplete and ambiguous credentials without echoing their values', () => {
    expect(errorOf({ 'access-token': '' })).toMatch(/No Altium credentials/)
    const incomplete = errorOf({ 'access-token': '', 'client-id': 'id-secret-value' })
    expect(incomplete).toMatch(
      /`client-id` given, `client-secret` and `refresh-token`, or `client-secret` and `username` and `password` missing/
    )
    expect(incomplete).not.toContain('id-secret-value')
    expect(errorOf({ 'access-token': '', 'refresh-token': 'r', username: 'u' })).toMatch(
      /`refresh-token`, `username` given, and they do not belong to one set/
    )
    const ambiguous = errorOf({ 'client-id': 'a', 'client-secret': 'b', 'refresh-token': 'c' })
    expect(ambiguous).toMatch(/ambiguous/)
    expect(ambiguous).toMatch(/`access-token`/)
    expect(ambiguous).not.toContain('tok-123')
  })

  it.each([
    [{ 'workspace-url': '' }, /'workspace-url' is required/],
    [{ 'workspace-url': 'not a url' }, /'workspace-url'.*not a URL/],
    [{ 'workspace-url': 'http://acme.365.altium.com' }, /'workspace-url'.*https/],
    [{ realm: 'europe' }, /'realm'.*Accepted: nexar, altium-365, altium-365-gov/],
    [{ 'api-url': 'http://api.example.com/graphql' }, /'api-url'.*not https/],
    [{ 'token-url': 'ftp://x/token' }, /'token-url'.*not a URL/],
    [{ 'api-url': 'https://user:pw@api.nexar.com/graphql' }, /'api-url' must not carry/],
    [{ 'page-size': 'abc' }, /'page-size'.*whole number from 1 to 1000/],
    [{ 'page-size': '0' }, /'page-size'/],
    [{ 'part-choices': '21' }, /'part-choices'.*0 to 20/],
    [{ bom: 'yes' }, /'bom'.*Accepted: true, false/],
    [{ 'discover-endpoint': 'maybe' }, /'discover-endpoint'/],
    [{ 'escape-formulas': '1' }, /'escape-formulas'/],
    [{ delimiter: ';;' }, /'delimiter'/],
    [{ delimiter: '"' }, /'delimiter'/],
    [{ columns: 'name\nprice' }, /unknown column "price".*Accepted column ids:.*mpn-N/],
    [{ columns: 'mpn-21' }, /unknown column "mpn-21"/],
    [{ columns: 'name\nname' }, /header "name" appears twice/],
    [{ filter: 'type=Resistor' }, /'filter'.*name=…, comment=…, description=…, folder=…/],
    [{ filter: 'name=a\nname=b' }, /"name" is given twice/],
    [{ path: '../outside.csv' }, /'path'.*outside the workspace/],
    [{ path: '/etc/passwd' }, /'path'.*outside the workspace/],
    [{ publish: 'nowhere' }, /'publish'.*Accepted:.*artifact.*none/]
  ])('refuses %j with a message naming the input', (inputs, message) => {
    expect(errorOf(inputs)).toMatch(message)
  })

  it('reads the request timeout in seconds and the deadline in minutes, decimals allowed', () => {
    const defaults = read({})
    expect(defaults.requestTimeoutMs).toBe(60_000)
    expect(defaults.deadlineMs).toBe(20 * 60_000)
    const short = read({ 'request-timeout': '5', 'deadline-minutes': '0.5' })
    expect(short.requestTimeoutMs).toBe(5000)
    expect(short.deadlineMs).toBe(30_000)
    expect(read({ 'deadline-minutes': '360' }).deadlineMs).toBe(360 * 60_000)
  })

  it('accepts plain http only for loopback endpoints', () => {
    const inputs = read({
      'api-url': 'http://127.0.0.1:8080/graphql',
      'token-url': 'http://localhost:1/t'
    })
    expect(inputs.apiUrl).toBe('http://127.0.0.1:8080/graphql')
  })

  it('refuses a path that leaves the workspace through a symbolic link', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-'))
    symlinkSync(outside, path.join(workspace, 'escape'))
    expect(errorOf({ path: 'escape/library.csv' })).toMatch(/outside the workspace/)
  })

  it('resolves the CSV and report paths inside the workspace', () => {
    mkdirSync(path.join(workspace, 'exports'), { recursive: true })
    const inputs = read({ path: 'exports/lib.csv' })
    expect(inputs.csvPath).toBe(path.join(workspace, 'exports', 'lib.csv'))
    expect(inputs.reportPath).toBe(path.join(workspace, 'exports', 'lib.report.json'))
  })

  it('builds the default columns with the asked number of part choices, then parameter columns', () => {
    const headers = read({
      'part-choices': '1',
      parameters: 'Tolerance\nVoltage Rating'
    }).columns.map((c) => c.header)
    expect(headers).toEqual([
      'name',
      'revision',
      'lifecycle-state',
      'allowed-in-design',
      'folder',
      'type',
      'comment',
      'description',
      'value',
      'footprint',
      'symbol',
      'manufacturer-1',
      'mpn-1',
      'part-choice-count',
      'datasheet',
      'Tolerance',
      'Voltage Rating'
    ])
  })

  it('renames columns with Header=column-id and keeps their order', () => {
    const columns = read({ columns: 'Part=name\nMPN=mpn-1\nid' }).columns
    expect(columns.map((c) => [c.header, c.id])).toEqual([
      ['Part', 'name'],
      ['MPN', 'mpn-1'],
      ['id', 'id']
    ])
  })

  it('reads filters, a tab delimiter and booleans', () => {
    const inputs = read({
      filter: 'name=CMP-1\nfolder=Components/Passives/',
      delimiter: 'tab',
      bom: 'True',
      'escape-formulas': 'false'
    })
    expect(inputs.filter).toEqual({ name: 'CMP-1', folder: 'Components/Passives/' })
    expect(inputs.delimiter).toBe('\t')
    expect(inputs.bom).toBe(true)
    expect(inputs.escapeFormulas).toBe(false)
    expect(read({ delimiter: '\t' }).delimiter).toBe('\t')
  })
})

describe('the benchmark’s strategy switch', () => {
  it('runs the adaptive strategy unless BENCH_EXPORT_STRATEGY fixes another', () => {
    expect(read({}).exportStrategy).toBe('adaptive')
    expect(read({}, { BENCH_EXPORT_STRATEGY: 'list-then-details' }).exportStrategy).toBe(
      'list-then-details'
    )
    expect(errorOf({}, { BENCH_EXPORT_STRATEGY: 'fastest' })).toBe(
      'BENCH_EXPORT_STRATEGY: "fastest" is not accepted. Accepted: adaptive, paging, list-then-details.'
    )
  })
})
