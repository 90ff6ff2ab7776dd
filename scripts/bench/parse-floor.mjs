// The CPU floor for a number of response bytes: fetch them from a loopback server the cheapest
// way node offers (`node:http`, a kept-alive connection, one-byte Latin-1 decoding) and
// JSON.parse each body, nothing else. `node parse-floor.mjs <url> <bytes>` prints the process's
// CPU in ms.
import { Buffer } from 'node:buffer'
import { Agent, request } from 'node:http'

const [url, wanted] = process.argv.slice(2)
const agent = new Agent({ keepAlive: true })

function post() {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent }, (response) => {
      const chunks = []
      response.on('data', (chunk) => chunks.push(chunk))
      response.on('end', () => resolve(Buffer.concat(chunks)))
      response.on('error', reject)
    })
    sent.on('error', reject)
    sent.end('{}')
  })
}

let received = 0
while (received < Number(wanted)) {
  const body = await post()
  JSON.parse(body.toString('latin1'))
  received += body.length
}
const usage = process.resourceUsage()
process.stdout.write(`${(usage.userCPUTime + usage.systemCPUTime) / 1000}\n`)
agent.destroy()
