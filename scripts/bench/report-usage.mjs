// Preloaded into a benchmarked process (`node --import`): at exit, writes what the process used,
// measured by the operating system, to the file named in BENCH_USAGE_FILE, with the bytes of the
// response bodies it received (from their content-length), whether it asked with `fetch` (the
// baseline) or with `node:http` (the action).
import { subscribe } from 'node:diagnostics_channel'
import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const file = process.env.BENCH_USAGE_FILE
if (file) {
  let receivedBytes = 0
  const fetchBody = globalThis.fetch
  globalThis.fetch = async (...args) => {
    const response = await fetchBody(...args)
    receivedBytes += Number(response.headers.get('content-length')) || 0
    return response
  }
  subscribe('http.client.response.finish', ({ response }) => {
    receivedBytes += Number(response.headers['content-length']) || 0
  })
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(
      file,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        maxRssKb: usage.maxRSS,
        wallMs: performance.now(),
        receivedBytes
      })
    )
  })
}
