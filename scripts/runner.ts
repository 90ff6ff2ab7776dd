/**
 * Runs the built action the way the GitHub runner does: `node dist/index.js` with every input as an
 * `INPUT_<NAME>` variable (action.yml defaults filled in, except `${{ … }}` expressions, which only
 * the runner can evaluate), and the runner's files for outputs and the job summary. Used by the
 * end-to-end tests and by `npm run demo`.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const ACTION_ENTRY = path.join(PROJECT_ROOT, 'dist', 'index.js')

interface ActionMetadata {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}

export function readActionMetadata(): ActionMetadata {
  return parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as ActionMetadata
}

export interface ActionRunOptions {
  /** The checkout the action runs in; a new temporary folder when absent. */
  workspace?: string
  /** Extra environment variables, e.g. `ALTIUM_CLIENT_SECRET`. */
  env?: Record<string, string>
  timeoutMs?: number
  /** Node options before the script, e.g. `--cpu-prof` (benchmarks). */
  nodeArgs?: string[]
  /** Another built entry point than dist/index.js (benchmarks compare bundles). */
  entry?: string
}

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  workspace: string
  /** The runner's own files (outputs, summary), outside the workspace. */
  runnerTemp: string
}

export async function runAction(
  inputs: Record<string, string>,
  options: ActionRunOptions = {}
): Promise<ActionRun> {
  const workspace = options.workspace ?? mkdtempSync(path.join(tmpdir(), 'workspace-'))
  const runnerTemp = mkdtempSync(path.join(tmpdir(), 'runner-'))
  mkdirSync(workspace, { recursive: true })
  const outputFile = path.join(runnerTemp, 'output')
  const summaryFile = path.join(runnerTemp, 'summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...options.env
  }
  const metadata = readActionMetadata()
  for (const [name, input] of Object.entries(metadata.inputs)) {
    // The runner evaluates `${{ … }}` defaults (github.token); here a test passes the value itself.
    const fallback = /\$\{\{/.test(input.default ?? '') ? '' : (input.default ?? '')
    env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? fallback
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in metadata.inputs)) throw new Error(`action.yml has no input ${name}`)
  }

  const args = [...(options.nodeArgs ?? []), options.entry ?? ACTION_ENTRY]
  const child = spawn(process.execPath, args, { cwd: workspace, env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)

  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    workspace,
    runnerTemp
  }
}

/** Reads `name=value` lines and `name<<DELIMITER … DELIMITER` blocks, as the runner does. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1)
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n')
      i = end
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return outputs
}
