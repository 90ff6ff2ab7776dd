/**
 * The branch name without a `refs/heads/` prefix, or undefined when git would refuse it as a branch
 * (the rules of `git check-ref-format --branch`).
 */
export function normaliseBranchName(text: string): string | undefined {
  const name = text.trim().replace(/^refs\/heads\//, '')
  const refused =
    name === '' ||
    name === '@' ||
    name.startsWith('-') ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.endsWith('.lock') ||
    name.includes('..') ||
    name.includes('//') ||
    name.includes('@{') ||
    name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock')) ||
    // eslint-disable-next-line no-control-regex
    /[\x00-\x20\x7f~^:?*[\\]/.test(name)
  return refused ? undefined : name
}
