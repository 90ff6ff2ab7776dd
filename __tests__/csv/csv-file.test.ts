import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from '@jest/globals'
import { writeFilesAtomically } from '../../src/csv/atomic-write.js'
import { csvChunks, renderCsv } from '../../src/csv/csv-file.js'
import {
  cleanCell,
  packCells,
  recordCell,
  recordCells,
  type ComponentRecord
} from '../../src/library/records.js'

const record = (...cells: string[]): ComponentRecord => ({
  id: cells[0],
  name: cells[0],
  row: packCells(cells, true)
})
const options = { delimiter: ',', bom: false }

describe('the CSV text', () => {
  it('has a header row, LF endings and quotes only what needs quoting', () => {
    const text = renderCsv(
      ['name', 'comment'],
      [record('R1', 'plain'), record('R2', 'a, "b"')],
      options
    )
    expect(text).toBe('name,comment\nR1,plain\nR2,"a, ""b"""\n')
  })

  it('folds every kind of line break into one space so each row is one line', () => {
    const text = renderCsv(['name', 'd'], [record('R1', 'one\ntwo\r\nthree\rfour')], options)
    expect(text).toBe('name,d\nR1,one two three four\n')
  })

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'])(
    'neutralises a cell that starts like a formula: %j',
    (value) => {
      expect(cleanCell(value, true)).toBe(`'${value}`)
      expect(cleanCell(value, false)).toBe(value)
    }
  )

  it('turns a leading carriage return into a space, which no spreadsheet evaluates', () => {
    expect(cleanCell('\r=1', true)).toBe(' =1')
  })

  it('leaves text that only contains formula characters later on alone', () => {
    expect(cleanCell('10k ±1% = nice', true)).toBe('10k ±1% = nice')
  })

  it('writes the delimiter asked for and a byte order mark when asked', () => {
    const text = renderCsv(['a', 'b'], [record('x;y', 'z')], {
      ...options,
      delimiter: ';',
      bom: true
    })
    expect(text).toBe('\ufeffa;b\n"x;y";z\n')
  })

  it('round-trips through a CSV parser: every value, emoji and non-ASCII included', () => {
    const values = ['µF ±5% 50 V', 'Ω 电阻 🙂', 'quote " inside', 'comma, inside', 'tab\tinside']
    const text = renderCsv(
      ['v'],
      values.map((v) => record(v)),
      options
    )
    const rows = parse(text) as string[][]
    expect(rows.slice(1).map((row) => row[0])).toEqual(values)
  })

  it('comes in pieces of 200 rows that make the same text as one piece', () => {
    const records = Array.from({ length: 2500 }, (_, i) => record(`R${i}`, `a, "${i}"`, '=1'))
    const chunks = [...csvChunks(['name', 'comment', 'value'], records, { ...options, bom: true })]
    // The header, then twelve pieces of 200 rows and one of 100.
    expect(chunks).toHaveLength(14)
    expect(chunks[1].split('\n')).toHaveLength(201)
    expect(chunks[13].split('\n')).toHaveLength(101)
    const rows = parse(chunks.join(''), { bom: true }) as string[][]
    expect(rows).toHaveLength(2501)
    expect(rows[0]).toEqual(['name', 'comment', 'value'])
    expect(rows[2500]).toEqual(['R2499', 'a, "2499"', "'=1"])
    expect(chunks.join('').startsWith('\ufeffname,')).toBe(true)
  })

  it('keeps each record as one string and gives its cells back', () => {
    const packed = record('R1', '', 'two\nlines', '+x')
    expect(recordCells(packed)).toEqual(['R1', '', 'two lines', "'+x"])
    expect(recordCell(packed, 2)).toBe('two lines')
    expect(recordCell(packed, 9)).toBe('')
  })
})

describe('writing files atomically', () => {
  it('replaces the files and leaves no temporary file behind', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atomic-'))
    const target = path.join(folder, 'nested', 'lib.csv')
    await writeFilesAtomically([{ path: target, content: 'new\n' }])
    expect(readFileSync(target, 'utf8')).toBe('new\n')
    expect(readdirSync(path.dirname(target))).toEqual(['lib.csv'])
  })

  it('leaves the previous files untouched when one of them cannot be written', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atomic-'))
    const csv = path.join(folder, 'lib.csv')
    writeFileSync(csv, 'previous\n')
    // A path below a regular file cannot be created.
    const impossible = path.join(csv, 'report.json')
    await expect(
      writeFilesAtomically([
        { path: csv, content: 'new\n' },
        { path: impossible, content: '{}' }
      ])
    ).rejects.toThrow()
    expect(readFileSync(csv, 'utf8')).toBe('previous\n')
    expect(readdirSync(folder)).toEqual(['lib.csv'])
  })

  it('puts the first file back when the second cannot be renamed into place', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atomic-'))
    const csv = path.join(folder, 'lib.csv')
    const report = path.join(folder, 'lib.report.json')
    writeFileSync(csv, 'previous\n')
    // Both temporary files are written; the rename over a folder with something in it fails.
    mkdirSync(report)
    writeFileSync(path.join(report, 'keep.txt'), 'x')
    await expect(
      writeFilesAtomically([
        { path: csv, content: 'new\n' },
        { path: report, content: '{}' }
      ])
    ).rejects.toThrow(
      /Could not write .*lib\.csv and .*lib\.report\.json .*The previous files are unchanged\./
    )
    expect(readFileSync(csv, 'utf8')).toBe('previous\n')
    expect(readdirSync(folder).sort()).toEqual(['lib.csv', 'lib.report.json'])
  })

  it('removes a first file that was new when the second cannot be renamed into place', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atomic-'))
    const report = path.join(folder, 'lib.report.json')
    mkdirSync(report)
    writeFileSync(path.join(report, 'keep.txt'), 'x')
    await expect(
      writeFilesAtomically([
        { path: path.join(folder, 'lib.csv'), content: 'new\n' },
        { path: report, content: '{}' }
      ])
    ).rejects.toThrow(/The previous files are unchanged/)
    expect(readdirSync(folder)).toEqual(['lib.report.json'])
  })

  it('replaces both files and leaves no kept copy behind', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atomic-'))
    const csv = path.join(folder, 'lib.csv')
    const report = path.join(folder, 'lib.report.json')
    writeFileSync(csv, 'previous\n')
    writeFileSync(report, '{"old":true}')
    await writeFilesAtomically([
      { path: csv, content: 'new\n' },
      { path: report, content: '{}' }
    ])
    expect([readFileSync(csv, 'utf8'), readFileSync(report, 'utf8')]).toEqual(['new\n', '{}'])
    expect(readdirSync(folder).sort()).toEqual(['lib.csv', 'lib.report.json'])
  })

  it('writes a file given in pieces, and keeps the previous one when the pieces fail half way', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atomic-'))
    const csv = path.join(folder, 'lib.csv')
    await writeFilesAtomically([{ path: csv, content: ['a\n', 'µ\n', 'c\n'] }])
    expect(readFileSync(csv, 'utf8')).toBe('a\nµ\nc\n')
    function* failing() {
      yield 'half a file\n'
      throw new Error('the rows ran out')
    }
    await expect(writeFilesAtomically([{ path: csv, content: failing() }])).rejects.toThrow(
      /Could not write .*lib\.csv \(the rows ran out\)\. The previous files are unchanged\./
    )
    expect(readFileSync(csv, 'utf8')).toBe('a\nµ\nc\n')
    expect(readdirSync(folder)).toEqual(['lib.csv'])
  })
})
