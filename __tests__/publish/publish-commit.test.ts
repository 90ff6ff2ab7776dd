/**
 * `publish: commit` against real repositories on disk: a bare remote, the action's shallow clone,
 * and a second clone that pushes in between. Git runs with no identity configured, as on a fresh
 * runner.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { Logger } from '../../src/logger.js'
import { BOT_IDENTITY } from '../../src/git/commit-identity.js'
import { MAX_PUSH_RETRIES, publishCommit, type CommitRequest } from '../../src/publish/commit.js'
import { Git } from '../../src/git/git.js'
import { PublishError, type BranchPublishResult } from '../../src/publish/publish-result.js'
import {
  ALWAYS_MOVING_HOOK,
  branchesOf,
  cloneForAction,
  commitFiles,
  createRemote,
  GH006_HOOK,
  git,
  gitEnv,
  historyOf,
  installPreReceiveHook,
  pushFromElsewhere,
  remoteFile,
  type Remote
} from '../helpers/git-repos.js'

const CSV = 'library_components.csv'
const REPORT = 'library_components.report.json'
const BOT = `${BOT_IDENTITY.name} <${BOT_IDENTITY.email}>`
const OLD_CSV = 'name,revision\nR-0001,1\nR-0002,1\n'
const NEW_CSV = 'name,revision\nR-0001,2\nR-0002,1\nR-0003,1\n'

/** A remote whose main holds an earlier export (and a README). */
function remoteWithEarlierExport(): Remote {
  return createRemote({ [CSV]: OLD_CSV, [REPORT]: '{"components":2}\n' })
}

/** Writes the export as the export stage would, and returns the file paths. */
function writeExport(clone: string, csv: string, folder = ''): string[] {
  const files = [path.join(clone, folder, CSV), path.join(clone, folder, REPORT)]
  writeFileSync(files[0], csv)
  writeFileSync(files[1], `{"components":${csv.trim().split('\n').length - 1}}\n`)
  return files
}

async function commitExport(
  clone: string,
  files: string[],
  request: Partial<CommitRequest> = {}
): Promise<BranchPublishResult> {
  const logger = new Logger()
  const git = new Git({
    cwd: clone,
    env: gitEnv(),
    logger,
    token: '',
    serverUrl: 'https://github.com'
  })
  return publishCommit(
    git,
    {
      files,
      message: 'chore(library): update Altium library export',
      identity: BOT_IDENTITY,
      branch: '',
      headRef: '',
      ...request
    },
    logger
  )
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(PublishError)
    return (error as Error).message
  }
  throw new Error('expected the publish to fail')
}

describe('publish: commit', () => {
  it('commits only the CSV and the report as github-actions[bot] and pushes them', async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote)
    const before = historyOf(remote.bare)[0].sha
    // Other work in the checkout, staged and unstaged, stays out of the commit.
    writeFileSync(path.join(clone, 'README.md'), '# Edited by an earlier step\n')
    writeFileSync(path.join(clone, 'notes.txt'), 'staged by an earlier step\n')
    git(clone, ['add', 'notes.txt'])

    const result = await commitExport(clone, writeExport(clone, NEW_CSV))

    const [commit, parent] = historyOf(remote.bare)
    expect(result).toMatchObject({ changed: true, commitSha: commit.sha })
    expect(commit).toMatchObject({
      parents: [before],
      author: BOT,
      committer: BOT,
      subject: 'chore(library): update Altium library export'
    })
    expect(commit.files.sort()).toEqual([CSV, REPORT])
    expect(parent.sha).toBe(before)
    expect(remoteFile(remote.bare, 'main', CSV)).toBe(NEW_CSV)
    expect(remoteFile(remote.bare, 'main', 'notes.txt')).toBeUndefined()
    expect(readFileSync(path.join(clone, 'README.md'), 'utf8')).toBe(
      '# Edited by an earlier step\n'
    )
    expect(git(clone, ['diff', '--cached', '--name-only']).trim()).toBe('notes.txt')
  })

  it('uses commit-author as author and committer', async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote)
    const identity = { name: 'Library Bot', email: 'library-bot@example.com' }
    await commitExport(clone, writeExport(clone, NEW_CSV), { identity })
    expect(historyOf(remote.bare)[0]).toMatchObject({
      author: 'Library Bot <library-bot@example.com>',
      committer: 'Library Bot <library-bot@example.com>'
    })
  })

  it('adds the files on the first export, in a folder of the repository', async () => {
    const remote = createRemote({ 'exports/.gitkeep': '' })
    const clone = cloneForAction(remote)
    const result = await commitExport(clone, writeExport(clone, NEW_CSV, 'exports'))
    expect(result.changed).toBe(true)
    expect(historyOf(remote.bare)[0].files.sort()).toEqual([`exports/${CSV}`, `exports/${REPORT}`])
  })

  it('makes no commit and says changed=false when the export is unchanged', async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote)
    const files = writeExport(clone, OLD_CSV)
    writeFileSync(files[1], '{"components":2}\n')
    const before = historyOf(remote.bare)

    const result = await commitExport(clone, files)

    expect(result).toEqual({ changed: false, description: expect.stringMatching(/unchanged/) })
    expect(historyOf(remote.bare)).toEqual(before)
    expect(git(clone, ['rev-parse', 'HEAD']).trim()).toBe(before[0].sha)
  })

  it('fetches, rebases and pushes again when someone pushed in between', async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote)
    const theirs = pushFromElsewhere(remote, { 'board/power.sch': 'v2\n' }, 'Rework power stage')

    const result = await commitExport(clone, writeExport(clone, NEW_CSV))

    const [ours, next] = historyOf(remote.bare)
    expect(next.sha).toBe(theirs)
    expect(ours.parents).toEqual([theirs])
    expect(ours.files.sort()).toEqual([CSV, REPORT])
    expect(ours.author).toBe(BOT)
    expect(result).toMatchObject({ changed: true, commitSha: ours.sha })
    expect(remoteFile(remote.bare, 'main', 'board/power.sch')).toBe('v2\n')
    expect(remoteFile(remote.bare, 'main', CSV)).toBe(NEW_CSV)
  })

  it('keeps exactly this export when another export changed the same file meanwhile', async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote)
    // Another run changed one line this run left alone, and one this run changed differently.
    const other = 'name,revision\nR-0001,3\nR-0002,5\n'
    pushFromElsewhere(remote, { [CSV]: other }, 'Another export')

    const result = await commitExport(clone, writeExport(clone, NEW_CSV))

    expect(result.changed).toBe(true)
    expect(remoteFile(remote.bare, 'main', CSV)).toBe(NEW_CSV)
    const [ours, theirs] = historyOf(remote.bare)
    expect(ours.parents).toEqual([theirs.sha])
    expect(theirs.subject).toBe('Another export')
  })

  it('says changed=false when the branch received this very export meanwhile', async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote)
    const files = writeExport(clone, NEW_CSV)
    const same = { [CSV]: NEW_CSV, [REPORT]: readFileSync(files[1], 'utf8') }
    const theirs = pushFromElsewhere(remote, same, 'The same export from a parallel job')

    const result = await commitExport(clone, files)

    expect(result.changed).toBe(false)
    expect(result.commitSha).toBeUndefined()
    expect(historyOf(remote.bare)[0].sha).toBe(theirs)
  })

  it(`gives up with a clear error after ${MAX_PUSH_RETRIES} retries when the branch keeps moving`, async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote)
    installPreReceiveHook(remote.bare, ALWAYS_MOVING_HOOK)

    const message = await failureOf(commitExport(clone, writeExport(clone, NEW_CSV)))

    expect(message).toMatch(
      /push to branch 'main' was rejected 4 times because the branch kept moving.*concurrency:/
    )
    const history = historyOf(remote.bare)
    expect(history.filter((c) => c.subject === 'Meanwhile')).toHaveLength(4)
    expect(history.some((c) => c.author === BOT)).toBe(false)
  })

  it('explains a protected-branch refusal (GH006), naming the branch, permissions and the pull-request mode', async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote)
    installPreReceiveHook(remote.bare, GH006_HOOK)
    const before = historyOf(remote.bare)

    const message = await failureOf(commitExport(clone, writeExport(clone, NEW_CSV)))

    expect(message).toMatch(/push to branch 'main' was refused by branch protection or a ruleset/)
    expect(message).toContain('`permissions: contents: write`')
    expect(message).toContain('`publish: pull-request`')
    expect(message).toContain('GH006: Protected branch update failed for refs/heads/main')
    expect(historyOf(remote.bare)).toEqual(before)
  })

  describe('on a detached HEAD', () => {
    it('refuses with a message that says to set branch when no branch is known', async () => {
      const remote = remoteWithEarlierExport()
      const clone = cloneForAction(remote, { detached: true })
      const message = await failureOf(commitExport(clone, writeExport(clone, NEW_CSV)))
      expect(message).toMatch(/HEAD is detached.*Set 'branch'/)
      expect(git(clone, ['log', '--format=%an', '-1']).trim()).not.toBe(BOT_IDENTITY.name)
    })

    it("pushes to the pull request's head branch (GITHUB_HEAD_REF)", async () => {
      const remote = remoteWithEarlierExport()
      pushFromElsewhere(remote, { 'board/power.sch': 'v3\n' }, 'Feature work', 'main')
      git(remote.seed, ['push', '--quiet', 'origin', 'HEAD:refs/heads/feature/new-regulator'])
      const clone = cloneForAction(remote, { branch: 'feature/new-regulator', detached: true })

      const result = await commitExport(clone, writeExport(clone, NEW_CSV), {
        headRef: 'feature/new-regulator'
      })

      const [ours] = historyOf(remote.bare, 'feature/new-regulator')
      expect(result.commitSha).toBe(ours.sha)
      expect(ours.files.sort()).toEqual([CSV, REPORT])
      expect(remoteFile(remote.bare, 'main', CSV)).toBe(OLD_CSV)
    })

    it('pushes to the branch input, creating it', async () => {
      const remote = remoteWithEarlierExport()
      const clone = cloneForAction(remote, { detached: true })
      const result = await commitExport(clone, writeExport(clone, NEW_CSV), {
        branch: 'library-snapshots',
        headRef: 'ignored-when-branch-is-set'
      })
      expect(branchesOf(remote.bare).sort()).toEqual(['library-snapshots', 'main'])
      expect(historyOf(remote.bare, 'library-snapshots')[0].sha).toBe(result.commitSha)
      expect(remoteFile(remote.bare, 'library-snapshots', CSV)).toBe(NEW_CSV)
    })
  })

  it('says the files must be in a checkout when the workspace is not a repository', async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote)
    const files = writeExport(clone, NEW_CSV)
    rmSync(path.join(clone, '.git'), { recursive: true })
    const message = await failureOf(commitExport(clone, files))
    expect(message).toMatch(/is not inside a git checkout.*actions\/checkout/)
  })

  it('leaves the commits of earlier steps in place and pushes them along', async () => {
    const remote = remoteWithEarlierExport()
    const clone = cloneForAction(remote, { shallow: false })
    const earlier = commitFiles(clone, { 'board/bom.txt': 'bom\n' }, 'An earlier step')
    pushFromElsewhere(remote, { 'board/power.sch': 'v2\n' }, 'Rework power stage')

    await commitExport(clone, writeExport(clone, NEW_CSV))

    const subjects = historyOf(remote.bare).map((c) => c.subject)
    expect(subjects.slice(0, 3)).toEqual([
      'chore(library): update Altium library export',
      'An earlier step',
      'Rework power stage'
    ])
    expect(historyOf(remote.bare)[1].sha).not.toBe(earlier)
    expect(historyOf(remote.bare)[1].author).toBe('Hardware Dev <dev@example.com>')
  })
})
