import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { PROJECT_ROOT } from '../../scripts/runner.js'

const README_MAX_LINES = 350

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8')

/** The Markdown files whose links must resolve, relative to the project root. */
const DOC_FILES = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  'CHANGELOG.md',
  ...readdirSync(path.join(PROJECT_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`)
]

/** The text outside fenced code blocks: a `# comment` in YAML is no heading, a `[x](y)` no link. */
function withoutFences(markdown: string): string[] {
  let fence: string | undefined
  return markdown.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence === undefined && marker) {
      fence = marker
      return ''
    }
    if (fence !== undefined) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined
      return ''
    }
    return line
  })
}

/**
 * GitHub's anchor for a heading: lower case, each space a `-`, punctuation other than `-` and `_`
 * dropped (backticks and emphasis too), and `-1`, `-2`… after a slug already taken in the file.
 */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>()
  const seen = new Map<string, number>()
  for (const line of withoutFences(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1]
    if (heading === undefined) continue
    const base = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    slugs.add(count === 0 ? base : `${base}-${count}`)
  }
  return slugs
}

/** Code spans out: a run of backticks up to the next run of the same length. */
const withoutCodeSpans = (text: string) => text.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '')

/**
 * Every inline link target in the file, outside code blocks and code spans. A code span may wrap
 * onto the next line of a paragraph, but never leaves a table cell (an empty default, two
 * backticks, must not swallow the rows below it).
 */
function linkTargets(markdown: string): string[] {
  const prose = withoutFences(markdown)
    .join('\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block.split('\n').every((line) => line.trimStart().startsWith('|'))
        ? block.split('\n').map(withoutCodeSpans).join('\n')
        : withoutCodeSpans(block)
    )
    .join('\n\n')
  return [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1])
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target)

/** What is wrong with a link from `from` (a project-relative file) to `target`, if anything. */
function brokenLink(from: string, target: string): string | undefined {
  const [file, anchor] = target.split('#', 2) as [string, string | undefined]
  const resolved =
    file === '' ? from : path.posix.normalize(path.posix.join(path.posix.dirname(from), file))
  const absolute = path.join(PROJECT_ROOT, resolved)
  if (resolved.startsWith('..') || !existsSync(absolute)) return `${target}: no file ${resolved}`
  if (anchor === undefined || anchor === '') return undefined
  if (statSync(absolute).isDirectory() || !resolved.endsWith('.md')) {
    return `${target}: #${anchor} points into ${resolved}, which has no headings`
  }
  if (!headingSlugs(read(resolved)).has(anchor)) {
    return `${target}: ${resolved} has no heading whose anchor is #${anchor}`
  }
  return undefined
}

/** The source files whose comments may point at a docs page. */
function sourceFiles(folder: string): string[] {
  const absolute = path.join(PROJECT_ROOT, folder)
  if (!existsSync(absolute)) return []
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`
    if (entry.isDirectory()) return sourceFiles(relative)
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [relative] : []
  })
}

describe('the documentation', () => {
  it('keeps the README short: the depth lives in docs/', () => {
    const lines = read('README.md').replace(/\n$/, '').split('\n').length
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES)
  })

  it.each(DOC_FILES)('%s links only to files and headings that exist', (file) => {
    const broken = linkTargets(read(file))
      .filter((target) => !isExternal(target))
      .map((target) => brokenLink(file, target))
      .filter((problem) => problem !== undefined)
    expect(broken).toEqual([])
  })

  it('links every docs page from the README', () => {
    const linked = new Set(
      linkTargets(read('README.md'))
        .filter((target) => !isExternal(target))
        .map((target) => target.split('#')[0])
    )
    const pages = DOC_FILES.filter((file) => file.startsWith('docs/'))
    expect(pages.filter((page) => !linked.has(page))).toEqual([])
  })

  it('has the code point at docs sections that exist', () => {
    const files = ['src', 'scripts', 'local-altium', 'local-github', '__tests__'].flatMap(
      sourceFiles
    )
    const broken = files.flatMap((file) =>
      [...read(file).matchAll(/\bdocs\/[\w.-]+\.md(?:#[\w-]+)?/g)]
        .map((m) => brokenLink('README.md', m[0]))
        .filter((problem) => problem !== undefined)
        .map((problem) => `${file}: ${problem}`)
    )
    expect(files.length).toBeGreaterThan(50)
    expect(broken).toEqual([])
  })

  it('finds links in prose and tables, not in code', () => {
    const markdown = [
      'See [one](a.md) and `[not](b.md)`.',
      '',
      '| input | default | meaning |',
      '| ----- | ------- | ------- |',
      '| `x`   | ``      | see [two](c.md#d) |',
      '| `y`   | ``      | and [three](e.md) |',
      '',
      '```md',
      '[four](f.md)',
      '```'
    ].join('\n')
    expect(linkTargets(markdown)).toEqual(['a.md', 'c.md#d', 'e.md'])
  })

  it('reads anchors the way GitHub makes them', () => {
    const slugs = headingSlugs(
      [
        '# Design',
        '## The trend: `history` in the JSON report',
        '## GitHub: tokens, comments and files',
        '```yaml',
        '# Not a heading',
        '```',
        '## Design'
      ].join('\n')
    )
    expect([...slugs]).toEqual([
      'design',
      'the-trend-history-in-the-json-report',
      'github-tokens-comments-and-files',
      'design-1'
    ])
  })
})
