/**
 * The job summary (Markdown made for GitHub) as plain lines for a terminal: headings underlined,
 * tables as aligned columns, the Markdown escapes and HTML taken out, pictures (Mermaid blocks)
 * left to the web page. The caller still prints each line inert.
 */
export function markdownAsText(markdown: string): string[] {
  const lines = markdown.split(/\r?\n/)
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const fence = /^\s*(```|~~~)/.exec(line)
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && l.trimStart().startsWith(fence[1]))
      const block = lines.slice(i + 1, end === -1 ? lines.length : end)
      // A picture is for the web page; other code blocks are shown as they are.
      if (!/^\s*```\s*mermaid/.test(line)) out.push(...block.map((l) => `    ${l}`))
      i = end === -1 ? lines.length : end
      continue
    }
    if (line.trimStart().startsWith('|')) {
      const rows: string[] = []
      while (i < lines.length && lines[i].trimStart().startsWith('|')) rows.push(lines[i++])
      i--
      out.push(...tableAsText(rows))
      continue
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      const text = inline(heading[2])
      out.push(text, (heading[1].length <= 2 ? '=' : '-').repeat(text.length))
      continue
    }
    const alert = /^>\s*\[!(\w+)\]\s*$/.exec(line)
    if (alert) {
      out.push(`${alert[1][0]}${alert[1].slice(1).toLowerCase()}:`)
      continue
    }
    const quote = /^>\s?(.*)$/.exec(line)
    if (quote) {
      out.push(`  ${inline(quote[1])}`)
      continue
    }
    const summary = /<summary>(.*?)<\/summary>/i.exec(line)
    if (summary) {
      out.push(`${inline(summary[1])}:`)
      continue
    }
    const text = inline(line)
    // A line that held only HTML (`</details>`) leaves nothing worth a line.
    if (text.trim() === '' && line.trim() !== '') continue
    out.push(text)
  }
  // One blank line at most between blocks, none at either end.
  const tidy: string[] = []
  for (const line of out) {
    if (line.trim() !== '' || (tidy.length && tidy[tidy.length - 1].trim() !== '')) tidy.push(line)
  }
  while (tidy.length && tidy[tidy.length - 1].trim() === '') tidy.pop()
  return tidy
}

/** A Markdown table as columns padded to the widest cell; the `---` row and empty headers go. */
function tableAsText(rows: string[]): string[] {
  const cells = rows
    .map(splitRow)
    .filter((row) => !row.every((cell) => /^:?-{3,}:?$/.test(cell.trim())))
    .map((row) => row.map(inline))
  const table = cells.filter((row) => row.some((cell) => cell.trim() !== ''))
  const widths: number[] = []
  for (const row of table) {
    row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, [...cell].length)))
  }
  return table.map((row) =>
    row
      .map((cell, c) =>
        c === row.length - 1 ? cell : cell + ' '.repeat(widths[c] - [...cell].length)
      )
      .join('  ')
      .trimEnd()
  )
}

/** The cells of `| a | b \| c |`: split on the bars that are not escaped. */
function splitRow(row: string): string[] {
  const cells: string[] = []
  let cell = ''
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '')
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && i + 1 < body.length) {
      cell += body[i] + body[++i]
    } else if (body[i] === '|') {
      cells.push(cell.trim())
      cell = ''
    } else {
      cell += body[i]
    }
  }
  cells.push(cell.trim())
  return cells
}

/** Inline Markdown as the text it shows: no code marks, emphasis, tags or escapes. */
function inline(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([\\`*_[\]|~#!()<>{}+\-.])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/\u2060/g, '')
}
