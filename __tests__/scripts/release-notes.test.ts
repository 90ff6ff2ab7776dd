import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { changelogEntry, releaseNotes, versionOfTag } from '../../scripts/release-notes.js'

const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '- coming',
  '',
  '## [1.10.0] - 2027-01-02',
  '',
  '### Added',
  '',
  '- ten',
  '',
  '## [1.1.0] - 2026-12-30',
  '',
  '- one',
  '',
  '## [1.0.0] - 2026-12-01',
  ''
].join('\n')

describe('release notes', () => {
  it('reads only version tags', () => {
    expect(versionOfTag('v1.2.3')).toBe('1.2.3')
    expect(versionOfTag('v1')).toBeUndefined()
    expect(versionOfTag('1.2.3')).toBeUndefined()
    expect(versionOfTag('v1.2.3-rc.1')).toBeUndefined()
  })

  it('takes the entry of exactly that version, up to the next heading', () => {
    expect(changelogEntry(CHANGELOG, '1.10.0')).toBe('### Added\n\n- ten')
    expect(changelogEntry(CHANGELOG, '1.1.0')).toBe('- one')
  })

  it('finds no notes for a missing or empty entry', () => {
    expect(changelogEntry(CHANGELOG, '1.2.0')).toBeUndefined()
    expect(changelogEntry(CHANGELOG, '1.0.0')).toBeUndefined()
  })

  it('refuses a tag that package.json or the changelog does not agree with', () => {
    expect(releaseNotes('v1.1.0', CHANGELOG, '1.1.0')).toEqual({ notes: '- one' })
    expect(releaseNotes('latest', CHANGELOG, '1.1.0')).toEqual({
      problem: expect.stringContaining('expected vX.Y.Z')
    })
    expect(releaseNotes('v1.1.0', CHANGELOG, '1.0.0')).toEqual({
      problem: expect.stringContaining('"version": "1.1.0"')
    })
    expect(releaseNotes('v1.0.0', CHANGELOG, '1.0.0')).toEqual({
      problem: expect.stringContaining('## [1.0.0]')
    })
  })

  it("prints the current version's notes, as the release workflow runs it", async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
    const { stdout } = await promisify(execFile)('npx', [
      'tsx',
      'scripts/release-notes.ts',
      `v${version}`
    ])
    expect(stdout.trim()).toBe(changelogEntry(readFileSync('CHANGELOG.md', 'utf8'), version))
    await expect(
      promisify(execFile)('npx', ['tsx', 'scripts/release-notes.ts', 'v0.0.0'])
    ).rejects.toMatchObject({ stderr: expect.stringContaining('package.json says version') })
  })
})
