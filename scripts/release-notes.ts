/**
 * `npx tsx scripts/release-notes.ts vX.Y.Z`: prints the CHANGELOG.md entry of that version, for
 * the GitHub release. Fails, saying why, when the tag is not a version, when package.json carries
 * another version, or when CHANGELOG.md has no entry for it: a release never goes out without its
 * notes. The release workflow runs it.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** `1.2.3` from `v1.2.3`; undefined for anything else. */
export function versionOfTag(tag: string): string | undefined {
  return /^v(\d+\.\d+\.\d+)$/.exec(tag)?.[1]
}

/**
 * The body of the `## [1.2.3] - date` entry (Keep a Changelog), without its heading and trimmed;
 * undefined when there is no entry or it is empty.
 */
export function changelogEntry(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/)
  const heading = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\](\\s|$)`)
  const start = lines.findIndex((line) => heading.test(line))
  if (start < 0) return undefined
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line))
  const body = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
  return body || undefined
}

/** The notes of `tag`, or the reason there are none. */
export function releaseNotes(
  tag: string,
  changelog: string,
  packageVersion: string
): { notes: string } | { problem: string } {
  const version = versionOfTag(tag)
  if (!version) return { problem: `"${tag}" is not a release tag; expected vX.Y.Z, e.g. v1.2.0.` }
  if (packageVersion !== version) {
    return {
      problem: `package.json says version ${packageVersion}, the tag ${tag}: set "version": "${version}" and tag again.`
    }
  }
  const notes = changelogEntry(changelog, version)
  if (!notes) return { problem: `CHANGELOG.md has no entry "## [${version}] - <date>" with notes.` }
  return { notes }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const tag = process.argv[2] ?? ''
  const changelog = readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8')
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  const result = releaseNotes(tag, changelog, String(version))
  if ('problem' in result) {
    console.error(result.problem)
    process.exit(1)
  }
  console.log(result.notes)
}
