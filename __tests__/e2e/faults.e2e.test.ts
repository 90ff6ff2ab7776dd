/**
 * The fault suite: every fault switch of the local Altium stand-in, and every kind of bad input,
 * run through the BUILT dist/index.js as the runner runs it. Each run must end as its row says —
 * the same bytes as an undisturbed export, or one message naming the cause and the fix with the
 * previous CSV untouched — and no run may leak a secret or print anything before masking them.
 * The rows live in helpers/fault-cases.ts and helpers/bad-inputs.ts; publishing faults are
 * further rows there.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { runAction } from '../../scripts/runner.js'
import { BAD_INPUTS, type BadInput } from '../helpers/bad-inputs.js'
import { FAILING_FAULTS, SURVIVED_FAULTS } from '../helpers/fault-cases.js'
import {
  caseInputs,
  closedUrl,
  CSV_NAME,
  FAULT_LIBRARY,
  givenCredentials,
  judge,
  maskedLate,
  olderExport,
  runFaultCase,
  secretsOf,
  startRecordingServer,
  workspaceWith,
  type FaultCase,
  type SharedServers
} from '../helpers/fault-run.js'
import { findLeaks } from '../helpers/secrets.js'

let shared: SharedServers
/** What an export of the library gives with no fault at all. */
let undisturbed: string
/** An older export (three components fewer): what a failed run must leave in place. */
let previous: string

beforeAll(async () => {
  shared = { foreign: await startRecordingServer(), closedUrl: await closedUrl() }
  const clean = await runFaultCase(
    { behaviour: 'an undisturbed export', outcome: 'survives', message: /Wrote 120 components/ },
    shared,
    undefined
  )
  if (clean.run.exitCode !== 0 || clean.csv === undefined) {
    throw new Error(`the undisturbed export failed:\n${clean.run.stdout}\n${clean.run.stderr}`)
  }
  undisturbed = clean.csv
  previous = olderExport(undisturbed)
})
afterAll(() => shared.foreign.close())

function rows(cases: FaultCase[]): [string, FaultCase][] {
  return cases.map((fault) => [fault.behaviour, fault])
}

async function expectOutcome(fault: FaultCase): Promise<void> {
  const result = await runFaultCase(fault, shared, previous)
  expect(judge(fault, result, { ...shared, undisturbed, previous })).toEqual([])
}

describe('faults the action gets through, with the same bytes as an undisturbed export', () => {
  it.concurrent.each(rows(SURVIVED_FAULTS))('%s', async (_, fault) => expectOutcome(fault), 60_000)
})

describe('faults that end the run with one message and the previous CSV untouched', () => {
  it.concurrent.each(rows(FAILING_FAULTS))('%s', async (_, fault) => expectOutcome(fault), 60_000)

  it('writes the undisturbed bytes over the previous CSV on the next healthy run', async () => {
    const failed = FAILING_FAULTS.find((fault) => fault.behaviour.includes('partial data'))
    if (!failed) throw new Error('the partial-data row is missing')
    const healthy: FaultCase = {
      behaviour: 'the next run',
      outcome: 'survives',
      message: /Wrote 120 components/
    }
    await expectOutcome(failed)
    const result = await runFaultCase(healthy, shared, previous)
    expect(result.run.exitCode).toBe(0)
    expect(result.csv).toBe(undisturbed)
  })
})

describe('bad inputs, refused before any request', () => {
  let altium: StandIn
  beforeAll(async () => {
    altium = await startStandIn(FAULT_LIBRARY)
  })
  afterAll(() => altium.close())

  const named = (bad: BadInput): string =>
    JSON.stringify({ ...bad.inputs, ...bad.env }) + (bad.prepare ? ' (through a link)' : '')

  it.concurrent.each(BAD_INPUTS.map((bad): [string, BadInput] => [named(bad), bad]))(
    'refuses %s, naming the input, keeping the previous CSV',
    async (_, bad) => {
      const workspace = workspaceWith(previous)
      bad.prepare?.(workspace)
      const inputs = caseInputs(altium, 'refresh-token', bad.inputs)
      const run = await runAction(inputs, { workspace, env: bad.env })
      const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error::'))
      expect(run.exitCode).toBe(1)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(bad.message)
      expect(readFileSync(path.join(workspace, CSV_NAME), 'utf8')).toBe(previous)
      const given = givenCredentials(inputs, bad.env)
      expect(findLeaks(run, secretsOf(altium, given))).toEqual([])
      expect(maskedLate(run, given)).toEqual([])
    },
    60_000
  )

  it('made not a single request for any of them', () => {
    expect(altium.stats.tokenRequests + altium.stats.graphqlRequests).toBe(0)
  })
})
