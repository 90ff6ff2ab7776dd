/**
 * `npx tsx scripts/fault-figures.ts`: runs every row of the fault table once through the built
 * action and prints the figures quoted in docs/troubleshooting.md#how-much-of-this-is-tested: fault
 * cases tried, faults the stand-in injected, retries and renewals the action made, runs that
 * survived with the undisturbed bytes, runs that failed with one message and the previous file
 * kept; and how many bad inputs the suite tries. Counts, not timings.
 */
import { existsSync } from 'node:fs'
import { BAD_INPUTS } from '../__tests__/helpers/bad-inputs.js'
import { FAILING_FAULTS, SURVIVED_FAULTS } from '../__tests__/helpers/fault-cases.js'
import {
  closedUrl,
  judge,
  olderExport,
  runFaultCase,
  startRecordingServer,
  type FaultCase,
  type FaultCaseResult
} from '../__tests__/helpers/fault-run.js'
import { ACTION_ENTRY } from './runner.js'

if (!existsSync(ACTION_ENTRY)) {
  console.error('dist/index.js is missing: run `npm run bundle` first.')
  process.exit(1)
}

const shared = { foreign: await startRecordingServer(), closedUrl: await closedUrl() }
try {
  const clean = await runFaultCase(
    { behaviour: 'undisturbed', outcome: 'survives', message: /Wrote/ },
    shared,
    undefined
  )
  if (clean.csv === undefined) throw new Error('the undisturbed export failed')
  const undisturbed = clean.csv
  const previous = olderExport(undisturbed)

  const cases: FaultCase[] = [...SURVIVED_FAULTS, ...FAILING_FAULTS]
  const results: { fault: FaultCase; result: FaultCaseResult; problems: string[] }[] = []
  for (const fault of cases) {
    const result = await runFaultCase(fault, shared, previous)
    const problems = judge(fault, result, { ...shared, undisturbed, previous })
    results.push({ fault, result, problems })
    console.log(`${problems.length ? 'NOT AS EXPECTED' : 'as expected'}: ${fault.behaviour}`)
    for (const problem of problems) console.log(`    ${problem}`)
  }

  const sum = (pick: (result: FaultCaseResult) => number, outcome?: FaultCase['outcome']) =>
    results
      .filter(({ fault }) => outcome === undefined || fault.outcome === outcome)
      .reduce((total, { result }) => total + pick(result), 0)
  const asExpected = (outcome: FaultCase['outcome']) =>
    results.filter(({ fault, problems }) => fault.outcome === outcome && !problems.length).length

  console.log('')
  console.log(`fault cases tried:                   ${cases.length}`)
  console.log(`faults injected by the stand-in:     ${sum((r) => r.faultsInjected)}`)
  console.log(`  of them in runs that survived:     ${sum((r) => r.faultsInjected, 'survives')}`)
  console.log(`retries the action made:             ${sum((r) => r.retries)}`)
  console.log(`  of them in runs that survived:     ${sum((r) => r.retries, 'survives')}`)
  console.log(`token renewals the action made:      ${sum((r) => r.renewals)}`)
  console.log(
    `survived, same bytes as undisturbed: ${asExpected('survives')} of ${SURVIVED_FAULTS.length}`
  )
  console.log(
    `failed with one message, file kept:  ${asExpected('fails')} of ${FAILING_FAULTS.length}`
  )
  console.log(`secrets leaked:                      ${sum((r) => r.leaks.length)}`)
  console.log(`bad inputs tried (refused up front): ${BAD_INPUTS.length}`)
} finally {
  await shared.foreign.close()
}
