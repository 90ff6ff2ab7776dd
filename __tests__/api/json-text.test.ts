import { isAscii } from 'node:buffer'
import { describe, expect, it } from '@jest/globals'
import { jsonText } from '../../src/api/json-text.js'

const utf8 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8')

describe('decoding a JSON body into one-byte text', () => {
  it('gives ASCII text back as it is', () => {
    const body = utf8({ name: 'R1', value: '10k', list: [1, true, null] })
    expect(jsonText(body)).toBe(body.toString('utf8'))
  })

  it.each([
    ['Latin-1 letters and signs', 'µF ±5% café'],
    ['Greek, Cyrillic and CJK', 'Ω резистор 电阻'],
    ['astral characters (surrogate pairs)', '🙂 𝄞 🔌'],
    ['combining marks and zero-width joiners', 'e\u0301 👩\u200d🔧'],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['a backslash right before a non-ASCII character', 'C:\\µ\\"Ω"'],
    ['text that looks like an escape', '\\u00b5 µ']
  ])('reads as the same value: %s', (_, text) => {
    const value = { [text]: text, nested: [{ text }, `${text}${text}`], plain: 'x' }
    const decoded = jsonText(utf8(value))
    expect(isAscii(Buffer.from(decoded, 'utf8'))).toBe(true)
    expect(JSON.parse(decoded)).toEqual(value)
  })

  it('decodes invalid UTF-8 to replacement characters, as a UTF-8 decoder does', () => {
    const body = Buffer.concat([
      Buffer.from('{"a":"x'),
      Buffer.from([0xff, 0xc3]), // a byte that never starts a character, a cut-off sequence
      Buffer.from('y","b":"'),
      Buffer.from([0xe2, 0x82]), // a three-byte sequence missing its last byte
      Buffer.from('"}')
    ])
    expect(JSON.parse(jsonText(body))).toEqual(JSON.parse(body.toString('utf8')))
  })

  it('drops a byte order mark, as Response.text() does', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8({ a: 'µ' })])
    expect(JSON.parse(jsonText(body))).toEqual({ a: 'µ' })
  })

  it('agrees with UTF-8 decoding on a page of mixed text', () => {
    const pieces = ['R', '10k', 'µ', 'Ω', '±', '电', '🙂', ' ', '"', '\\', '\n', 'é', '\u0000']
    const nodes = Array.from({ length: 500 }, (_, i) => ({
      id: `id-${i}`,
      name: Array.from(
        { length: 1 + (i % 7) },
        (_, j) => pieces[(i * 7 + j * 3) % pieces.length]
      ).join(''),
      parameters: [{ name: pieces[i % pieces.length], value: pieces[(i + 5) % pieces.length] }]
    }))
    const body = utf8({ data: { nodes } })
    const decoded = jsonText(body)
    expect(isAscii(Buffer.from(decoded, 'utf8'))).toBe(true)
    expect(JSON.parse(decoded)).toEqual(JSON.parse(body.toString('utf8')))
  })
})
