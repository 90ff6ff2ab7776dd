import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { actionsSink } from '../src/log-sinks.js'
import { inertLine, Logger, secretSpellings } from '../src/logger.js'

/** What the logger wrote to stdout, line by line, while `act` ran. */
function printed(act: () => void): string[] {
  const lines: string[] = []
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split(/\r?\n/).slice(0, -1))
      return true
    })
  try {
    act()
  } finally {
    write.mockRestore()
  }
  return lines
}

describe('one inert line', () => {
  it.each([
    ['ACME HW\n::stop-commands::pwned', 'ACME HW\\n::stop-commands::pwned'],
    ['a\r\n::warning title=Forged::x', 'a\\r\\n::warning title=Forged::x'],
    [
      'bell\u0007 escape\u001b[31m del\u007f c1\u0085',
      'bell\\u0007 escape\\u001b[31m del\\u007f c1\\u0085'
    ],
    ['line\u2028separator\u2029paragraph', 'line\\u2028separator\\u2029paragraph'],
    ['tab\tstays', 'tab\tstays']
  ])('writes the control characters of %j as escapes', (text, line) => {
    expect(inertLine(text)).toBe(line)
  })

  it.each([
    ['::stop-commands::pwned', '> ::stop-commands::pwned'],
    ['  ::error::forged', '>   ::error::forged'],
    ['\u00a0::error::forged', '> \u00a0::error::forged'],
    ['\n::error::forged', '\\n::error::forged']
  ])('keeps %j from starting a line with ::', (text, line) => {
    expect(inertLine(text)).toBe(line)
  })

  it('breaks up the old ##[command] form anywhere in the line', () => {
    expect(inertLine('Resistor ##[add-mask]x and ###[error]y')).toBe(
      'Resistor # #[add-mask]x and ## #[error]y'
    )
  })

  it('leaves ordinary text alone, colons included', () => {
    const text = 'Request 2 of 8 failed: http://127.0.0.1:80/graphql answered HTTP 503; C::D'
    expect(inertLine(text)).toBe(text)
  })
})

describe('the logger', () => {
  let logger: Logger
  beforeEach(() => {
    // The runner's sink, which the unit tests' setup replaces for every other Logger.
    logger = new Logger(actionsSink)
  })
  afterEach(() => {
    delete process.env.GITHUB_OUTPUT
  })

  it('prints server text on one line that no runner reads as a command', () => {
    const lines = printed(() => {
      logger.info('Endpoint discovery: ACME HW\n::stop-commands::pwned is hosted in Europe')
      logger.info('::set-output name=x::y')
      logger.warning('The server said\n::error::forged')
    })
    expect(lines).toEqual([
      'Endpoint discovery: ACME HW\\n::stop-commands::pwned is hosted in Europe',
      '> ::set-output name=x::y',
      '::warning::The server said\\n::error::forged'
    ])
  })

  it('makes a failure message and an annotation title one line too', () => {
    const lines = printed(() => {
      logger.fail('The token endpoint said: bad\n::add-mask::x')
      logger.error('finding', { title: 'rule\n::stop-commands::t', file: 'a.csv', startLine: 2 })
    })
    expect(lines).toEqual([
      '::error::The token endpoint said: bad\\n::add-mask::x',
      '::error title=rule\\n%3A%3Astop-commands%3A%3At,file=a.csv,line=2::finding'
    ])
    process.exitCode = 0
  })

  it('prints a summary line by line where there is no summary file, each line inert', async () => {
    const lines: string[] = []
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        lines.push(...String(chunk).split(/\r?\n/).slice(0, -1))
        return true
      })
    try {
      await logger.writeSummary('## Export\n\n| a | b |\n::stop-commands::x\n', false)
    } finally {
      write.mockRestore()
    }
    expect(lines).toEqual(['## Export', '', '| a | b |', '> ::stop-commands::x', ''])
  })

  it('redacts a secret that contains another whole, in every spelling, and masks each spelling', () => {
    const lines = printed(() => {
      logger.addSecret('cs-Alpha7', "Input 'client-secret'")
      logger.addSecret('cs-Alpha7-Winter2025!', "Input 'password'")
    })
    expect(lines.sort()).toEqual([
      '::add-mask::cs-Alpha7',
      '::add-mask::cs-Alpha7-Winter2025!',
      // The runner reads `%25` in a command as `%`.
      '::add-mask::cs-Alpha7-Winter2025%2521'
    ])
    const echoed =
      'grant_type=password&password=cs-Alpha7-Winter2025%21&client_secret=cs-Alpha7 ' +
      '(raw cs-Alpha7-Winter2025!, URL cs-Alpha7-Winter2025!)'
    expect(logger.redact(echoed)).toBe(
      'grant_type=password&password=***&client_secret=*** (raw ***, URL ***)'
    )
  })

  it('redacts the form and URL spellings of a secret with spaces and symbols', () => {
    const secret = 'p@ss word/+&=é'
    printed(() => logger.addSecret(secret))
    const form = new URLSearchParams({ password: secret }).toString()
    const url = `https://host/?p=${encodeURIComponent(secret)}`
    expect(logger.redact(`${form} ${url} ${secret}`)).toBe('password=*** https://host/?p=*** ***')
  })

  it('warns about a secret shorter than 4 characters instead of masking it, without printing it', () => {
    const lines = printed(() => {
      logger.addSecret('abc', "Input 'password'")
      logger.addSecret('long-enough-secret', "Input 'client-secret'")
      logger.info('user abc exported')
    })
    expect(lines).toEqual([
      '::add-mask::long-enough-secret',
      "::warning::Input 'password' is shorter than 4 characters, too short to blank out of the " +
        'log without blanking ordinary text, so it is not masked. Use a longer secret.',
      'user abc exported'
    ])
  })

  it('sets outputs as they are, without redaction', () => {
    const lines = printed(() => {
      logger.addSecret('acme')
      logger.setOutput('csv-path', '/home/runner/acme-hardware/library_components.csv')
    })
    expect(lines.join('\n')).toContain('/home/runner/acme-hardware/library_components.csv')
  })
})

describe('the spellings of a secret', () => {
  it('lists the secret, its form encoding and its percent encoding once each', () => {
    expect(secretSpellings('a b!')).toEqual(['a b!', 'a+b%21', 'a%20b!'])
    expect(secretSpellings('plain-Secret_1')).toEqual(['plain-Secret_1'])
  })
})
