/**
 * End to end: the change report of the built dist/index.js, run as the runner runs it, against the
 * local Altium stand-in whose library changes between exports.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startStandIn, type LibraryComponent, type StandIn } from '../../local-altium/index.js'
import type { ActionRun } from '../../scripts/runner.js'
import { DEFAULT_HEADERS, expectedRow, expectedRows } from '../helpers/expected-csv.js'
import { pieTitled, slicesOf } from '../helpers/mermaid.js'
import { exportFromStandIn } from '../helpers/stand-in-inputs.js'

const LIBRARY_SIZE = 150
let altium: StandIn
let original: LibraryComponent[]

beforeAll(async () => {
  altium = await startStandIn({ seed: 11, componentCount: LIBRARY_SIZE })
  original = altium.library
})
afterAll(() => altium.close())
beforeEach(() => {
  altium.setLibrary(original)
  altium.resetStats()
})

/** Runs the action with `publish: none`; every run is scanned for leaked credentials and tokens. */
function exportWith(inputs: Record<string, string>, workspace?: string): Promise<ActionRun> {
  return exportFromStandIn(altium, inputs, workspace)
}

function expectSuccess(run: ActionRun): void {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
}

function reportOf(run: ActionRun) {
  return JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'))
}

const NEW_DESCRIPTION = 'Kondensator, 100 nF "X7R" – Ωµ 電容'
const NEW_COMMENT = 'Widerstand 4,7 kΩ, "präzise"'

/**
 * The library after a week of librarian work: three components deleted, two created, and three
 * edited (a description, a comment, and both at once). Returns the library and what was done.
 */
function editedLibrary() {
  const library = structuredClone(original)
  const sorted = [...library].sort((a, b) => (a.name < b.name ? -1 : 1))
  const removed = [sorted[5], sorted[50], sorted[120]].map((c) => c.name)
  const edited = [sorted[10], sorted[60], sorted[100]]
  edited[0].description = NEW_DESCRIPTION
  edited[1].comment = NEW_COMMENT
  edited[2].description = NEW_DESCRIPTION
  edited[2].comment = NEW_COMMENT
  const added = [0, 1].map((n) => {
    const component = structuredClone(sorted[20 + n])
    component.id = Buffer.from(`DesComponent:ADDED-${n}`).toString('base64')
    component.name = `CMP-99999-00000${n}`
    component.description = `New part ${n}, "fresh" – ±5 %`
    return component
  })
  const next = [...library.filter((c) => !removed.includes(c.name)), ...added]
  const before = new Map(original.map((c) => [c.name, expectedRow(c)]))
  // What the report must say, worked out from the oracle rows, not from the action's code.
  const modified = edited
    .map((c) => {
      const was = before.get(c.name) as string[]
      const is = expectedRow(c)
      const fields = DEFAULT_HEADERS.flatMap((column, i) =>
        was[i] === is[i] ? [] : [{ column, before: was[i], after: is[i] }]
      )
      return { key: c.name, fields }
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1))
  return {
    library: next,
    removed: [...removed].sort(),
    added: added.map((c) => c.name).sort(),
    modified
  }
}

describe('the change report', () => {
  it('says a first export is the first, with every component added', async () => {
    const run = await exportWith({})
    expectSuccess(run)
    expect(run.outputs).toMatchObject({
      changed: 'true',
      added: String(LIBRARY_SIZE),
      removed: '0',
      modified: '0'
    })
    expect(run.summary).toContain(
      `**First export**: there is no baseline (\`library_components.csv\` as it was before this ` +
        `export does not exist), so all ${LIBRARY_SIZE} components count as added; the CSV ` +
        'lists them.'
    )
    expect(run.summary).not.toContain('### Added')
    expect(run.stdout).toContain(`First export: no baseline`)
    const { changes } = reportOf(run)
    expect(changes).toMatchObject({
      baseline: { kind: 'previous-file', path: 'library_components.csv', found: false },
      firstExport: true,
      keyColumn: 'name',
      counts: { added: LIBRARY_SIZE, removed: 0, modified: 0 }
    })
    expect(changes.added.map((c: { key: string }) => c.key)).toEqual(
      expectedRows(original).map((row) => row[0])
    )
  })

  it('reports exactly what changed in the library since the previous export', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'changes-'))
    expectSuccess(await exportWith({}, workspace))
    const edit = editedLibrary()
    altium.setLibrary(edit.library)

    const run = await exportWith({}, workspace)
    expectSuccess(run)
    expect(run.outputs).toMatchObject({ changed: 'true', added: '2', removed: '3', modified: '3' })

    const { changes } = reportOf(run)
    expect(changes.firstExport).toBe(false)
    expect(changes.counts).toEqual({ added: 2, removed: 3, modified: 3 })
    expect(changes.added.map((c: { key: string }) => c.key)).toEqual(edit.added)
    expect(changes.removed.map((c: { key: string }) => c.key)).toEqual(edit.removed)
    expect(changes.modified).toEqual(edit.modified)
    expect(
      changes.modified.flatMap((m: { fields: { column: string }[] }) =>
        m.fields.map((f) => f.column)
      )
    ).toEqual(expect.arrayContaining(['description', 'comment']))
    expect(changes.added[0].row.description).toBe('New part 0, "fresh" – ±5 %')
    expect(changes.columns).toEqual({ added: [], removed: [], reordered: false, compared: 19 })

    expect(run.summary).toContain(
      '**2 added, 3 removed, 3 modified** since `library_components.csv` as it was before this ' +
        'export, matched by `name`.'
    )
    expect(run.summary).toMatch(/### Removed \(3\)[\s\S]*### Modified \(3\)[\s\S]*### Added \(2\)/)
    for (const key of [...edit.removed, ...edit.added, ...edit.modified.map((m) => m.key)]) {
      expect(run.summary).toContain(`| ${key} |`)
    }
    expect(run.summary).toContain(`| ${NEW_DESCRIPTION} |`)
    expect(run.summary).toContain(`| ${NEW_COMMENT} |`)
    expect(run.summary).not.toContain('left out')
    const pie = await pieTitled(run.summary, 'Changes since the baseline')
    expect(slicesOf(pie)).toEqual([
      ['Modified', 3],
      ['Removed', 3],
      ['Added', 2]
    ])

    // The library stays as it is: the next export reports no change.
    const again = await exportWith({}, workspace)
    expectSuccess(again)
    expect(again.outputs).toMatchObject({
      changed: 'false',
      added: '0',
      removed: '0',
      modified: '0'
    })
    expect(again.summary).toContain('**No component changed** since')
  })

  it('with fail-on: change, fails after writing the new CSV and says what changed and how to accept it', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'changes-'))
    const quiet = await exportWith({ 'fail-on': 'change' }, workspace)
    expect(quiet.exitCode).toBe(1) // the first export is a change too
    expect(quiet.stdout).toMatch(
      /::error::The step fails because fail-on is 'change' and this is the first export/
    )

    const unchanged = await exportWith({ 'fail-on': 'change' }, workspace)
    expectSuccess(unchanged)

    const edit = editedLibrary()
    altium.setLibrary(edit.library)
    const run = await exportWith({ 'fail-on': 'change' }, workspace)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "::error::The step fails because fail-on is 'change' and the library changed since the " +
        'baseline: 2 added, 3 removed, 3 modified. The files were written. To pass, accept the ' +
        'change by committing the new library_components.csv, which makes it the baseline of the ' +
        'next run; or relax fail-on (never, error, warning, change).'
    )
    const csv = readFileSync(path.join(workspace, 'library_components.csv'), 'utf8')
    expect((parse(csv) as string[][]).slice(1)).toEqual(expectedRows(edit.library))
    expect(run.outputs).toMatchObject({ changed: 'true', added: '2', removed: '3', modified: '3' })
    expect(run.summary).toContain('**2 added, 3 removed, 3 modified**')
  })

  it('compares with the file at a git ref when baseline is git:<ref>', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'changes-git-'))
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: workspace, encoding: 'utf8', env: gitEnvironment() }).trim()
    git('init', '-q', '-b', 'main')
    git('config', 'user.name', 'Changes Test')
    git('config', 'user.email', 'changes@example.com')
    git('config', 'commit.gpgsign', 'false')
    expectSuccess(await exportWith({}, workspace))
    git('add', 'library_components.csv')
    git('commit', '-q', '-m', 'library snapshot')
    const base = git('rev-parse', 'HEAD')

    const edit = editedLibrary()
    altium.setLibrary(edit.library)
    expectSuccess(await exportWith({}, workspace)) // the working copy now holds the edited library

    // Against the previous file there is nothing new; against the commit, the whole edit shows.
    const run = await exportWith({ baseline: `git:${base}` }, workspace)
    expectSuccess(run)
    expect(run.outputs).toMatchObject({ changed: 'true', added: '2', removed: '3', modified: '3' })
    const { changes } = reportOf(run)
    expect(changes.baseline).toEqual({
      kind: 'git',
      path: 'library_components.csv',
      ref: base,
      commit: base,
      found: true
    })
    expect(changes.modified).toEqual(edit.modified)
    expect(run.summary).toContain(`since \`library_components.csv\` at git \`${base}\``)
  })

  it.each([
    [
      { 'key-column': 'MPN' },
      /^::error::Input 'key-column': "MPN" is not a column of the CSV\. Accepted: one of its headers: name, revision,/m
    ],
    [
      { baseline: 'git:no-such-ref' },
      /^::error::Input 'baseline': git:no-such-ref needs a git checkout/m
    ],
    [
      { 'fail-on': 'sometimes' },
      /^::error::Input 'fail-on': "sometimes" is not accepted\. Accepted: never, error, warning, change\./m
    ]
  ])('refuses %j before any request', async (inputs, message) => {
    const run = await exportWith(inputs)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(message)
    expect(altium.stats.tokenRequests + altium.stats.graphqlRequests).toBe(0)
  })
})

/** The environment for git in the test's own calls: no inherited GIT_* variables. */
function gitEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_'))
  )
}
