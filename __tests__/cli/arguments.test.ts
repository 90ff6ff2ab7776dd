import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { ACTION_INPUTS } from '../../src/cli/action-inputs.js'
import {
  helpText,
  inputVariable,
  LINE_INPUTS,
  parseCommandLine,
  PLAIN_CREDENTIAL_INPUTS,
  SECRET_INPUTS,
  UsageError
} from '../../src/cli/arguments.js'
import { readInputs } from '../../src/inputs/inputs.js'
import { cliInputsSource, CLI_INPUTS_FILE } from '../../scripts/cli-inputs.js'
import { PROJECT_ROOT } from '../../scripts/runner.js'

const WORKSPACE = ['--workspace-url', 'https://acme.365.altium.com/']

/** The engine's environment for a command line, or the usage error it gives. */
function parsed(argv: string[], env: NodeJS.ProcessEnv = {}, files: Record<string, string> = {}) {
  const result = parseCommandLine(argv, env, (file) => {
    if (!(file in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' })
    return files[file]
  })
  if (result.kind !== 'run') throw new Error('expected a run')
  return result.env
}

function usageError(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parsed(argv, env)
  } catch (error) {
    if (error instanceof UsageError) return error.message
    throw error
  }
  throw new Error('expected a usage error')
}

const actionInputs = () =>
  (
    parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { description: string }>
    }
  ).inputs

describe('the command line flags', () => {
  it('passes every flag to the engine as the input the runner would set', () => {
    const env = parsed(
      [...WORKSPACE, '--realm', 'altium-365', '--path', 'out/lib.csv', '--fail-on', 'change'],
      { PATH: '/bin', ALTIUM_CLIENT_SECRET: 'from-the-shell', INPUT_PATH: 'stale.csv' }
    )
    expect(env['INPUT_WORKSPACE-URL']).toBe('https://acme.365.altium.com/')
    expect(env.INPUT_REALM).toBe('altium-365')
    expect(env.INPUT_PATH).toBe('out/lib.csv')
    expect(env['INPUT_FAIL-ON']).toBe('change')
    // The rest: action.yml's defaults, but the files stay on the laptop.
    expect(env['INPUT_PAGE-SIZE']).toBe('auto')
    expect(env.INPUT_PUBLISH).toBe('none')
    expect(env['INPUT_GITHUB-TOKEN']).toBe('')
    // Credentials stay in the environment, where the engine reads them.
    expect(env.ALTIUM_CLIENT_SECRET).toBe('from-the-shell')
    expect(env['INPUT_CLIENT-SECRET']).toBe('')
    expect(env.PATH).toBe('/bin')
  })

  it('reads --audit-file into the audit input, after any --audit lines', () => {
    const env = parsed(
      [...WORKSPACE, '--audit', 'unique-mpn', '--audit-file', 'rules.txt'],
      {},
      {
        'rules.txt': 'require-footprint\r\nrequire-symbol: warning\n\n'
      }
    )
    expect(env.INPUT_AUDIT).toBe('unique-mpn\nrequire-footprint\nrequire-symbol: warning')
  })

  it('joins a repeated line flag into lines, and refuses a repeated single flag', () => {
    const env = parsed([...WORKSPACE, '--filter', 'folder=Resistors', '--filter', 'name=R1'])
    expect(env.INPUT_FILTER).toBe('folder=Resistors\nname=R1')
    expect(usageError([...WORKSPACE, '--path', 'a.csv', '--path', 'b.csv'])).toBe(
      '--path was given 2 times; it takes one value.'
    )
  })

  it('says which audit file cannot be read', () => {
    expect(usageError([...WORKSPACE, '--audit-file', 'missing.txt'])).toBe(
      '--audit-file missing.txt cannot be read (ENOENT). Give a text file of audit rules, one a line.'
    )
  })

  it.each(Object.entries(SECRET_INPUTS))(
    'refuses --%s without repeating its value, and names %s',
    (input, variable) => {
      for (const argv of [
        [...WORKSPACE, `--${input}`, 'hunter2-secret-value'],
        [...WORKSPACE, `--${input}=hunter2-secret-value`]
      ]) {
        const message = usageError(argv)
        expect(message).toContain(`--${input} is refused`)
        expect(message).toContain(variable)
        expect(message).not.toContain('hunter2')
      }
    }
  )

  it('lists what is accepted for an unknown flag', () => {
    const message = usageError([...WORKSPACE, '--workspace', 'x'])
    expect(message).toMatch(/^Unknown option '--workspace'\./)
    expect(message).toContain('Accepted: --workspace-url, --realm,')
    expect(message).toContain('--audit-file, --verbose, --help')
    expect(message).toContain('ALTIUM_CLIENT_SECRET')
    expect(usageError(['stray'])).toMatch(/Unexpected argument 'stray'/)
  })

  it('needs --workspace-url', () => {
    expect(usageError([])).toMatch(/^--workspace-url is required/)
  })

  it('refuses publishing outside GitHub Actions, and allows it in a workflow', () => {
    for (const mode of ['artifact', 'commit', 'pull-request']) {
      expect(usageError([...WORKSPACE, '--publish', mode], { GITHUB_ACTIONS: 'false' })).toMatch(
        new RegExp(`^--publish ${mode} works only in a GitHub Actions workflow`)
      )
    }
    const env = parsed([...WORKSPACE, '--publish', 'artifact'], {
      GITHUB_ACTIONS: 'true',
      GITHUB_TOKEN: 'ghs_from_the_job'
    })
    expect(env.INPUT_PUBLISH).toBe('artifact')
    expect(env['INPUT_GITHUB-TOKEN']).toBe('ghs_from_the_job')
  })

  it('answers --help with a help request', () => {
    expect(parseCommandLine(['--help'], {})).toEqual({ kind: 'help' })
    expect(parseCommandLine(['-h', '--bogus'], {}).kind).toBe('help')
  })
})

describe('the inputs the command line knows', () => {
  it('are the inputs of action.yml, as generated into src/cli/action-inputs.ts', async () => {
    expect(readFileSync(CLI_INPUTS_FILE, 'utf8')).toBe(await cliInputsSource())
    expect(ACTION_INPUTS.map((input) => input.name)).toEqual(Object.keys(actionInputs()))
  })

  it('treat as secret exactly the inputs the engine masks', () => {
    const masked = new Set<string>()
    const env: NodeJS.ProcessEnv = { 'INPUT_WORKSPACE-URL': 'https://acme.365.altium.com/' }
    for (const input of ACTION_INPUTS) {
      if (input.name !== 'workspace-url') env[inputVariable(input.name)] = `value-of-${input.name}`
    }
    try {
      readInputs(env, (_value, name) => masked.add(/'(.+)'/.exec(name)?.[1] ?? name))
    } catch {
      // The made-up values are not valid inputs; the secrets are masked before any is checked.
    }
    expect([...masked].sort()).toEqual(Object.keys(SECRET_INPUTS).sort())
  })

  it('take lines where action.yml says one a line', () => {
    const lines = Object.entries(actionInputs())
      .filter(([, input]) => /one a line|^Lines of/i.test(input.description))
      .map(([name]) => name)
    expect(lines.sort()).toEqual([...LINE_INPUTS].sort())
  })

  it('all appear in --help with their descriptions, the secrets as environment variables', () => {
    const help = helpText().replace(/\s+/g, ' ')
    for (const input of ACTION_INPUTS) expect(help).toContain(input.description)
    const secret = (name: string) => name in SECRET_INPUTS
    for (const { name } of ACTION_INPUTS.filter((input) => secret(input.name))) {
      expect(help).toContain(`${SECRET_INPUTS[name]} (${name})`)
      expect(help).not.toContain(`--${name} `)
    }
    for (const { name } of ACTION_INPUTS.filter((input) => !secret(input.name))) {
      expect(help).toContain(`--${name} VALUE`)
    }
    for (const [input, variable] of Object.entries(PLAIN_CREDENTIAL_INPUTS)) {
      expect(help).toContain(`${variable} (${input})`)
    }
  })
})
