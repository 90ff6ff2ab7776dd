import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import {
  caseInsensitiveFileNames,
  isWithin,
  relativeInside,
  workspaceRelative
} from '../src/paths.js'

const win = { paths: path.win32 }

describe('paths on a Windows runner (path.win32)', () => {
  const workspace = 'C:\\work\\repo'

  it('finds a file inside the workspace whichever slashes or letter case name it', () => {
    expect(isWithin(workspace, 'C:\\work\\repo\\exports\\lib.csv', win)).toBe(true)
    expect(isWithin(workspace, 'C:/work/repo/exports/lib.csv', win)).toBe(true)
    // NTFS ignores case: another spelling of the same drive and folders is the same place.
    expect(isWithin(workspace, 'c:\\WORK\\Repo\\lib.csv', win)).toBe(true)
    expect(relativeInside(workspace, 'c:\\WORK\\Repo\\Exports\\Lib.csv', win)).toBe(
      'Exports\\Lib.csv'
    )
  })

  it('puts another drive, a parent folder and a sibling folder outside', () => {
    expect(isWithin(workspace, 'D:\\elsewhere\\lib.csv', win)).toBe(false)
    expect(isWithin(workspace, 'D:\\work\\repo\\lib.csv', win)).toBe(false)
    expect(isWithin(workspace, path.win32.resolve(workspace, '..\\lib.csv'), win)).toBe(false)
    expect(isWithin(workspace, 'C:\\work\\repo-other\\lib.csv', win)).toBe(false)
    expect(isWithin(workspace, '\\\\server\\share\\lib.csv', win)).toBe(false)
  })

  it('gives workspace-relative paths with forward slashes, as reports show them', () => {
    expect(workspaceRelative(workspace, 'C:\\work\\repo\\exports\\lib.csv', path.win32)).toBe(
      'exports/lib.csv'
    )
    expect(workspaceRelative(workspace, 'C:/work/repo/exports/lib.csv', path.win32)).toBe(
      'exports/lib.csv'
    )
  })
})

describe('paths on Linux and macOS (path.posix)', () => {
  const posix = { paths: path.posix }

  it('compares case exactly unless the file system ignores it', () => {
    expect(isWithin('/work/repo', '/work/Repo/lib.csv', posix)).toBe(false)
    expect(isWithin('/work/repo', '/work/Repo/lib.csv', { ...posix, ignoreCase: true })).toBe(true)
    // The part below the workspace keeps its own spelling, which git needs on such systems.
    expect(
      relativeInside('/work/repo', '/WORK/repo/Exports/Lib.csv', { ...posix, ignoreCase: true })
    ).toBe('Exports/Lib.csv')
  })

  it('counts a file whose name starts with two dots as inside, and .. as outside', () => {
    expect(isWithin('/work/repo', '/work/repo/..lib.csv', posix)).toBe(true)
    expect(isWithin('/work/repo', '/work/lib.csv', posix)).toBe(false)
    expect(relativeInside('/work/repo', '/work/repo', posix)).toBe('')
  })

  it('treats file names as case-insensitive on Windows and macOS only', () => {
    expect(caseInsensitiveFileNames('win32')).toBe(true)
    expect(caseInsensitiveFileNames('darwin')).toBe(true)
    expect(caseInsensitiveFileNames('linux')).toBe(false)
  })
})
