// Preloaded into a benchmarked process (`node --import`): at exit, writes what the process used,
// measured by the operating system, to the file named in BENCH_USAGE_FILE, with the bytes of the
// response bodies it fetched (from their content-length).
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
