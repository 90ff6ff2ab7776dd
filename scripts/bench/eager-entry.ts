// The action as it would start if the publishing clients were imported up front: a comparison
// point for `npm run bench:startup`, never shipped. `npm run bundle` also builds it for
// dist/licenses.txt: ncc lists the packages of the main chunk only, and this build has them all.
import '@actions/artifact'
import '@actions/github'
import { run } from '../../src/main.js'

await run(process.env)
