import { parse, type Pie } from '@mermaid-js/parser'

/** The Mermaid blocks of a Markdown text, without their fences. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1])
}

/** Parses one pie chart with Mermaid's own parser; it throws on anything it cannot read. */
export async function parsePie(block: string): Promise<Pie> {
  return parse('pie', block)
}

/** The pie titled `title` among the Mermaid blocks of `markdown`, parsed. */
export async function pieTitled(markdown: string, title: string): Promise<Pie> {
  for (const block of mermaidBlocks(markdown)) {
    if (block.startsWith('pie ')) {
      const pie = await parsePie(block)
      if (pie.title === title) return pie
    }
  }
  throw new Error(`no pie chart titled "${title}" in:\n${markdown}`)
}

/** A parsed pie's slices as `[label, value]`. */
export function slicesOf(pie: Pie): [string, number][] {
  return pie.sections.map((section) => [section.label, section.value])
}
