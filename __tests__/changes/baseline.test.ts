import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readBaseline, type BaselineContext } from '../../src/changes/baseline.js'
import { InputError } from '../../src/input-error.js'
import { Logger } from '../../src/logger.js'
import { Git } from '../../src/git/git.js'

// git must see only the repositories these tests make, not a hook's or a CI job's variables.
for (const name of Object.keys(process.env)) if (name.startsWith('GIT_')) delete process.env[name]

function git(repository: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repository, encoding: 'utf8', env: process.env }).trim()
}

/** A real repository on disk with its own identity and no signing. */
function repository(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'baseline-repo-'))
  git(folder, 'init', '-q', '-b', 'main')
  git(folder, 'config', 'user.name', 'Baseline Test')
  git(folder, 'config', 'user.email', 'baseline@example.com')
  git(folder, 'config', 'commit.gpgsign', 'false')
  git(folder, 'config', 'core.autocrlf', 'false')
  return folder
}

function commit(folder: string, files: Record<string, string>, message: string): string {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true })
    writeFileSync(path.join(folder, name), content)
    git(folder, 'add', '--', name)
  }
  git(folder, 'commit', '-q', '-m', message)
  return git(folder, 'rev-parse', 'HEAD')
}

function context(workspace: string, file = 'library_components.csv'): BaselineContext {
  return {
    csvPath: path.join(workspace, file),
    reportPath: path.join(workspace, file.replace(/\.csv$/, '.report.json')),
    workspace,
    delimiter: ',',
    git: new Git({
      cwd: workspace,
      env: process.env,
      logger: new Logger(),
      token: '',
      serverUrl: 'https://github.com'
    })
  }
}

describe('the default baseline: the file at path before the export', () => {
  it('reads the previous file, byte order mark and CRLF endings included', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'baseline-'))
    writeFileSync(path.join(workspace, 'library_components.csv'), '\ufeffname,mpn-1\r\nR1,A\r\n')
    const baseline = await readBaseline({ kind: 'previous-file' }, context(workspace))
    expect(baseline.info).toEqual({
      kind: 'previous-file',
      path: 'library_components.csv',
      found: true
    })
    expect(baseline.table).toEqual({ headers: ['name', 'mpn-1'], rows: [['R1', 'A']] })
  })

  it('is a first export when there is no previous file', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'baseline-'))
    const baseline = await readBaseline({ kind: 'previous-file' }, context(workspace, 'out/x.csv'))
    expect(baseline).toEqual({
      info: { kind: 'previous-file', path: 'out/x.csv', found: false },
      table: undefined,
      history: []
    })
  })

  it('refuses a previous file that is not CSV, naming the input and the way out', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'baseline-'))
    writeFileSync(path.join(workspace, 'library_components.csv'), 'name\n"never closed\n')
    const reading = readBaseline({ kind: 'previous-file' }, context(workspace))
    await expect(reading).rejects.toBeInstanceOf(InputError)
    await expect(reading).rejects.toThrow(
      /^Input 'baseline': the baseline `library_components.csv` as it was before this export is not CSV with the delimiter ",": .*Fix or delete the file, or set 'baseline'/
    )
  })
})

describe('a baseline path', () => {
  it('reads the given file with the configured delimiter', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'baseline-'))
    writeFileSync(path.join(workspace, 'old.csv'), 'name;note\nR1;"a;b"\n')
    const baseline = await readBaseline(
      { kind: 'file', path: path.join(workspace, 'old.csv') },
      { ...context(workspace), delimiter: ';' }
    )
    expect(baseline.info).toEqual({ kind: 'file', path: 'old.csv', found: true })
    expect(baseline.table?.rows).toEqual([['R1', 'a;b']])
  })

  it('is a first export when the given file does not exist', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'baseline-'))
    const baseline = await readBaseline(
      { kind: 'file', path: path.join(workspace, 'previous', 'library_components.csv') },
      context(workspace)
    )
    expect(baseline.info.found).toBe(false)
    expect(baseline.table).toBeUndefined()
  })
})

/** A report as an earlier run wrote it, with one history entry. */
function reportWithHistory(runId: string): string {
  const entry = {
    date: '2026-11-27',
    runId,
    components: 2,
    added: 2,
    removed: 0,
    modified: 0,
    auditErrors: 0,
    auditWarnings: 1,
    lifecycle: { Released: 2 }
  }
  return JSON.stringify({ schemaVersion: 1, history: [entry] })
}

describe('the history the baseline carries', () => {
  it('is read from the report beside the previous file', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'baseline-'))
    writeFileSync(path.join(workspace, 'library_components.csv'), 'name\nR1\n')
    writeFileSync(path.join(workspace, 'library_components.report.json'), reportWithHistory('7'))
    const baseline = await readBaseline({ kind: 'previous-file' }, context(workspace))
    expect(baseline.history).toEqual([
      {
        date: '2026-11-27',
        runId: '7',
        components: 2,
        added: 2,
        removed: 0,
        modified: 0,
        auditErrors: 0,
        auditWarnings: 1,
        lifecycle: { Released: 2 }
      }
    ])
  })

  it('is empty when the report beside the previous file is missing or not JSON', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'baseline-'))
    writeFileSync(path.join(workspace, 'library_components.csv'), 'name\nR1\n')
    expect((await readBaseline({ kind: 'previous-file' }, context(workspace))).history).toEqual([])
    writeFileSync(path.join(workspace, 'library_components.report.json'), '{"history": [')
    expect((await readBaseline({ kind: 'previous-file' }, context(workspace))).history).toEqual([])
  })
})

describe('baseline: git:<ref>, against a real repository', () => {
  let workspace: string
  let first: string
  let second: string

  beforeAll(() => {
    workspace = repository()
    first = commit(workspace, { 'README.md': 'no export yet\n' }, 'start')
    second = commit(
      workspace,
      {
        'exports/library_components.csv': 'name,description\r\nR1,"Résistance, 10 kΩ"\r\n',
        'exports/library_components.report.json': reportWithHistory('111')
      },
      'first export'
    )
    commit(
      workspace,
      { 'exports/library_components.csv': 'name,description\nR1,changed\n' },
      'next'
    )
    git(workspace, 'tag', 'v1', second)
    // The working copy differs from every commit: the baseline must come from git, not the disk.
    writeFileSync(path.join(workspace, 'exports', 'library_components.csv'), 'name\nfrom disk\n')
  })

  it('reads the file at path as it is in the commit a branch, tag or hash names', async () => {
    for (const ref of ['v1', second, 'main~1']) {
      const baseline = await readBaseline(
        { kind: 'git', ref },
        context(workspace, 'exports/library_components.csv')
      )
      expect(baseline.info).toEqual({
        kind: 'git',
        path: 'exports/library_components.csv',
        ref,
        commit: second,
        found: true
      })
      expect(baseline.table).toEqual({
        headers: ['name', 'description'],
        rows: [['R1', 'Résistance, 10 kΩ']]
      })
    }
    const head = await readBaseline(
      { kind: 'git', ref: 'main' },
      context(workspace, 'exports/library_components.csv')
    )
    expect(head.table?.rows).toEqual([['R1', 'changed']])
  })

  it('carries on the history of the report committed beside the file, if there is one', async () => {
    const csv = 'exports/library_components.csv'
    const tagged = await readBaseline({ kind: 'git', ref: 'v1' }, context(workspace, csv))
    expect(tagged.history.map((e) => e.runId)).toEqual(['111'])
    const head = await readBaseline({ kind: 'git', ref: 'main' }, context(workspace, csv))
    expect(head.history.map((e) => e.runId)).toEqual(['111'])
    const start = await readBaseline({ kind: 'git', ref: first }, context(workspace, csv))
    expect(start.history).toEqual([])
  })

  it('finds the file relative to a workspace that is a folder inside the repository', async () => {
    const inner = path.join(workspace, 'exports')
    const baseline = await readBaseline({ kind: 'git', ref: 'v1' }, context(inner))
    expect(baseline.info).toMatchObject({ path: 'library_components.csv', found: true })
    expect(baseline.table?.rows).toEqual([['R1', 'Résistance, 10 kΩ']])
  })

  it('is a first export when the commit has no such file', async () => {
    const baseline = await readBaseline(
      { kind: 'git', ref: first },
      context(workspace, 'exports/library_components.csv')
    )
    expect(baseline.info).toEqual({
      kind: 'git',
      path: 'exports/library_components.csv',
      ref: first,
      commit: first,
      found: false
    })
    expect(baseline.table).toBeUndefined()
  })

  it('is a first export when the path is a folder in that commit', async () => {
    const baseline = await readBaseline({ kind: 'git', ref: 'main' }, context(workspace, 'exports'))
    expect(baseline.info.found).toBe(false)
  })

  it('refuses a ref that names no commit, naming the input and the shallow-checkout fix', async () => {
    const reading = readBaseline({ kind: 'git', ref: 'no-such-branch' }, context(workspace))
    await expect(reading).rejects.toBeInstanceOf(InputError)
    await expect(reading).rejects.toThrow(
      /^Input 'baseline': git:no-such-branch does not name a commit in the repository at .*fetch-depth: 0/
    )
  })

  it('refuses git:<ref> outside a git checkout, quoting git', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'not-a-repo-'))
    await expect(readBaseline({ kind: 'git', ref: 'main' }, context(plain))).rejects.toThrow(
      /^Input 'baseline': git:main needs a git checkout at .*, but git said: fatal: not a git repository.*Run actions\/checkout/
    )
  })
})
