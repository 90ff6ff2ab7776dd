// The action as it would start if the publishing clients were imported up front: a comparison
// point for `npm run bench:startup` only, never shipped.
import '@actions/artifact'
import '@actions/github'
import { run } from '../../src/main.js'

await run(process.env)
