/**
 * Bad inputs, each refused before any request with a message naming the input and what it
 * accepts. `faults.e2e.test.ts` runs each through the built action; `scripts/fault-figures.ts`
 * counts them for docs/troubleshooting.md#how-much-of-this-is-tested.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface BadInput {
  /** Inputs on top of a good run's (the refresh-token set of the stand-in). */
  inputs: Record<string, string>
  /** Extra environment variables, e.g. `ALTIUM_ACCESS_TOKEN`. */
  env?: Record<string, string>
  /** Shapes the workspace first, e.g. a symbolic link out of it. */
  prepare?: (workspace: string) => void
  message: RegExp
}

const NO_CREDENTIALS = { 'client-id': '', 'client-secret': '', 'refresh-token': '' }

function linkOut(workspace: string, name: string, target: 'folder' | 'file'): void {
  const outside = mkdtempSync(path.join(tmpdir(), 'outside-'))
  if (target === 'folder') symlinkSync(outside, path.join(workspace, name))
  else {
    writeFileSync(path.join(outside, 'victim.csv'), 'not yours\n')
    symlinkSync(path.join(outside, 'victim.csv'), path.join(workspace, name))
  }
}

export const BAD_INPUTS: BadInput[] = [
  { inputs: { 'workspace-url': '' }, message: /Input 'workspace-url' is required/ },
  { inputs: { 'workspace-url': 'acme' }, message: /Input 'workspace-url': "acme" is not a URL/ },
  {
    inputs: { 'workspace-url': 'http://acme.365.altium.com/' },
    message: /Input 'workspace-url': .* must be an https:\/\/ address/
  },
  {
    inputs: { 'workspace-url': 'ftp://acme.365.altium.com/' },
    message: /Input 'workspace-url': .* is not a URL\. Accepted: an https:\/\/ address/
  },
  {
    inputs: { realm: 'mars' },
    message: /Input 'realm': "mars" .*nexar, altium-365, altium-365-gov/
  },
  {
    inputs: { 'api-url': 'http://api.example.com/graphql' },
    message: /Input 'api-url': .* is not https\. Credentials never travel in clear/
  },
  {
    inputs: { 'api-url': 'https://user:pw@api.nexar.com/graphql' },
    message: /Input 'api-url' must not carry a user name or password/
  },
  {
    inputs: { 'token-url': 'http://auth.example.com/connect/token' },
    message: /Input 'token-url': .* is not https/
  },
  { inputs: { 'token-url': 'javascript:alert(1)' }, message: /Input 'token-url': .* is not a URL/ },
  { inputs: { 'discover-endpoint': 'maybe' }, message: /Input 'discover-endpoint'.*true, false/ },
  ...['0', '1001', '2.5'].map((value): BadInput => ({
    inputs: { 'page-size': value },
    message: /Input 'page-size'.*a whole number from 1 to 1000/
  })),
  { inputs: { 'part-choices': '21' }, message: /Input 'part-choices'.*from 0 to 20/ },
  ...['0', '601', 'soon'].map((value): BadInput => ({
    inputs: { 'request-timeout': value },
    message: /Input 'request-timeout'.*a whole number from 1 to 600/
  })),
  ...['0', '361', '1e3'].map((value): BadInput => ({
    inputs: { 'deadline-minutes': value },
    message: /Input 'deadline-minutes'.*more than 0 and up to 360/
  })),
  {
    inputs: { columns: 'name\nprice' },
    message: /Input 'columns': unknown column "price"\. Accepted column ids:/
  },
  { inputs: { columns: 'name\nmpn-21' }, message: /unknown column "mpn-21"/ },
  { inputs: { columns: 'name\nname' }, message: /the header "name" appears twice/ },
  {
    inputs: { parameters: 'Tolerance\nTolerance' },
    message: /the header "Tolerance" appears twice/
  },
  { inputs: { filter: 'lifecycle=Released' }, message: /Input 'filter'.*name=…, comment=…/ },
  { inputs: { filter: 'name=a\nname=b' }, message: /Input 'filter': "name" is given twice/ },
  { inputs: { path: '../escape.csv' }, message: /Input 'path'.*outside the workspace/ },
  { inputs: { path: '/etc/passwd' }, message: /Input 'path'.*outside the workspace/ },
  {
    inputs: { path: 'linked/library.csv' },
    prepare: (workspace) => linkOut(workspace, 'linked', 'folder'),
    message: /Input 'path': "linked\/library\.csv" is outside the workspace/
  },
  {
    inputs: { path: 'linked.csv' },
    prepare: (workspace) => linkOut(workspace, 'linked.csv', 'file'),
    message: /Input 'path': "linked\.csv" is outside the workspace/
  },
  {
    inputs: { path: 'exports' },
    prepare: (workspace) => mkdirSync(path.join(workspace, 'exports')),
    message: /Input 'path': "exports" is a folder/
  },
  {
    inputs: {},
    prepare: (workspace) => mkdirSync(path.join(workspace, 'library_components.report.json')),
    message:
      /Input 'path': the JSON report beside the CSV \(library_components\.report\.json\) is a folder/
  },
  {
    inputs: { path: '.git/config' },
    message: /Input 'path': "\.git\/config" is inside a \.git folder/
  },
  {
    inputs: { path: 'exports/library.csv' },
    prepare: (workspace) =>
      symlinkSync(path.join(workspace, 'not-made-yet'), path.join(workspace, 'exports')),
    message:
      /Input 'path': "exports\/library\.csv" goes through .*, a symbolic link to .*, which does not exist/
  },
  {
    inputs: { 'comment-author': 'not a login' },
    message: /Input 'comment-author': "not a login" is not a GitHub login/
  },
  { inputs: { delimiter: ';;' }, message: /Input 'delimiter'.*one character/ },
  {
    inputs: { delimiter: '"' },
    message: /Input 'delimiter'.*one character other than a double quote/
  },
  { inputs: { bom: 'yes' }, message: /Input 'bom'.*Accepted: true, false/ },
  { inputs: { 'escape-formulas': '1' }, message: /Input 'escape-formulas'.*Accepted: true, false/ },
  { inputs: { publish: 'carrier-pigeon' }, message: /Input 'publish': "carrier-pigeon"/ },
  { inputs: NO_CREDENTIALS, message: /No Altium credentials were given\. Give exactly one/ },
  {
    inputs: { 'refresh-token': '' },
    message:
      /The credentials are incomplete: `client-id`, `client-secret` given, `refresh-token`, or `username` and `password` missing/
  },
  {
    inputs: { ...NO_CREDENTIALS, username: 'someone@acme.example' },
    message: /The credentials are incomplete: `username` given/
  },
  {
    inputs: { 'refresh-token': '' },
    env: { ALTIUM_USERNAME: 'someone@acme.example' },
    message:
      /The credentials are incomplete: `client-id`, `client-secret`, `username` given, `password` missing/
  },
  {
    inputs: {},
    env: { ALTIUM_ACCESS_TOKEN: 'a-second-credential-value' },
    message:
      /The credentials are ambiguous: `access-token`, `client-id`, `client-secret`, `refresh-token`/
  },
  {
    inputs: { ...NO_CREDENTIALS, 'refresh-token': 'lonely-refresh-token', username: 'someone' },
    message: /`refresh-token`, `username` given, and they do not belong to one set/
  }
]
