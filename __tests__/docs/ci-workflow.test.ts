import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

/** The CI workflow, read as GitHub reads it; no Windows or macOS runner exists here. */
const workflow = parse(
  readFileSync(path.join(import.meta.dirname, '..', '..', '.github', 'workflows', 'ci.yml'), 'utf8')
) as {
  jobs: Record<
    string,
    {
      'runs-on': string
      strategy?: { matrix: { os: string[] } }
      defaults?: { run?: { shell?: string } }
      steps: { run?: string; uses?: string; shell?: string }[]
    }
  >
}
const SYSTEMS = ['ubuntu-latest', 'windows-latest', 'macos-latest']

describe('the CI workflow', () => {
  it('runs the unit tests and the action itself on Linux, Windows and macOS', () => {
    for (const name of ['unit', 'action']) {
      const job = workflow.jobs[name]
      expect(job.strategy?.matrix.os).toEqual(SYSTEMS)
      expect(job['runs-on']).toBe('${{ matrix.os }}')
    }
    expect(workflow.jobs.unit.steps.map((step) => step.run).filter(Boolean)).toContain(
      'npm run test:unit'
    )
    expect(workflow.jobs.action.steps.some((step) => step.uses === './')).toBe(true)
  })

  it('runs the action job in bash everywhere, Git Bash on Windows', () => {
    expect(workflow.jobs.action.defaults?.run?.shell).toBe('bash')
  })

  it('keeps the static checks and the dist/ check on Linux only', () => {
    expect(workflow.jobs.test['runs-on']).toBe('ubuntu-latest')
    expect(workflow.jobs['check-dist']['runs-on']).toBe('ubuntu-latest')
  })

  it('starts npm scripts run on every system without POSIX shell syntax', () => {
    const scripts = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')
    ).scripts as Record<string, string>
    for (const name of ['test', 'test:unit', 'test:e2e']) {
      // cmd.exe knows neither `VAR=value command` nor rm -rf.
      expect(scripts[name]).not.toMatch(/^\w+=|\brm -rf\b|&&/)
    }
  })
})
