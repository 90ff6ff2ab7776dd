/** Who a commit is from: used as both author and committer. */
export interface CommitIdentity {
  name: string
  email: string
}

/** GitHub's own bot, as commits made with GITHUB_TOKEN show it. */
export const BOT_IDENTITY: CommitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com'
}

/**
 * `Name <email>` → identity, or undefined when the text is not of that shape (git itself would
 * refuse angle brackets or line breaks inside the name or the address).
 */
export function parseIdentity(text: string): CommitIdentity | undefined {
  const match = /^([^<>\r\n]+?)\s*<([^<>\s@]+@[^<>\s@]+)>$/.exec(text.trim())
  if (!match) return undefined
  return { name: match[1].trim(), email: match[2] }
}

export function formatIdentity(identity: CommitIdentity): string {
  return `${identity.name} <${identity.email}>`
}
