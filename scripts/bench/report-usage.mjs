// Preloaded into the benchmarked action (`node --import`): at exit, writes what the process used,
// measured by the operating system, to the file named in BENCH_USAGE_FILE, with the bytes of the
// response bodies it received over `node:http` (from their content-length).
import { subscribe } from 'node:diagnostics_channel'
import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const file = process.env.BENCH_USAGE_FILE
if (file) {
  let receivedBytes = 0
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
