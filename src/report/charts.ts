/**
 * The pictures of the job summary: Mermaid pie charts, which GitHub draws in a summary, a comment
 * or a pull request. Each is a few lines of text beside the tables that hold the same figures.
 */

/** One slice: what it counts, and how many. */
export interface PieSlice {
  label: string
  value: number
}

/** More slices than this read as noise: the smallest are summed into one "Other" slice. */
export const MAX_PIE_SLICES = 8

/** Longest label drawn; a longer one is cut with "…" (the tables beside the chart hold it all). */
const MAX_LABEL_CHARS = 40

/**
 * A Mermaid pie chart in a fenced block, largest slice first, with the values in its legend
 * (`showData`). Empty when there is nothing to draw: no slice with a count above zero.
 */
export function pieChart(
  title: string,
  slices: readonly PieSlice[],
  maxSlices = MAX_PIE_SLICES
): string[] {
  const counted = slices
    .map((slice) => ({ label: chartLabel(slice.label), value: Math.round(slice.value) }))
    .filter((slice) => Number.isFinite(slice.value) && slice.value > 0)
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
  if (counted.length === 0) return []
  const shown = counted.length > maxSlices ? counted.slice(0, maxSlices - 1) : counted
  const rest = counted.slice(shown.length)
  if (rest.length) {
    shown.push({
      label: `Other (${rest.length} more)`,
      value: rest.reduce((sum, slice) => sum + slice.value, 0)
    })
  }
  return [
    '```mermaid',
    `pie showData title ${chartLabel(title)}`,
    ...distinct(shown.map((slice) => slice.label)).map(
      (label, i) => `    "${label}" : ${shown[i].value}`
    ),
    '```'
  ]
}

/**
 * Text from the server (a lifecycle state, a rule) made safe to draw: one line, no quote that
 * would end the label, nothing Mermaid reads inside a diagram (`#…;` entities, `%%` comments and
 * `%%{…}%%` directives, `;` statement ends), no HTML, and nothing that would end the Markdown
 * code block (backticks). Those characters become their full-width look-alikes, so the label still reads
 * the same. An empty label is drawn as "(none)".
 */
export function chartLabel(text: string): string {
  const oneLine = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/["#%;`{}<>&\\]/g, (char) =>
      String.fromCharCode(char.charCodeAt(0) + FULL_WIDTH_OFFSET)
    )
    .replace(/\s+/g, ' ')
    .trim()
  if (oneLine === '') return '(none)'
  const characters = Array.from(oneLine)
  return characters.length > MAX_LABEL_CHARS
    ? `${characters.slice(0, MAX_LABEL_CHARS - 1).join('')}…`
    : oneLine
}

/** From an ASCII sign (`!` to `~`) to its full-width form (U+FF01 to U+FF5E). */
const FULL_WIDTH_OFFSET = 0xfee0

/** Mermaid keeps one slice per label: labels the cleaning made equal get a number. */
function distinct(labels: string[]): string[] {
  const seen = new Set<string>()
  return labels.map((label) => {
    let unique = label
    for (let n = 2; seen.has(unique); n++) unique = `${label} (${n})`
    seen.add(unique)
    return unique
  })
}
