/**
 * What GitHub would turn into an issue reference, a mention or a link in rendered Markdown: the
 * forms found outside code spans (GitHub links nothing inside code), after backslash escapes are
 * read the way Markdown reads them.
 */
export function linkableText(markdown: string): string[] {
  const text = markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    // The action's own links (to the artifact, the pull request) are not component data.
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/`[^`\n]*`/g, '')
    .replace(/\\(.)/g, '$1')
  const found = text.match(
    /(?:[\w.-]+\/[\w.-]+)?#\d+|@[A-Za-z0-9][\w-]*|\bGH-\d+|\b(?:https?|ftp):\/\/\S+|\bwww\.\S+/gi
  )
  return found ?? []
}

/** Component values that GitHub would link, reference or mention if they were left as they are. */
export const LINKABLE_VALUES = [
  'Fixes #1',
  'see acme/hardware#42',
  'tracked as GH-7',
  'ping @octocat',
  'datasheet https://evil.example/ds.pdf',
  'mirror www.evil.example',
  '#4-40 screw'
]
