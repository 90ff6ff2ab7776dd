// Runs the stand-in from a shell: prints one JSON line with URLs and credentials, then serves.
import { parseArgs } from 'node:util'
import { isServerModelName, SERVER_MODEL_NAMES } from './server-models.js'
import { startStandIn } from './server.js'
import type { AuthStyle } from './options.js'

const { values } = parseArgs({
  options: {
    components: { type: 'string' },
    seed: { type: 'string' },
    'max-page-size': { type: 'string' },
    port: { type: 'string' },
    'host-name': { type: 'string' },
    'auth-style': { type: 'string' },
    latency: { type: 'boolean' },
    'server-model': { type: 'string' }
  },
  strict: true
})

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got "${text}"\n`)
    process.exit(2)
  }
  return value
}

const authStyle = values['auth-style']
if (authStyle !== undefined && authStyle !== 'altium-365' && authStyle !== 'nexar') {
  process.stderr.write(`--auth-style must be altium-365 or nexar, got "${authStyle}"\n`)
  process.exit(2)
}

// --server-model names one of the latency model's servers; --latency alone is `per-component`.
const serverModel = values['server-model']
if (serverModel !== undefined && !isServerModelName(serverModel)) {
  process.stderr.write(
    `--server-model must be one of ${SERVER_MODEL_NAMES.join(', ')}, got "${serverModel}"\n`
  )
  process.exit(2)
}

const standIn = await startStandIn({
  componentCount: integer('components', values.components),
  seed: integer('seed', values.seed),
  maxPageSize: integer('max-page-size', values['max-page-size']),
  port: integer('port', values.port),
  workspaceHost: values['host-name'],
  authStyle: authStyle as AuthStyle | undefined,
  latency: serverModel ?? values.latency
})

process.stdout.write(
  `${JSON.stringify({
    origin: standIn.origin,
    tokenUrl: standIn.tokenUrl,
    apiUrl: standIn.apiUrl,
    regionalApiUrl: standIn.regionalApiUrl,
    workspaceUrl: standIn.workspaceUrl,
    credentials: standIn.credentials,
    componentCount: standIn.library.length
  })}\n`
)

let stopping = false
function stop(): void {
  if (stopping) return
  stopping = true
  standIn.close().then(
    () => process.exit(0),
    () => process.exit(1)
  )
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
