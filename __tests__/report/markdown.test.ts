import { describe, expect, it } from '@jest/globals'
import { codeSpan, escapeMarkdownCell, neutraliseReferences } from '../../src/report/markdown.js'

const J = '\u2060'

describe('table cells GitHub links nothing in', () => {
  it('leaves ordinary text unchanged', () => {
    for (const text of [
      'RES 10K 1% 0603',
      'CAP CER 100nF 50V X7R',
      'Murata GRM188R71H104KA93D',
      'Lifecycle: Active, RoHS compliant',
      'Ω µ ±5 %',
      'e-mail sales at acme dot com'
    ]) {
      expect(escapeMarkdownCell(text)).toBe(text)
    }
  })

  it('keeps #1 and owner/repo#42 from referencing issues, and hardware text readable', () => {
    expect(neutraliseReferences('#1')).toBe(`#${J}1`)
    expect(neutraliseReferences('acme/hardware#42')).toBe(`acme/hardware#${J}42`)
    expect(neutraliseReferences('#4-40 screw')).toBe(`#${J}4-40 screw`)
    expect(escapeMarkdownCell('#4-40 screw')).toBe(`\\#${J}4-40 screw`)
    // What a reader sees and copies is the text itself, with an invisible joiner.
    expect(escapeMarkdownCell('see acme/hardware#42').replace(/[\\\u2060]/g, '')).toBe(
      'see acme/hardware#42'
    )
  })

  it('keeps GH-7 from referencing an issue', () => {
    expect(neutraliseReferences('GH-7')).toBe(`GH-${J}7`)
    expect(neutraliseReferences('fixed in gh-123.')).toBe(`fixed in gh-${J}123.`)
    expect(neutraliseReferences('GH-A')).toBe('GH-A')
  })

  it('keeps @name and @org/team from mentioning anyone, and e-mail addresses from linking', () => {
    expect(neutraliseReferences('@octocat')).toBe(`@${J}octocat`)
    expect(neutraliseReferences('ask @acme/hardware-team')).toBe(`ask @${J}acme/hardware-team`)
    expect(neutraliseReferences('sales@acme.example')).toBe(`sales@${J}acme.example`)
    expect(neutraliseReferences('a @ b')).toBe('a @ b')
  })

  it('shows web addresses as code, which GitHub does not link, and keeps them whole', () => {
    expect(escapeMarkdownCell('https://evil.example/x?a=1&b=2')).toBe(
      '`https://evil.example/x?a=1&b=2`'
    )
    expect(escapeMarkdownCell('Datasheet: http://acme.example/ds.pdf (rev B)')).toBe(
      'Datasheet: `http://acme.example/ds.pdf` \\(rev B\\)'
    )
    expect(escapeMarkdownCell('www.acme.example/parts')).toBe('`www.acme.example/parts`')
    expect(escapeMarkdownCell('a|https://x.example|b')).toBe('a\\|`https://x.example`\\|b')
    expect(escapeMarkdownCell('ftp://files.example/a_b')).toBe('`ftp://files.example/a_b`')
  })

  it('keeps every form apart in one cell, on one line', () => {
    expect(escapeMarkdownCell('#1 @octocat\nGH-7 https://x.example/#2', '<br>')).toBe(
      `\\#${J}1 @${J}octocat<br>GH-${J}7 \`https://x.example/#2\``
    )
  })

  it('makes code spans that hold no backtick, line break or bare pipe', () => {
    expect(codeSpan('lib`s.csv')).toBe("`lib's.csv`")
    expect(codeSpan('a|b\nc')).toBe('`a\\|b c`')
  })
})
