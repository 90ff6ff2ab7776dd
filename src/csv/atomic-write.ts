import { randomBytes } from 'node:crypto'
import { copyFile, link, mkdir, open, rename, rm } from 'node:fs/promises'
import path from 'node:path'

export interface FileContent {
  path: string
  /** The text, whole or in pieces (written one after another, never joined). */
  content: string | Iterable<string>
}

/**
 * Replaces the files together: every file is first written to a temporary name beside its target,
 * and only then renamed over it. Before a target is replaced, a hard link keeps its old content;
 * should a later rename fail, the files already replaced get their old content back. A failure at
 * any point leaves all the old files (or, when the last rename went through, all the new ones),
 * never a partial file or a mix of old and new.
 */
export async function writeFilesAtomically(files: FileContent[]): Promise<void> {
  const staged: Staged[] = []
  const replaced: Staged[] = []
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true })
      const temporary = besideTarget(file.path, 'tmp')
      staged.push({ temporary, target: file.path, backup: besideTarget(file.path, 'old') })
      await writeText(temporary, file.content)
    }
    for (const file of staged) {
      file.hadTarget = await keepOldContent(file.target, file.backup)
      await rename(file.temporary, file.target)
      replaced.push(file)
    }
  } catch (error) {
    const restored = await restore(replaced)
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })))
    throw new FileWriteError(files, restored ? [] : replaced.map((f) => f.target), error)
  } finally {
    await Promise.all(staged.map(({ backup }) => rm(backup, { force: true })))
  }
}

interface Staged {
  temporary: string
  target: string
  /** Where the target's old content is kept until every file is in place. */
  backup: string
  /** Whether there was a file at the target to keep. */
  hadTarget?: boolean
}

function besideTarget(target: string, kind: 'tmp' | 'old'): string {
  const name = `.${path.basename(target)}.${randomBytes(6).toString('hex')}.${kind}`
  return path.join(path.dirname(target), name)
}

/** A second name for the target's content (no copy); false when there is no file to keep. */
async function keepOldContent(target: string, backup: string): Promise<boolean> {
  try {
    await link(target, backup)
    return true
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ENOENT') return false
    // A file system without hard links: a copy does the same job.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
      await copyFile(target, backup)
      return true
    }
    throw error
  }
}

/** Puts the old content back where a new file already replaced it; false if that failed too. */
async function restore(replaced: Staged[]): Promise<boolean> {
  let restored = true
  for (const file of replaced.reverse()) {
    try {
      if (file.hadTarget) await rename(file.backup, file.target)
      else await rm(file.target, { force: true })
    } catch {
      restored = false
    }
  }
  return restored
}

async function writeText(file: string, content: string | Iterable<string>): Promise<void> {
  const handle = await open(file, 'wx')
  try {
    // writeFile continues from where the piece before it ended.
    for (const piece of typeof content === 'string' ? [content] : content) {
      await handle.writeFile(piece)
    }
  } finally {
    await handle.close()
  }
}

/** The files could not be written; whatever was there before is as it was. */
export class FileWriteError extends Error {
  override name = 'FileWriteError'
  constructor(files: FileContent[], replaced: string[], cause: unknown) {
    const code = (cause as { code?: string })?.code ?? (cause as Error)?.message ?? String(cause)
    const kept = replaced.length
      ? `Only ${replaced.join(' and ')} was replaced, and could not be put back.`
      : 'The previous files are unchanged.'
    super(
      `Could not write ${files.map((file) => file.path).join(' and ')} (${code}). ${kept} ` +
        'Check that the folder is writable and the disk has space.'
    )
  }
}
