/**
 * Text from the library (names, descriptions, parameter values) made safe for a Markdown table
 * cell: one line (line breaks become `lineBreak`), no HTML, no emphasis, links or code spans, no
 * `|` that would split the cell, and nothing GitHub turns into a link, a mention or a
 * cross-reference (see `neutraliseReferences`). Text without any of these comes out unchanged.
 */
export function escapeMarkdownCell(text: string, lineBreak = ' '): string {
  return text
    .split(WEB_ADDRESS)
    .map((part, i) => (i % 2 === 1 ? codeSpan(part) : escapeText(part)))
    .join('')
    .replace(/\r\n|\r|\n/g, lineBreak)
}

/**
 * Text shown as inline code in a table cell (a path, a filter): GitHub links nothing in code. A
 * backtick would end the span early and a line break the row, so they are replaced.
 */
export function codeSpan(text: string): string {
  return `\`${text
    .replace(/`/g, "'")
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\|/g, '\\|')}\``
}

/**
 * A web address as GitHub's autolinking finds one in text: a scheme and `//`, or `www.`. The group
 * makes `split` keep it. It stops at what cannot be in the code span it becomes.
 */
const WEB_ADDRESS = /((?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>`|\\]+)/i

/** An invisible character that joins without a break; it splits a reference without showing. */
export const WORD_JOINER = '\u2060'

/**
 * GitHub reads `#1`, `owner/repo#42`, `GH-7` as references to issues, and `@name` as a mention
 * (of a user or a team), on the rendered text: a backslash does not stop it. A word joiner after
 * `#` or `@` (and inside `GH-7`) does, and leaves the text as it reads ("#4-40 screw").
 */
export function neutraliseReferences(text: string): string {
  return text
    .replace(/([#@])(?=[\p{L}\p{N}_])/gu, `$1${WORD_JOINER}`)
    .replace(/\b(GH-)(?=\d)/gi, `$1${WORD_JOINER}`)
}

function escapeText(text: string): string {
  return neutraliseReferences(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!()]/g, (char) => `\\${char}`)
}
