import type { AuditReport } from '../../src/audit/audit-stage.js'
import type { BaselineInfo } from '../../src/changes/change-report.js'
import { compareTables } from '../../src/changes/compare.js'
import { buildReport, type ExportReport } from '../../src/report/export-report.js'

export const HEADERS = ['name', 'description', 'mpn-1']

/** The default baseline: the previous file at `path`. */
export const PREVIOUS: BaselineInfo = {
  kind: 'previous-file',
  path: 'library_components.csv',
  found: true
}

/** An export report of `after` compared with `before` (undefined: a first export). */
export function exportReport(
  before: string[][] | undefined,
  after: string[][],
  audit?: AuditReport
): ExportReport {
  const changes = compareTables(
    before && { headers: HEADERS, rows: before },
    { headers: HEADERS, rows: after },
    'name',
    { ...PREVIOUS, found: before !== undefined }
  )
  return buildReport({
    workspaceUrl: 'https://acme.365.altium.com/',
    apiUrl: 'https://api.nexar.com/graphql',
    csvPath: '/w/library_components.csv',
    workspace: '/w',
    headers: HEADERS,
    filter: {},
    components: after.length,
    serverTotal: after.length,
    received: after.length,
    changes,
    audit
  })
}

/**
 * 10,000 changed components: 3,000 removed, 4,000 modified (two fields each), 3,000 added, with
 * long, multi-byte values and characters markdown would read.
 */
export function tenThousandChanges(): ExportReport {
  const key = (n: number) => `CMP-${String(n).padStart(5, '0')}`
  const text = (n: number, tag: string) =>
    `${tag} ${n}: Keramikkondensator 100 nF ±10 % 50 V X7R, Ω µ 電圧 | <b> ${'·'.repeat(120)}`
  const before: string[][] = []
  const after: string[][] = []
  for (let n = 0; n < 7000; n++) before.push([key(n), text(n, 'before'), `MPN-${n}`])
  for (let n = 3000; n < 10000; n++) {
    after.push([
      key(n),
      n < 7000 ? text(n, 'after') : text(n, 'new'),
      n < 7000 ? `MPN-${n}-B` : `MPN-${n}`
    ])
  }
  return exportReport(before, after)
}

/** How many table rows of components a markdown text shows. */
export function shownKeys(markdown: string): number {
  return markdown.split('\n').filter((line) => line.startsWith('| CMP-')).length
}
