import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import path from 'node:path'

export interface FileContent {
  path: string
  /** The text, whole or in pieces (written one after another, never joined). */
  content: string | Iterable<string>
}

/**
 * Writes every file to a temporary name beside its target first and renames them only once all
 * are written, so a failed run leaves neither a partial file nor a half-updated pair.
 */
export async function writeFilesAtomically(files: FileContent[]): Promise<void> {
  const staged: { temporary: string; target: string }[] = []
  const renamed: string[] = []
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true })
      const temporary = path.join(
        path.dirname(file.path),
        `.${path.basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`
      )
      staged.push({ temporary, target: file.path })
      await writeText(temporary, file.content)
    }
    for (const { temporary, target } of staged) {
      await rename(temporary, target)
      renamed.push(target)
    }
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })))
    throw new FileWriteError(files, renamed, error)
  }
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
      ? `Only ${replaced.join(' and ')} was replaced.`
      : 'The previous files are unchanged.'
    super(
      `Could not write ${files.map((file) => file.path).join(' and ')} (${code}). ${kept} ` +
        'Check that the folder is writable and the disk has space.'
    )
  }
}
