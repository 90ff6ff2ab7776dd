/**
 * `npm run demo`: starts the local Altium stand-in with a generated library, runs the built action
 * against it the way the runner does, with a supply audit (stock, suppliers, second sources,
 * Octopart ids), and shows what it wrote. No account needed.
 */
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { standInInputs } from '../local-altium/action-inputs.js'
import { startStandIn } from '../local-altium/index.js'
import { ACTION_ENTRY, PROJECT_ROOT, runAction } from './runner.js'

const COMPONENTS = 3000

if (!existsSync(ACTION_ENTRY)) {
  console.error('dist/index.js is missing: run `npm run bundle` first.')
  process.exit(1)
}

const workspace = path.join(PROJECT_ROOT, '.demo')
rmSync(workspace, { recursive: true, force: true })

const altium = await startStandIn({ componentCount: COMPONENTS, maxPageSize: 500 })
console.log(`Local Altium stand-in on ${altium.origin} with ${COMPONENTS} components.\n`)
try {
  const run = await runAction(
    {
      ...standInInputs(altium),
      'page-size': '500',
      parameters: 'Package\nTolerance',
      // The supply audit a scheduled workflow would run; findings are warnings, so nothing fails.
      audit: 'require-stock\nrequire-supplier\nmulti-source\nrequire-octopart-id',
      'fail-on': 'never',
      // A laptop has no GitHub artifact runtime: the files stay in .demo/.
      publish: 'none'
    },
    {
      workspace,
      env: {
        ALTIUM_CLIENT_ID: altium.credentials.clientId,
        ALTIUM_CLIENT_SECRET: altium.credentials.clientSecret,
        ALTIUM_REFRESH_TOKEN: altium.credentials.refreshToken
      }
    }
  )
  const log = run.stdout
    .split('\n')
    .filter((line) => line && !line.startsWith('::add-mask::'))
    .join('\n')
  console.log(`${log}\n`)
  if (run.stderr) console.error(run.stderr)
  // The summary up to the audit's lists of findings: thousands of rows the report holds anyway.
  const audit = Math.max(0, run.summary.indexOf('## Library audit'))
  const lists = run.summary.slice(audit).search(/^### (?!Supply)/m)
  console.log(
    lists < 0
      ? run.summary
      : `${run.summary.slice(0, audit + lists)}… (every finding is in the report)\n`
  )
  if (run.exitCode !== 0) {
    console.error(`The action failed (exit code ${run.exitCode}).`)
    process.exitCode = 1
  } else {
    console.log(`CSV:    ${run.outputs['csv-path']}`)
    console.log(`Report: ${run.outputs['report-path']}`)
    console.log(`${run.outputs['component-count']} components exported.`)
  }
} finally {
  await altium.close()
}
