import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { readInputs } from '../../src/inputs/inputs.js'
import { insideGitFolder } from '../../src/paths.js'
import { inputReader } from '../helpers/input-reader.js'

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

  it('masks every secret credential the moment it is read, from inputs and from ALTIUM_ variables', () => {
    const masked: string[] = []
    const variables = env(
      { 'access-token': '', 'client-id': 'id-1', 'refresh-token': 'rt-1' },
      { ALTIUM_CLIENT_SECRET: 'secret-1' }
    )
    const inputs = readInputs(variables, (value) => masked.push(value))
    // The client id says who is asking; it is not a secret.
    expect(masked.sort()).toEqual(['rt-1', 'secret-1'])
    expect(inputs.credentials).toEqual({
      kind: 'refresh-token',
      clientId: 'id-1',
      clientSecret: 'secret-1',
      refreshToken: 'rt-1'
    })
  })

  it('masks the password but not the user name, and names the input of each secret', () => {
    const masked: [string, string][] = []
    readInputs(
      env({
        'access-token': '',
        'client-id': 'client-7',
        'client-secret': 'secret-7',
        username: 'acme',
        password: 'acme-Winter2025!'
      }),
      (value, name) => masked.push([value, name])
    )
    expect(masked).toEqual([
      ['secret-7', "Input 'client-secret'"],
      ['acme-Winter2025!', "Input 'password'"]
    ])
  })

  it('discovers the endpoint for realm nexar only, unless discover-endpoint says otherwise', () => {
    expect(read({}).discoverEndpoint).toBe(true)
    expect(read({ 'discover-endpoint': 'auto' }).discoverEndpoint).toBe(true)
    expect(read({ realm: 'altium-365' }).discoverEndpoint).toBe(false)
    expect(read({ realm: 'altium-365-gov', 'discover-endpoint': 'AUTO' }).discoverEndpoint).toBe(
      false
    )
    expect(read({ realm: 'altium-365', 'discover-endpoint': 'true' }).discoverEndpoint).toBe(true)
    expect(read({ realm: 'nexar', 'discover-endpoint': 'false' }).discoverEndpoint).toBe(false)
    expect(errorOf({ 'discover-endpoint': 'yes' })).toMatch(/Accepted: auto .*, true, false/)
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

  it('refuses a report path that is a folder, naming the report', () => {
    mkdirSync(path.join(workspace, 'taken', 'lib.report.json'), { recursive: true })
    expect(errorOf({ path: 'taken/lib.csv' })).toMatch(
      /Input 'path': the JSON report beside the CSV \(taken\/lib\.report\.json\) is a folder/
    )
  })

  it('refuses a path whose folder is a file, or a symbolic link to nothing', () => {
    writeFileSync(path.join(workspace, 'notes.txt'), 'x')
    expect(errorOf({ path: 'notes.txt/lib.csv' })).toMatch(
      /Input 'path': "notes\.txt\/lib\.csv" needs .*notes\.txt to be a folder, but it is a file/
    )
    symlinkSync(path.join(workspace, 'nowhere'), path.join(workspace, 'dangling'))
    expect(errorOf({ path: 'dangling/deep/lib.csv' })).toMatch(
      /goes through .*dangling, a symbolic link to .*nowhere, which does not exist/
    )
    expect(errorOf({ baseline: 'dangling/old.csv' })).toMatch(/Input 'baseline'/)
  })

  it.each([
    '.git/config',
    '.GIT/hooks/pre-commit',
    'sub/.git/x.csv',
    '.git./x.csv',
    'GIT~1/config'
  ])('refuses path %s inside a .git folder, and the same as a baseline', (file) => {
    expect(errorOf({ path: file })).toMatch(/Input 'path': ".*" is inside a \.git folder/)
    expect(errorOf({ baseline: file })).toMatch(/Input 'baseline': ".*" is inside a \.git folder/)
  })

  it('refuses a path that reaches .git through a symbolic link', () => {
    mkdirSync(path.join(workspace, '.git'), { recursive: true })
    symlinkSync(path.join(workspace, '.git'), path.join(workspace, 'repo-files'))
    expect(errorOf({ path: 'repo-files/config' })).toMatch(/is inside a \.git folder/)
  })

  it('tells .git apart from names that only look like it', () => {
    expect(insideGitFolder(path.join('exports', '.github', 'lib.csv'))).toBe(false)
    expect(insideGitFolder(path.join('my.git', 'lib.csv'))).toBe(false)
    expect(insideGitFolder('.gitignore')).toBe(false)
    expect(insideGitFolder('a\\.Git\\b')).toBe(true)
  })

  it("reads GITHUB_SERVER_URL's origin, github.com by default, and refuses a clear-text one", () => {
    expect(read({}).runner.serverUrl).toBe('https://github.com')
    expect(read({}, { GITHUB_SERVER_URL: 'https://ghe.example.com/' }).runner.serverUrl).toBe(
      'https://ghe.example.com'
    )
    expect(errorOf({}, { GITHUB_SERVER_URL: 'http://ghe.example.com' })).toMatch(
      /GITHUB_SERVER_URL "http:\/\/ghe\.example\.com" is not an https address/
    )
  })

  it('reads comment-author as a GitHub login', () => {
    expect(read({}).commentAuthor).toBe('')
    expect(read({ 'comment-author': 'library-app[bot]' }).commentAuthor).toBe('library-app[bot]')
    expect(errorOf({ 'comment-author': 'two words' })).toMatch(
      /Input 'comment-author': "two words" is not a GitHub login/
    )
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
