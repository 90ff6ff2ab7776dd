/**
 * Text from the library (names, descriptions, parameter values) made safe for a Markdown table
 * cell: one line, no HTML, no emphasis, links or code spans, and no `|` that would split the cell.
 */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!()]/g, (char) => `\\${char}`)
}
