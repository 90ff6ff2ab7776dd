/**
 * Writes src/cli/action-inputs.ts from action.yml: every input's name, default and description,
 * for the command line's flags and `--help` (the bundle then needs neither action.yml nor a YAML
 * parser). `npm run bundle` runs it first; a test checks the committed file is current.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { parse } from 'yaml'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const CLI_INPUTS_FILE = path.join(ROOT, 'src', 'cli', 'action-inputs.ts')

interface InputMetadata {
  description: string
  default?: string
  required?: boolean
}

/** The text of src/cli/action-inputs.ts for the action.yml in the repository, formatted. */
export async function cliInputsSource(): Promise<string> {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, InputMetadata>
  }
  const inputs = Object.entries(action.inputs).map(([name, input]) => ({
    name,
    description: input.description.replace(/\s+/g, ' ').trim(),
    default: input.default ?? '',
    required: input.required === true
  }))
  const text =
    '// Generated from action.yml by scripts/cli-inputs.ts (npm run bundle). Do not edit.\n\n' +
    "import type { ActionInput } from './action-input.js'\n\n" +
    `export const ACTION_INPUTS: readonly ActionInput[] = ${JSON.stringify(inputs, null, 2)}\n`
  const options = await prettier.resolveConfig(CLI_INPUTS_FILE)
  return prettier.format(text, { ...options, filepath: CLI_INPUTS_FILE })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CLI_INPUTS_FILE, await cliInputsSource())
}
