// Text that breaks naive CSV writers or spreadsheet imports; the generator plants every case.

export const NASTY_TEXT = {
  comma: 'RES 10K, 1%, 0603, thick film',
  doubleQuote: 'Header 2x5, 0.1" pitch, "gold" plated',
  lineFeed: 'Preferred part\nSee errata sheet before use',
  crlf: 'Replaces older item\r\nCheck footprint orientation',
  leadingEquals: '=HYPERLINK("http://example.invalid/x","click")',
  leadingPlus: '+3V3 rail decoupling',
  leadingMinus: '-40°C to +125°C',
  leadingAt: '@SUM(1+1)',
  tab: '\tIndented\twith tabs',
  nonAscii: '4.7 µF ±10% 125 °C, 10 kΩ',
  chinese: '贴片电阻 10kΩ ±1% 0603',
  emoji: '⚡ High voltage 🔥 handle with care ✅',
  trailingSpaces: 'Thick film resistor   ',
  doubleSpaces: 'Low  ESR  capacitor',
  semicolonPipe: 'Alt; see CMP|legacy; \\\\server\\share'
} as const

export type NastyTextCase = keyof typeof NASTY_TEXT

export const NASTY_TEXT_CASES = Object.keys(NASTY_TEXT) as NastyTextCase[]

/** Predicates a test can run over served text to prove each case is present. */
export const NASTY_TEXT_CHECKS: Record<NastyTextCase, (text: string) => boolean> = {
  comma: (t) => t.includes(','),
  doubleQuote: (t) => t.includes('"'),
  lineFeed: (t) => /[^\r]\n/.test(t),
  crlf: (t) => t.includes('\r\n'),
  leadingEquals: (t) => t.startsWith('='),
  leadingPlus: (t) => t.startsWith('+'),
  leadingMinus: (t) => t.startsWith('-'),
  leadingAt: (t) => t.startsWith('@'),
  tab: (t) => t.includes('\t'),
  nonAscii: (t) => /[µΩ±°]/.test(t),
  chinese: (t) => /[\u4e00-\u9fff]/.test(t),
  emoji: (t) => /\p{Extended_Pictographic}/u.test(t),
  trailingSpaces: (t) => /\S {2,}$/.test(t),
  doubleSpaces: (t) => /\S {2}\S/.test(t),
  semicolonPipe: (t) => t.includes(';') && t.includes('|')
}
