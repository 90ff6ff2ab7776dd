import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { ActionRun } from '../../scripts/runner.js'

/** The files under `folder`; symbolic links are not followed (one may lead nowhere). */
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name)
    const stats = lstatSync(full)
    if (stats.isSymbolicLink()) return []
    return stats.isDirectory() ? filesUnder(full) : [full]
  })
}

/**
 * Every place a secret could leak from a run: stdout (less the runner's `::add-mask::` commands,
 * which are how masking works), stderr, the summary, the outputs, and every file the run left in
 * the workspace or the runner's folder. Returns where each secret was found.
 */
export function findLeaks(run: ActionRun, secrets: string[]): string[] {
  const places: [string, string][] = [
    [
      'stdout',
      run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n')
    ],
    ['stderr', run.stderr],
    ['summary', run.summary],
    ['outputs', JSON.stringify(run.outputs)],
    ...[...filesUnder(run.workspace), ...filesUnder(run.runnerTemp)].map(
      (file): [string, string] => [file, readFileSync(file, 'utf8')]
    )
  ]
  const leaks: string[] = []
  for (const secret of secrets.filter((s) => s.length >= 6)) {
    // As given, and as a server echoing a form body or a URL would spell it.
    const spellings = new Set([
      secret,
      new URLSearchParams({ s: secret }).toString().slice(2),
      encodeURIComponent(secret)
    ])
    for (const [place, text] of places) {
      if ([...spellings].some((spelling) => text.includes(spelling))) leaks.push(`${place}`)
    }
  }
  return leaks
}
