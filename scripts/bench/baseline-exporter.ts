/**
 * The baseline of the benchmark: the library exported the way the public sample scripts do it.
 * One token, then `components(first: 100, after: $after)` one page after another, each selecting
 * every field the CSV's columns need (`details` included), every node kept in memory until the
 * end. The rows and the file are written with the action's own code, so the two files can be
 * compared byte for byte: only the fetching differs.
 *
 * Run as a child of the bench: `tsx scripts/bench/baseline-exporter.ts '<json settings>'`.
 * Prints one JSON line: wall time and CPU from the start of the export (not tsx's start-up).
 */
import { writeFileSync } from 'node:fs'
import { libraryPageQuery } from '../../src/api/library-query.js'
import { renderCsv } from '../../src/csv/csv-file.js'
import type { ComponentNode } from '../../src/library/component-node.js'
import { columnById, defaultColumnIds, type Column } from '../../src/library/columns.js'
import { fieldsFor, toRecords } from '../../src/library/records.js'

interface BaselineSettings {
  apiUrl: string
  tokenUrl: string
  workspaceUrl: string
  clientId: string
  clientSecret: string
  refreshToken: string
  csvPath: string
}

interface Page {
  data: {
    desLibrary: {
      components: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null }
        nodes: ComponentNode[]
      }
    }
  }
  errors?: { message: string }[]
}

const settings = JSON.parse(process.argv[2]) as BaselineSettings
const started = performance.now()
const cpuAtStart = process.cpuUsage()

const tokenResponse = await fetch(settings.tokenUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: settings.refreshToken,
    client_id: settings.clientId,
    client_secret: settings.clientSecret
  })
})
const { access_token: token } = (await tokenResponse.json()) as { access_token: string }

const columns = defaultColumnIds(3).map((id) => columnById(id) as Column)
const query = libraryPageQuery(fieldsFor(columns))
const nodes: ComponentNode[] = []
let after: string | null = null
let receivedBytes = 0
for (;;) {
  const response = await fetch(settings.apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query,
      variables: { workspaceUrl: settings.workspaceUrl, first: 100, after }
    })
  })
  receivedBytes += Number(response.headers.get('content-length')) || 0
  const page = (await response.json()) as Page
  if (page.errors?.length) throw new Error(page.errors.map((e) => e.message).join('; '))
  const { pageInfo, nodes: pageNodes } = page.data.desLibrary.components
  nodes.push(...pageNodes)
  if (!pageInfo.hasNextPage) break
  after = pageInfo.endCursor
}

const headers = columns.map((column) => column.header)
const csv = renderCsv(headers, toRecords(nodes, columns), { delimiter: ',', bom: false })
writeFileSync(settings.csvPath, csv)
const cpu = process.cpuUsage(cpuAtStart)
process.stdout.write(
  `${JSON.stringify({
    wallMs: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
    receivedBytes
  })}\n`
)
