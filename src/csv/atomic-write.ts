import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

export interface FileContent {
  path: string
  content: string
}

/**
 * Writes every file to a temporary name beside its target first and renames them only once all
 * are written, so a failed run leaves neither a partial file nor a half-updated pair.
 */
export async function writeFilesAtomically(files: FileContent[]): Promise<void> {
  const staged: { temporary: string; target: string }[] = []
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true })
      const temporary = path.join(
        path.dirname(file.path),
        `.${path.basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`
      )
      staged.push({ temporary, target: file.path })
      await writeFile(temporary, file.content, { flag: 'wx' })
    }
    for (const { temporary, target } of staged) await rename(temporary, target)
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })))
    throw error
  }
}
