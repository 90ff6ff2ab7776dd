/** What GitHub accepts, so that reports are cut before GitHub refuses them. */

/** A step's job summary: GitHub refuses to upload more than 1 MiB (counted in bytes). */
export const SUMMARY_MAX_BYTES = 1024 * 1024

/** A pull-request body or an issue / pull-request comment: at most 65,536 characters. */
export const BODY_MAX_CHARS = 65_536

/** How much a markdown text may take: characters, UTF-8 bytes, or both. */
export interface TextBudget {
  maxChars?: number
  maxBytes?: number
}

/** Counts text against a budget as it is added, in characters and in UTF-8 bytes. */
export class BudgetMeter {
  private chars = 0
  private bytes = 0

  constructor(private readonly budget: TextBudget) {}

  /** Whether `text` still fits after what was added, keeping `reserve` free. */
  fits(text: string, reserve = ''): boolean {
    const { maxChars = Infinity, maxBytes = Infinity } = this.budget
    return (
      this.chars + text.length + reserve.length <= maxChars &&
      this.bytes + Buffer.byteLength(text) + Buffer.byteLength(reserve) <= maxBytes
    )
  }

  add(text: string): void {
    this.chars += text.length
    this.bytes += Buffer.byteLength(text)
  }
}
