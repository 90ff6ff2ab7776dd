// The CPU floor for a number of response bytes: fetch them from a loopback server and JSON.parse
// each body, nothing else. `node parse-floor.mjs <url> <bytes>` prints the process's CPU in ms.
const [url, wanted] = process.argv.slice(2)
let received = 0
while (received < Number(wanted)) {
  const response = await globalThis.fetch(url, { method: 'POST', body: '{}' })
  JSON.parse(await response.text())
  received += Number(response.headers.get('content-length'))
}
const usage = process.resourceUsage()
process.stdout.write(`${(usage.userCPUTime + usage.systemCPUTime) / 1000}\n`)
