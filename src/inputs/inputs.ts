import { existsSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import {
  CREDENTIAL_INPUTS,
  selectCredentials,
  type CredentialInput,
  type Credentials
} from '../auth/credentials.js'
import { DEFAULT_PAGE_SIZE, DEFAULT_PATH, DEFAULT_SCOPE, Input } from '../constants.js'
import {
  REALM_DEFAULTS,
  REALMS,
  isSecureEndpoint,
  normaliseWorkspaceUrl,
  type Realm
} from '../api/endpoints.js'
import {
  COLUMN_ID_HELP,
  columnById,
  defaultColumnIds,
  MAX_SLOT,
  parameterColumn,
  type Column
} from '../library/columns.js'
import { parseAuditRules } from '../audit/rule-parser.js'
import type { AuditRule } from '../audit/rules.js'
import { FAIL_ON_VALUES, type FailOn } from '../report/outcome.js'
import { InputError } from './input-error.js'

/** Server-side exact matches and the client-side folder prefix (SPEC §3.3 `filter`). */
export interface LibraryFilter {
  name?: string
  comment?: string
  description?: string
  folder?: string
}

export type PublishMode = 'none'
const PUBLISH_MODES: PublishMode[] = ['none']

/** `audit-scope`: every row, or only the added and modified ones. */
export type AuditScope = 'all' | 'changed'
const AUDIT_SCOPES: AuditScope[] = ['all', 'changed']

/** The `audit` rules (none: no audit) and `audit-scope`. */
export interface AuditSettings {
  rules: AuditRule[]
  scope: AuditScope
}

/** Everything the run needs, read and checked once, before any request. */
export interface Inputs {
  workspaceUrl: string
  realm: Realm
  apiUrl: string
  discoverEndpoint: boolean
  tokenUrl: string
  /** GovCloud's token endpoint wants `secure=1`. */
  tokenSecure: boolean
  credentials: Credentials
  scope: string
  columns: Column[]
  filter: LibraryFilter
  pageSize: number
  csvPath: string
  reportPath: string
  delimiter: string
  bom: boolean
  escapeFormulas: boolean
  publish: PublishMode
  audit: AuditSettings
  failOn: FailOn
  runner: RunnerEnvironment
}

/** What the runner tells the step through its environment. */
export interface RunnerEnvironment {
  workspace: string
  summaryFileAvailable: boolean
}

const FILTER_KEYS = ['name', 'comment', 'description', 'folder'] as const

/**
 * Reads the inputs the way the runner passes them (`INPUT_<NAME>` variables) and checks every one.
 * Credentials are handed to `maskSecret` the moment they are read, before anything is printed.
 */
export function readInputs(env: NodeJS.ProcessEnv, maskSecret: (value: string) => void): Inputs {
  const read = (name: Input, trim = true): string => {
    const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
    return trim ? value.trim() : value
  }

  const credentialValues: Partial<Record<CredentialInput, string>> = {}
  for (const input of CREDENTIAL_INPUTS) {
    const value =
      read(input) || (env[`ALTIUM_${input.replace(/-/g, '_').toUpperCase()}`] ?? '').trim()
    if (value) maskSecret(value)
    credentialValues[input] = value
  }

  const workspaceUrl = readWorkspaceUrl(read(Input.WorkspaceUrl))
  const realm = readChoice(Input.Realm, read(Input.Realm) || 'nexar', REALMS)
  const defaults = REALM_DEFAULTS[realm]
  const apiUrl = readEndpoint(Input.ApiUrl, read(Input.ApiUrl) || defaults.apiUrl(workspaceUrl))
  const tokenUrl = readEndpoint(Input.TokenUrl, read(Input.TokenUrl) || defaults.tokenUrl)
  const partChoices = readWholeNumber(
    Input.PartChoices,
    read(Input.PartChoices) || '3',
    0,
    MAX_SLOT
  )
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  const csvPath = readOutputPath(read(Input.Path) || DEFAULT_PATH, workspace)

  return {
    workspaceUrl,
    realm,
    apiUrl,
    discoverEndpoint: readBoolean(Input.DiscoverEndpoint, read(Input.DiscoverEndpoint), true),
    tokenUrl,
    tokenSecure: defaults.secure,
    credentials: selectCredentials(credentialValues),
    scope: read(Input.Scope) || DEFAULT_SCOPE,
    columns: readColumns(lines(read(Input.Columns)), lines(read(Input.Parameters)), partChoices),
    filter: readFilter(lines(read(Input.Filter))),
    pageSize: readWholeNumber(
      Input.PageSize,
      read(Input.PageSize) || String(DEFAULT_PAGE_SIZE),
      1,
      1000
    ),
    csvPath,
    reportPath: reportPathFor(csvPath),
    delimiter: readDelimiter(read(Input.Delimiter, false)),
    bom: readBoolean(Input.Bom, read(Input.Bom), false),
    escapeFormulas: readBoolean(Input.EscapeFormulas, read(Input.EscapeFormulas), true),
    publish: readChoice(Input.Publish, read(Input.Publish) || 'none', PUBLISH_MODES),
    audit: {
      rules: parseAuditRules(read(Input.Audit, false)),
      scope: readChoice(Input.AuditScope, read(Input.AuditScope) || 'all', AUDIT_SCOPES)
    },
    failOn: readChoice(Input.FailOn, read(Input.FailOn) || 'error', FAIL_ON_VALUES),
    runner: { workspace, summaryFileAvailable: Boolean(env.GITHUB_STEP_SUMMARY) }
  }
}

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

function readWorkspaceUrl(value: string): string {
  if (!value) {
    throw new InputError(
      `Input '${Input.WorkspaceUrl}' is required: the address of your Altium 365 workspace, ` +
        'e.g. https://acme.365.altium.com/.'
    )
  }
  const url = parseUrl(Input.WorkspaceUrl, value)
  if (!isSecureEndpoint(url)) {
    throw new InputError(
      `Input '${Input.WorkspaceUrl}': "${value}" must be an https:// address, ` +
        'e.g. https://acme.365.altium.com/.'
    )
  }
  return normaliseWorkspaceUrl(value)
}

function readEndpoint(input: Input, value: string): string {
  const url = parseUrl(input, value)
  if (!isSecureEndpoint(url)) {
    throw new InputError(
      `Input '${input}': "${value}" is not https. Credentials never travel in clear; ` +
        'use an https:// address (plain http is accepted only for localhost).'
    )
  }
  return url.toString()
}

function parseUrl(input: Input, value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input '${input}': "${value}" is not a URL. Accepted: an https:// address.`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `Input '${input}': "${value}" is not a URL. Accepted: an https:// address.`
    )
  }
  if (url.username || url.password) {
    throw new InputError(`Input '${input}' must not carry a user name or password in the address.`)
  }
  return url
}

function readChoice<T extends string>(input: Input, value: string, accepted: readonly T[]): T {
  if ((accepted as readonly string[]).includes(value)) return value as T
  throw new InputError(
    `Input '${input}': "${value}" is not accepted. Accepted: ${accepted.join(', ')}.`
  )
}

function readBoolean(input: Input, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input '${input}': "${value}" is not accepted. Accepted: true, false.`)
}

function readWholeNumber(input: Input, value: string, min: number, max: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  if (Number.isInteger(number) && number >= min && number <= max) return number
  throw new InputError(
    `Input '${input}': "${value}" is not accepted. Accepted: a whole number from ${min} to ${max}.`
  )
}

function readDelimiter(raw: string): string {
  // Read untrimmed so that a tab survives; the word `tab` is accepted too.
  const value = raw === '' ? ',' : raw.trim() === 'tab' ? '\t' : raw.length === 1 ? raw : raw.trim()
  if ([...value].length === 1 && !['"', '\r', '\n'].includes(value)) return value
  throw new InputError(
    `Input '${Input.Delimiter}': "${raw}" is not accepted. Accepted: one character other than ` +
      'a double quote or a line break, e.g. `,`, `;` or `tab`.'
  )
}

function readColumns(
  columnLines: string[],
  parameterNames: string[],
  partChoices: number
): Column[] {
  const specs = columnLines.length
    ? columnLines.map((line) => {
        const separator = line.indexOf('=')
        return separator < 0
          ? { id: line, header: line }
          : { header: line.slice(0, separator).trim(), id: line.slice(separator + 1).trim() }
      })
    : defaultColumnIds(partChoices).map((id) => ({ id, header: id }))
  const columns = specs.map(({ id, header }) => {
    const column = columnById(id, header || id)
    if (!column) {
      throw new InputError(
        `Input '${Input.Columns}': unknown column "${id}". Accepted column ids: ${COLUMN_ID_HELP}.`
      )
    }
    return column
  })
  columns.push(...parameterNames.map((name) => parameterColumn(name)))
  const headers = new Set<string>()
  for (const column of columns) {
    if (headers.has(column.header)) {
      throw new InputError(
        `Inputs '${Input.Columns}' and '${Input.Parameters}': the header "${column.header}" ` +
          'appears twice. Rename one with `Header=column-id`.'
      )
    }
    headers.add(column.header)
  }
  return columns
}

function readFilter(filterLines: string[]): LibraryFilter {
  const filter: LibraryFilter = {}
  for (const line of filterLines) {
    const separator = line.indexOf('=')
    const key = line.slice(0, Math.max(separator, 0)).trim() as (typeof FILTER_KEYS)[number]
    if (separator < 0 || !FILTER_KEYS.includes(key)) {
      throw new InputError(
        `Input '${Input.Filter}': "${line}" is not accepted. Accepted lines: ` +
          `${FILTER_KEYS.map((k) => `${k}=…`).join(', ')}.`
      )
    }
    if (filter[key] !== undefined) {
      throw new InputError(`Input '${Input.Filter}': "${key}" is given twice; give it once.`)
    }
    filter[key] = line.slice(separator + 1).trim()
  }
  return filter
}

/**
 * The output file must stay inside the workspace, also when a folder on the way is a symbolic
 * link pointing out of it.
 */
function readOutputPath(value: string, workspace: string): string {
  const resolved = path.resolve(workspace, value)
  const outside = (target: string, root: string) => {
    const relative = path.relative(root, target)
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
  }
  const refuse = () =>
    new InputError(
      `Input '${Input.Path}': "${value}" is outside the workspace (${workspace}). ` +
        'Accepted: a file path relative to the workspace, e.g. library_components.csv.'
    )
  if (outside(resolved, workspace)) throw refuse()
  let existing = resolved
  while (!existsSync(existing)) existing = path.dirname(existing)
  const realRoot = existsSync(workspace) ? realpathSync(workspace) : workspace
  const realExisting = realpathSync(existing)
  if (realExisting !== realRoot && outside(realExisting, realRoot)) throw refuse()
  if (existing === resolved && statSync(resolved).isDirectory()) {
    throw new InputError(`Input '${Input.Path}': "${value}" is a folder. Accepted: a file path.`)
  }
  return resolved
}

/** `<path without .csv>.report.json`, beside the CSV. */
export function reportPathFor(csvPath: string): string {
  return `${csvPath.replace(/\.csv$/i, '')}.report.json`
}
