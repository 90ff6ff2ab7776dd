// The action as it would start if the publishing clients were imported up front: a comparison
// point for `npm run bench:startup`, never shipped. `npm run bundle` also builds it for
// dist/licenses.txt: ncc lists the packages of the main chunk only, and this build has them all.
import '@actions/artifact'
import '@actions/github'
import { run } from '../../src/main.js'

// Exported, not only imported: these packages declare no side effects, so a bare import is
// dropped and they would stay chunks of their own.
export { retry } from '@octokit/plugin-retry'
export { throttling } from '@octokit/plugin-throttling'

await run(process.env)
