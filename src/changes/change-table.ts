import { BudgetMeter, type TextBudget } from '../report/github-limits.js'
import { escapeMarkdownCell } from '../report/markdown.js'
import {
  describeBaselineFile,
  describeMissingBaseline,
  type ChangeCounts,
  type ChangeReport,
  type ModifiedComponent,
  type RowChange
} from './change-report.js'

/** Longest cell text shown in a table; the JSON report holds the whole value. */
const MAX_CELL_CHARS = 300
/** Duplicate keys named in the overview; the JSON report lists them all. */
const MAX_DUPLICATES_NAMED = 10

export interface ChangeTableOptions extends TextBudget {
  /** Where the complete list is, for the line that says how much was left out. */
  fullList?: string
}

type Kind = keyof ChangeCounts

/** The tables in the order a reviewer needs them: what can break a design first. */
const SECTIONS: { kind: Kind; title: string }[] = [
  { kind: 'removed', title: 'Removed' },
  { kind: 'modified', title: 'Modified' },
  { kind: 'added', title: 'Added' }
]

/**
 * The counts, against what, and anything the reader must know before trusting them: a first
 * export, columns added or dropped, duplicate keys.
 */
export function renderChangeOverview(report: ChangeReport): string {
  const { counts } = report
  const against = describeBaselineFile(report.baseline)
  const key = code(report.keyColumn)
  const lines: string[] = []
  if (report.firstExport) {
    lines.push(
      `**First export**: ${report.baseline.kind === 'artifact' ? '' : 'there is '}` +
        `${describeMissingBaseline(report.baseline)}, so ` +
        `${counts.added === 1 ? 'its one component counts' : `all ${components(counts.added)} count`} ` +
        'as added; the CSV lists them.'
    )
  } else if (counts.added + counts.removed + counts.modified === 0) {
    lines.push(`**No component changed** since ${against}, matched by ${key}.`)
  } else {
    lines.push(
      `**${number(counts.added)} added, ${number(counts.removed)} removed, ` +
        `${number(counts.modified)} modified** since ${against}, matched by ${key}.`
    )
  }
  if (report.emptyBaseline) {
    lines.push(
      '',
      'The baseline is empty (not even a header row), so every component counts as added.'
    )
  }
  if (report.keyColumnMissingFromBaseline) {
    lines.push(
      '',
      '> [!WARNING]',
      `> The baseline has no ${key} column, so no row could be matched and every component ` +
        'counts as added. Compare files that share the key column, or set `key-column`.'
    )
  }
  const { columns } = report
  if (!report.firstExport && !report.emptyBaseline) {
    const notes: string[] = []
    if (columns.added.length) notes.push(`Columns added: ${columns.added.map(code).join(', ')}.`)
    if (columns.removed.length) {
      notes.push(`Columns dropped: ${columns.removed.map(code).join(', ')}.`)
    }
    if (columns.reordered) notes.push('The columns changed order.')
    if (columns.added.length || columns.removed.length) {
      notes.push(`Rows were compared on the ${number(columns.compared)} columns both files share.`)
    }
    if (notes.length) lines.push('', notes.join(' '))
  }
  if (report.duplicateKeys.length) {
    const named = report.duplicateKeys
      .slice(0, MAX_DUPLICATES_NAMED)
      .map((d) => `${code(d.key)}: ${d.baseline} before, ${d.current} now`)
    const more = report.duplicateKeys.length - named.length
    lines.push(
      '',
      '> [!WARNING]',
      `> The key column ${key} is not unique: ${number(report.duplicateKeys.length)} ` +
        `${report.duplicateKeys.length === 1 ? 'key is' : 'keys are'} on more than one row ` +
        `(${named.join('; ')}${more > 0 ? `; ${number(more)} more in the JSON report` : ''}). ` +
        'Their rows were matched in file order, not merged. Choose a key column with unique ' +
        'values, e.g. add the `id` column and set `key-column: id`.'
    )
  }
  return `${lines.join('\n')}\n`
}

/**
 * The changes as markdown tables grouped by kind (removed, modified, added), within the budget:
 * whole components are left out from the end, and a last line says how many. Reusable for the job
 * summary (1 MiB), a pull-request body or a comment (65,536 characters). Empty when nothing
 * changed, and for a first export (the overview says everything was added).
 */
export function renderChangeTable(report: ChangeReport, options: ChangeTableOptions = {}): string {
  const total = report.counts.added + report.counts.removed + report.counts.modified
  // A first export has nothing to review: listing the whole library again would only be noise.
  if (total === 0 || report.firstExport) return ''
  const meter = new BudgetMeter(options)
  const reserve = leftOutLine(report.counts, options.fullList)
  const shown: ChangeCounts = { added: 0, removed: 0, modified: 0 }
  const parts: string[] = []
  let full = false
  for (const { kind, title } of SECTIONS) {
    const items = report[kind]
    if (!items.length || full) continue
    const head =
      `### ${title} (${number(items.length)})\n\n` + tableHead(kind, report.keyColumn) + '\n'
    const rows: string[] = []
    for (const item of items) {
      const text =
        kind === 'modified'
          ? modifiedRows(item as ModifiedComponent)
          : rowChangeRow(item as RowChange, report.keyColumn)
      const candidate = (rows.length ? '' : head) + text
      if (!meter.fits(candidate, reserve)) {
        full = true
        break
      }
      meter.add(candidate)
      rows.push(candidate)
    }
    shown[kind] = rows.length
    if (rows.length) parts.push(`${rows.join('')}\n`)
  }
  const leftOut = {
    added: report.counts.added - shown.added,
    removed: report.counts.removed - shown.removed,
    modified: report.counts.modified - shown.modified
  }
  if (leftOut.added + leftOut.removed + leftOut.modified > 0) {
    parts.push(leftOutLine(leftOut, options.fullList))
  }
  return parts.join('')
}

/** The overview and the tables, all within the budget. */
export function renderChangeSection(
  report: ChangeReport,
  options: ChangeTableOptions = {}
): string {
  const overview = renderChangeOverview(report)
  const table = renderChangeTable(report, {
    ...options,
    maxChars: options.maxChars === undefined ? undefined : options.maxChars - overview.length - 1,
    maxBytes:
      options.maxBytes === undefined
        ? undefined
        : options.maxBytes - Buffer.byteLength(overview) - 1
  })
  return table ? `${overview}\n${table}` : overview
}

function tableHead(kind: Kind, keyColumn: string): string {
  const key = escapeCell(keyColumn)
  return kind === 'modified'
    ? `| ${key} | column | before | after |\n| --- | --- | --- | --- |`
    : `| ${key} | values |\n| --- | --- |`
}

function modifiedRows(change: ModifiedComponent): string {
  return change.fields
    .map(
      (field, index) =>
        `| ${index === 0 ? keyCell(change) : ''} | ${escapeCell(field.column)} | ` +
        `${valueCell(field.before)} | ${valueCell(field.after)} |\n`
    )
    .join('')
}

function rowChangeRow(change: RowChange, keyColumn: string): string {
  const values = Object.entries(change.row ?? {})
    .filter(([column, value]) => column !== keyColumn && value !== '')
    .map(([column, value]) => `${column}: ${value}`)
    .join('; ')
  return `| ${keyCell(change)} | ${valueCell(values)} |\n`
}

function keyCell(change: { key: string; occurrence?: number }): string {
  const key = valueCell(change.key)
  return change.occurrence === undefined ? key : `${key} (row ${change.occurrence} of this key)`
}

function leftOutLine(counts: ChangeCounts, fullList?: string): string {
  const total = counts.added + counts.removed + counts.modified
  const kinds = SECTIONS.filter(({ kind }) => counts[kind] > 0).map(
    ({ kind }) => `${number(counts[kind])} ${kind}`
  )
  return (
    `_… ${number(total)} more ${total === 1 ? 'change' : 'changes'} left out ` +
    `(${kinds.join(', ')}) to stay within GitHub's size limit; ` +
    `${fullList ?? 'the JSON report beside the CSV lists every change'}._\n`
  )
}

function valueCell(value: string): string {
  return value === '' ? '_(empty)_' : escapeCell(value)
}

/**
 * Text made safe for a markdown table cell (see escapeMarkdownCell: no HTML, no Markdown, no link,
 * mention or issue reference), cut to a readable length, with line breaks shown as `<br>` (the
 * same tables go into pull-request bodies and comments).
 */
export function escapeCell(text: string): string {
  const characters = Array.from(text)
  if (characters.length <= MAX_CELL_CHARS) return escapeMarkdownCell(text, '<br>')
  const cut = escapeMarkdownCell(characters.slice(0, MAX_CELL_CHARS).join(''), '<br>')
  return `${cut} … (${number(characters.length - MAX_CELL_CHARS)} more characters)`
}

/** Inline code for names and keys outside tables; long ones are cut, empty ones said so. */
function code(text: string): string {
  if (text === '') return '_(empty)_'
  const characters = Array.from(text.replace(/`/g, "'").replace(/\r\n|\r|\n/g, ' '))
  const cut =
    characters.length > 100 ? `${characters.slice(0, 100).join('')}…` : characters.join('')
  return `\`${cut}\``
}

function components(count: number): string {
  return `${number(count)} ${count === 1 ? 'component' : 'components'}`
}

/** 12345 → "12,345", the same on every machine whatever its locale. */
export function number(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
