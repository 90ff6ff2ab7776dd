/**
 * End to end: the built action (dist/index.js) logs the export's progress on the runner, as plain
 * `Progress:` lines, a few of them, the last at 100%; the job summary keeps the final figures.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { exportFromStandIn } from '../helpers/stand-in-inputs.js'

let altium: StandIn

beforeAll(async () => {
  altium = await startStandIn({ componentCount: 3000 })
})

afterAll(async () => {
  await altium.close()
})

describe('progress in the log', () => {
  it('logs the quarters of the export, at most 30 lines, and keeps the totals in the summary', async () => {
    const run = await exportFromStandIn(altium, { 'page-size': '100', concurrency: '1' })
    expect(run.exitCode).toBe(0)
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('Progress: '))
    expect(lines.length).toBeGreaterThanOrEqual(4)
    expect(lines.length).toBeLessThanOrEqual(30)
    const shares = lines.map((line) => {
      const match =
        /^Progress: ([\d,]+) of 3,000 components \((\d+)%\), [\d.]+ (?:ms|s) elapsed/.exec(line)
      expect(match).not.toBeNull()
      return Number(match![2])
    })
    // Every quarter has its line, and the count only grows.
    for (const quarter of [25, 50, 75]) {
      expect(shares.some((share) => share >= quarter && share < quarter + 25)).toBe(true)
    }
    expect(shares).toEqual([...shares].sort((a, b) => a - b))
    expect(lines.at(-1)).toMatch(/^Progress: 3,000 of 3,000 components \(100%\)/)
    // An estimate while the export runs, none at the end.
    expect(lines[0]).toMatch(/about .+ left\.$/)
    expect(run.summary).toMatch(/\| Components \| 3000 \|/)
    expect(run.summary).toMatch(/\| Time taken \| [\d.]+ s \|/)
  })
})
