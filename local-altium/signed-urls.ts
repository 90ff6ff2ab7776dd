// Download URLs are signed per request on the real gateway, so they differ on every response.
import { createHmac } from 'node:crypto'

export class SignedUrlMinter {
  private counter = 0

  constructor(
    private readonly origin: () => string,
    private readonly secret: string
  ) {}

  mint(kind: string, key: string): string {
    this.counter++
    const expires = Math.floor(Date.now() / 1000) + 3600
    const signature = createHmac('sha256', this.secret)
      .update(`${kind}|${key}|${expires}|${this.counter}`)
      .digest('hex')
      .slice(0, 32)
    const path = `${encodeURIComponent(kind)}/${encodeURIComponent(key)}`
    return `${this.origin()}/files/${path}?expires=${expires}&n=${this.counter}&signature=${signature}`
  }
}
