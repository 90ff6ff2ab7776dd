import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { Input } from '../../src/constants.js'
import { InputError } from '../../src/input-error.js'
import { workspacePath } from '../../src/inputs/workspace-files.js'

/** The checks of `path` and `baseline` as a Windows runner makes them. */
function onWindows(value: string): string {
  return workspacePath(Input.Path, value, 'C:\\work\\repo', undefined, {
    paths: path.win32,
    ignoreCase: true
  })
}

function refusalOf(value: string): string {
  try {
    onWindows(value)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error(`${value} was accepted`)
}

describe('workspace paths with drive letters and backslashes', () => {
  it('accepts relative and absolute paths inside the workspace, in any slashes or case', () => {
    expect(onWindows('exports\\lib.csv')).toBe('C:\\work\\repo\\exports\\lib.csv')
    expect(onWindows('exports/lib.csv')).toBe('C:\\work\\repo\\exports\\lib.csv')
    expect(onWindows('C:/work/repo/exports/lib.csv')).toBe('C:\\work\\repo\\exports\\lib.csv')
    expect(onWindows('c:\\WORK\\Repo\\lib.csv')).toBe('c:\\WORK\\Repo\\lib.csv')
  })

  it('refuses another drive and parent folders, naming the input and what it accepts', () => {
    for (const value of ['D:\\elsewhere\\lib.csv', '..\\lib.csv', 'exports\\..\\..\\lib.csv']) {
      expect(refusalOf(value)).toMatch(
        /^Input 'path': ".*" is outside the workspace \(C:\\work\\repo\)\. Accepted: a file path relative to the workspace/
      )
    }
    expect(refusalOf('C:\\work\\repo')).toMatch(/outside the workspace/)
  })

  it('refuses the .git folder however Windows lets it be spelled', () => {
    for (const value of [
      '.GIT\\config',
      'git~1\\x',
      '.git.\\hooks\\pre-commit',
      'C:/work/repo/.Git/x'
    ]) {
      expect(refusalOf(value)).toMatch(/is inside a \.git folder/)
    }
  })
})
