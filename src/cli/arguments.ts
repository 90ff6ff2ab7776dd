import { readFileSync } from 'node:fs'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { ActionInput } from './action-input.js'
import { ACTION_INPUTS } from './action-inputs.js'

/** The command's name, as `package.json`'s `bin` installs it. */
export const COMMAND = 'altium-library-export'

/**
 * The inputs that carry a secret, and the environment variable each is read from instead: a flag
 * would land in the shell's history and in the process list.
 */
export const SECRET_INPUTS: Readonly<Record<string, string>> = {
  'access-token': 'ALTIUM_ACCESS_TOKEN',
  'client-secret': 'ALTIUM_CLIENT_SECRET',
  'refresh-token': 'ALTIUM_REFRESH_TOKEN',
  password: 'ALTIUM_PASSWORD',
  'github-token': 'GITHUB_TOKEN'
}

/** The credentials that are not secret: a flag, or the environment variable when no flag is given. */
export const PLAIN_CREDENTIAL_INPUTS: Readonly<Record<string, string>> = {
  'client-id': 'ALTIUM_CLIENT_ID',
  username: 'ALTIUM_USERNAME'
}

/** Inputs that take one value a line: the flag may be given more than once, a line each. */
export const LINE_INPUTS = ['columns', 'parameters', 'filter', 'audit', 'pr-labels']

/** Defaults that differ from action.yml's, because a laptop is not a workflow run. */
const COMMAND_LINE_DEFAULTS: Readonly<Record<string, string>> = {
  // Off GitHub Actions the files stay where they are written.
  publish: 'none'
}

/** The flags that are not inputs. */
const OWN_FLAGS = {
  'audit-file': { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

/** A command line that cannot run: the message says what was wrong and what is accepted. */
export class UsageError extends Error {}

export type CommandLine =
  | { kind: 'help' }
  | {
      kind: 'run'
      /** The environment the engine reads: the caller's, with an `INPUT_<NAME>` for every input. */
      env: NodeJS.ProcessEnv
      verbose: boolean
    }

/**
 * Reads the flags into the `INPUT_<NAME>` variables the action's engine reads on a runner; the
 * secrets stay in the environment. `readFile` reads `--audit-file`.
 */
export function parseCommandLine(
  argv: string[],
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')
): CommandLine {
  // Help is help, whatever else is on the line.
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' }
  const options: NonNullable<ParseArgsConfig['options']> = { ...OWN_FLAGS }
  for (const input of ACTION_INPUTS) options[input.name] = { type: 'string', multiple: true }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false })
  } catch (error) {
    throw new UsageError(`${unknownFlagMessage(error)} ${acceptedFlags()}`)
  }
  const values = parsed.values as Record<string, string[] | boolean | undefined>

  for (const [input, variable] of Object.entries(SECRET_INPUTS)) {
    if (values[input] !== undefined) {
      // The value is never repeated: it is a secret.
      throw new UsageError(
        `--${input} is refused: a secret given as a flag lands in the shell history and the ` +
          `process list. Set the environment variable ${variable} instead, e.g. ` +
          `read -rs ${variable} && export ${variable}.`
      )
    }
  }

  const runEnv: NodeJS.ProcessEnv = {}
  // Inputs come from the flags alone, not from INPUT_ variables left in the shell.
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('INPUT_')) runEnv[name] = value
  }
  for (const input of ACTION_INPUTS) {
    const given = values[input.name] as string[] | undefined
    runEnv[inputVariable(input.name)] = inputValue(input, given, values, env, readFile)
  }
  const workspaceUrl = runEnv[inputVariable('workspace-url')] ?? ''
  if (!workspaceUrl.trim()) {
    throw new UsageError(
      `--workspace-url is required, e.g. --workspace-url https://acme.365.altium.com/. ` +
        `Run ${COMMAND} --help for every flag.`
    )
  }
  const publish = (runEnv[inputVariable('publish')] ?? '').trim()
  if (publish !== 'none' && env.GITHUB_ACTIONS !== 'true') {
    throw new UsageError(
      `--publish ${publish} works only in a GitHub Actions workflow (GITHUB_ACTIONS is not ` +
        "'true' here): it needs the runner's artifact service or a checkout to push from. " +
        'Outside a workflow the CSV and the report stay where they are written; leave --publish ' +
        'out or pass --publish none.'
    )
  }
  return { kind: 'run', env: runEnv, verbose: values.verbose === true }
}

/** The variable the engine reads an input from, as the runner names it (`INPUT_WORKSPACE-URL`). */
export function inputVariable(name: string): string {
  return `INPUT_${name.toUpperCase()}`
}

function inputValue(
  input: ActionInput,
  given: string[] | undefined,
  values: Record<string, string[] | boolean | undefined>,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string
): string {
  const lines = [...(given ?? [])]
  if (input.name === 'audit') {
    for (const file of (values['audit-file'] as string[] | undefined) ?? []) {
      lines.push(readAuditFile(file, readFile))
    }
  }
  if (lines.length > 1 && !LINE_INPUTS.includes(input.name)) {
    throw new UsageError(`--${input.name} was given ${lines.length} times; it takes one value.`)
  }
  if (lines.length) return lines.join('\n')
  if (input.name === 'github-token') return env.GITHUB_TOKEN ?? ''
  if (input.name in COMMAND_LINE_DEFAULTS) return COMMAND_LINE_DEFAULTS[input.name]
  // `${{ github.token }}` and the like are the runner's to evaluate.
  return /\$\{\{/.test(input.default) ? '' : input.default
}

function readAuditFile(file: string, readFile: (path: string) => string): string {
  try {
    return readFile(file).replace(/\r\n/g, '\n').replace(/\n+$/, '')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new UsageError(
      `--audit-file ${file} cannot be read (${reason}). Give a text file of audit rules, one a line.`
    )
  }
}

/** parseArgs's own words for an unknown flag or a missing value, with our name in front. */
function unknownFlagMessage(error: unknown): string {
  const message = (error as Error | undefined)?.message ?? String(error)
  const first = message.replace(/\s*To specify a positional argument starting with.*$/s, '').trim()
  return /[.!]$/.test(first) ? first : `${first}.`
}

function acceptedFlags(): string {
  const inputs = ACTION_INPUTS.filter((input) => !(input.name in SECRET_INPUTS)).map(
    (input) => `--${input.name}`
  )
  return (
    `Accepted: ${[...inputs, '--audit-file', '--verbose', '--help'].join(', ')}. ` +
    `Credentials come from the environment: ${Object.values(SECRET_INPUTS).join(', ')}.`
  )
}

/** `--help`: every input of action.yml with its description, the credentials, the exit codes. */
export function helpText(width = 100): string {
  const wrap = (text: string, indent: string) => wrapText(text, width - indent.length, indent)
  const lines = [
    `Usage: ${COMMAND} --workspace-url URL [flags]`,
    '',
    ...wrap(
      "Exports an Altium 365 workspace's component library to a CSV and a JSON report in the " +
        'current folder, compares it with the previous CSV, runs the audit rules and prints the ' +
        'summary: the GitHub Action, run from a terminal. Every input of the action is a flag.',
      ''
    ),
    '',
    'Credentials come from environment variables, never from flags:'
  ]
  for (const input of ACTION_INPUTS) {
    const variable = SECRET_INPUTS[input.name] ?? PLAIN_CREDENTIAL_INPUTS[input.name]
    if (!variable) continue
    lines.push(`  ${variable} (${input.name})`, ...wrap(input.description, '      '))
  }
  lines.push('', 'Flags (the inputs of action.yml):')
  for (const input of ACTION_INPUTS) {
    if (input.name in SECRET_INPUTS) continue
    const fallback = COMMAND_LINE_DEFAULTS[input.name] ?? input.default
    const shown = input.required
      ? ' (required)'
      : fallback && !/\$\{\{/.test(fallback)
        ? ` (default: ${fallback.replace(/\n/g, ' ')})`
        : ''
    const repeat = LINE_INPUTS.includes(input.name) ? ' (repeat for more lines)' : ''
    lines.push(`  --${input.name} VALUE${shown}${repeat}`, ...wrap(input.description, '      '))
  }
  lines.push(
    '  --audit-file FILE',
    ...wrap('Audit rules read from a file, one a line; added to --audit.', '      '),
    '  --verbose',
    ...wrap('Print the debug lines too.', '      '),
    '  -h, --help',
    ...wrap('Print this text.', '      '),
    '',
    ...wrap(
      'Exit status: 0 when the export is written and fail-on is not met; 1 when the run failed ' +
        'or fail-on is met (the files are written all the same); 2 when a flag is wrong.',
      ''
    )
  )
  return lines.join('\n') + '\n'
}

function wrapText(text: string, width: number, indent: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(indent + line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(indent + line)
  return lines
}
