import * as core from '@actions/core'

/**
 * The one place that prints. It knows every secret the run has seen and blanks them out of any
 * text before it reaches the log, on top of the runner's own masking (which only works on GitHub).
 */
export class Logger {
  private readonly secrets = new Set<string>()

  /** Registers a credential or token: masked by the runner and redacted here from now on. */
  addSecret(value: string | undefined): void {
    if (!value || this.secrets.has(value)) return
    this.secrets.add(value)
    core.setSecret(value)
  }

  redact(text: string): string {
    let result = text
    for (const secret of this.secrets) result = result.split(secret).join('***')
    return result
  }

  info(message: string): void {
    core.info(this.redact(message))
  }

  debug(message: string): void {
    core.debug(this.redact(message))
  }

  warning(message: string, properties?: core.AnnotationProperties): void {
    core.warning(this.redact(message), properties)
  }

  error(message: string, properties?: core.AnnotationProperties): void {
    core.error(this.redact(message), properties)
  }

  fail(message: string): void {
    core.setFailed(this.redact(message))
  }

  setOutput(name: string, value: string | number): void {
    core.setOutput(name, this.redact(String(value)))
  }

  /** Appends to the job summary, or prints it where the run has no summary file (a laptop). */
  async writeSummary(markdown: string, summaryFileAvailable: boolean): Promise<void> {
    if (!summaryFileAvailable) {
      this.info(markdown)
      return
    }
    await core.summary.addRaw(this.redact(markdown), true).write()
  }
}
