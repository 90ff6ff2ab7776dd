import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { Input, Output } from '../../src/constants.js'
import { PROJECT_ROOT, readActionMetadata } from '../../scripts/runner.js'

const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8')

/** The rows of the first table under a `## heading`, as arrays of cells without backticks. */
function tableUnder(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  return section
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(' | ')
        .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1'))
    )
}

describe('the README', () => {
  const metadata = readActionMetadata()

  it('lists every input of action.yml, in order, with its default', () => {
    const rows = tableUnder('Inputs')
    expect(rows.map((row) => row[0])).toEqual(Object.keys(metadata.inputs))
    for (const [name, input] of Object.entries(metadata.inputs)) {
      const row = rows.find((r) => r[0] === name) as string[]
      const documented = row[1] === '(required)' ? undefined : row[1]
      expect([name, input.required ? undefined : (input.default ?? '')]).toEqual([name, documented])
    }
  })

  it('lists every output of action.yml, in order', () => {
    expect(tableUnder('Outputs').map((row) => row[0])).toEqual(Object.keys(metadata.outputs))
  })

  it('agrees with the names the code uses', () => {
    expect(Object.keys(metadata.inputs).sort()).toEqual(Object.values(Input).sort())
    expect(Object.keys(metadata.outputs).sort()).toEqual(Object.values(Output).sort())
  })

  it('runs the action on node24 from the committed bundle', () => {
    const action = readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')
    expect(action).toMatch(/using: node24\n\s+main: dist\/index.js/)
  })
})
