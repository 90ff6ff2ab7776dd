import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { inputReader } from '../helpers/input-reader.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'change-inputs-'))

const { read, errorOf } = inputReader(
  { 'workspace-url': 'https://acme.365.altium.com', 'access-token': 'tok', publish: 'none' },
  { GITHUB_WORKSPACE: workspace }
)

describe('the change inputs', () => {
  it('default to the previous file at path, the name column, and failing on errors', () => {
    const inputs = read({})
    expect(inputs.baseline).toEqual({ kind: 'previous-file' })
    expect(inputs.keyColumn).toBe('name')
    expect(inputs.failOn).toBe('error')
  })

  it('read a baseline path inside the workspace, and git:<ref>', () => {
    expect(read({ baseline: 'previous/library_components.csv' }).baseline).toEqual({
      kind: 'file',
      path: path.join(workspace, 'previous', 'library_components.csv')
    })
    expect(read({ baseline: 'git:origin/main' }).baseline).toEqual({
      kind: 'git',
      ref: 'origin/main'
    })
    expect(read({ baseline: 'git: HEAD~1 ' }).baseline).toEqual({ kind: 'git', ref: 'HEAD~1' })
  })

  it('refuse a baseline path outside the workspace, also through a symbolic link', () => {
    expect(errorOf({ baseline: '../elsewhere.csv' })).toMatch(
      /^Input 'baseline': "..\/elsewhere.csv" is outside the workspace/
    )
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-'))
    symlinkSync(outside, path.join(workspace, 'link-out'))
    expect(errorOf({ baseline: 'link-out/old.csv' })).toMatch(
      /^Input 'baseline':.*outside the workspace/
    )
    mkdirSync(path.join(workspace, 'a-folder'))
    expect(errorOf({ baseline: 'a-folder' })).toMatch(/^Input 'baseline': "a-folder" is a folder/)
  })

  it.each(['git:', 'git:--output=/tmp/x', 'git:main:other.csv', 'git:main branch', 'git:a\u0007b'])(
    'refuse the ref in %j before git ever sees it',
    (value) => {
      expect(errorOf({ baseline: value })).toMatch(
        /^Input 'baseline': ".*" is not accepted\. Accepted: empty .*, a CSV path inside the workspace, or git:<ref>/s
      )
    }
  )

  it('take the key column by header or by column id', () => {
    expect(read({ 'key-column': 'mpn-1' }).keyColumn).toBe('mpn-1')
    const renamed = { columns: 'Part=name\nMPN=mpn-1\nid' }
    expect(read({ ...renamed, 'key-column': 'MPN' }).keyColumn).toBe('MPN')
    expect(read({ ...renamed, 'key-column': 'mpn-1' }).keyColumn).toBe('MPN')
    // The default finds the name column under its new header.
    expect(read(renamed).keyColumn).toBe('Part')
    expect(read({ ...renamed, 'key-column': 'name' }).keyColumn).toBe('Part')
  })

  it('fall back to the first column when the default name column is left out', () => {
    expect(read({ columns: 'comment\ndescription' }).keyColumn).toBe('comment')
  })

  it('refuse a key column the CSV does not have, listing its headers', () => {
    expect(errorOf({ columns: 'name\nmpn-1', parameters: 'Tolerance', 'key-column': 'MPN' })).toBe(
      `Input 'key-column': "MPN" is not a column of the CSV. Accepted: one of its headers: name, mpn-1, Tolerance.`
    )
  })

  it('accept the fail-on levels and refuse anything else, listing them', () => {
    for (const level of ['never', 'error', 'warning', 'change']) {
      expect(read({ 'fail-on': level }).failOn).toBe(level)
    }
    expect(errorOf({ 'fail-on': 'changes' })).toBe(
      `Input 'fail-on': "changes" is not accepted. Accepted: never, error, warning, change.`
    )
  })
})
