import { describe, expect, it } from '@jest/globals'
import { isChanged, type BaselineInfo } from '../../src/changes/change-report.js'
import { compareTables } from '../../src/changes/compare.js'
import { parseCsvTable } from '../../src/changes/csv-table.js'

const PREVIOUS: BaselineInfo = {
  kind: 'previous-file',
  path: 'library_components.csv',
  found: true
}

/** CSV text from lines, the way a file on disk holds them. */
function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`
}

function compare(
  baseline: string | undefined,
  current: string,
  keyColumn = 'name',
  delimiter = ','
) {
  return compareTables(
    baseline === undefined ? undefined : parseCsvTable(baseline, delimiter),
    parseCsvTable(current, delimiter),
    keyColumn,
    baseline === undefined ? { ...PREVIOUS, found: false } : PREVIOUS
  )
}

const BEFORE = lines(
  'name,description,mpn-1',
  'C1,"Capacitor, 100 nF","GRM188R71H104KA93D"',
  'R1,Resistor 10k,RC0603FR-0710KL',
  'R2,Resistor 22k,RC0603FR-0722KL',
  'U1,"Op-amp ""rail to rail""",LMV321'
)

describe('comparing an export with its baseline by the key column', () => {
  it('finds added, removed and modified components with each field as before → after', () => {
    const after = lines(
      'name,description,mpn-1',
      'C1,"Capacitor, 100 nF, X7R",GRM188R71H104KA93D',
      'R1,Resistor 10k,RC0603FR-0710KL',
      'U1,"Op-amp ""rail-to-rail"", 5 V, µA 電圧",LMV321IDBVR',
      'Z9,"Widerstand 4,7 kΩ ±1 %",ERJ-3EKF4701V'
    )
    const report = compare(BEFORE, after)
    expect(report.counts).toEqual({ added: 1, removed: 1, modified: 2 })
    expect(report.added).toEqual([
      {
        key: 'Z9',
        row: { name: 'Z9', description: 'Widerstand 4,7 kΩ ±1 %', 'mpn-1': 'ERJ-3EKF4701V' }
      }
    ])
    expect(report.removed).toEqual([
      {
        key: 'R2',
        row: { name: 'R2', description: 'Resistor 22k', 'mpn-1': 'RC0603FR-0722KL' }
      }
    ])
    expect(report.modified).toEqual([
      {
        key: 'C1',
        fields: [
          {
            column: 'description',
            before: 'Capacitor, 100 nF',
            after: 'Capacitor, 100 nF, X7R'
          }
        ]
      },
      {
        key: 'U1',
        fields: [
          {
            column: 'description',
            before: 'Op-amp "rail to rail"',
            after: 'Op-amp "rail-to-rail", 5 V, µA 電圧'
          },
          { column: 'mpn-1', before: 'LMV321', after: 'LMV321IDBVR' }
        ]
      }
    ])
    expect(report.columns).toEqual({ added: [], removed: [], reordered: false, compared: 3 })
    expect(report.duplicateKeys).toEqual([])
    expect(report.firstExport).toBe(false)
    expect(isChanged(report)).toBe(true)
  })

  it('reports nothing for the same rows, and says the file did not change', () => {
    const report = compare(BEFORE, BEFORE)
    expect(report.counts).toEqual({ added: 0, removed: 0, modified: 0 })
    expect(isChanged(report)).toBe(false)
  })

  it('treats a baseline with a byte order mark and CRLF line endings as the same rows', () => {
    const windows = `\ufeff${BEFORE.split('\n').join('\r\n')}`
    expect(windows).toContain('\r\n')
    const report = compare(windows, BEFORE)
    expect(report.counts).toEqual({ added: 0, removed: 0, modified: 0 })
    expect(report.columns.added).toEqual([])
    expect(isChanged(report)).toBe(false)
  })

  it('keeps a quoted line break inside a CRLF baseline as part of the value', () => {
    const baseline = 'name,description\r\nR1,"two\r\nlines"\r\n'
    const report = compare(baseline, lines('name,description', 'R1,two lines'))
    expect(report.modified).toEqual([
      { key: 'R1', fields: [{ column: 'description', before: 'two\r\nlines', after: 'two lines' }] }
    ])
  })

  it('reports a renamed column once and compares the rows on the columns both files share', () => {
    const after = lines(
      'name,description,MPN',
      'C1,"Capacitor, 100 nF",GRM188R71H104KA93D',
      'R1,Resistor 10k,RC0603FR-0710KL',
      'R2,Resistor 22k (changed),RC0603FR-0722KL',
      'U1,"Op-amp ""rail to rail""",LMV321'
    )
    const report = compare(BEFORE, after)
    expect(report.columns).toEqual({
      added: ['MPN'],
      removed: ['mpn-1'],
      reordered: false,
      compared: 2
    })
    expect(report.counts).toEqual({ added: 0, removed: 0, modified: 1 })
    expect(report.modified).toEqual([
      {
        key: 'R2',
        fields: [{ column: 'description', before: 'Resistor 22k', after: 'Resistor 22k (changed)' }]
      }
    ])
    expect(isChanged(report)).toBe(true)
  })

  it('notices columns that only changed order, without reporting a change on any row', () => {
    const after = lines(
      'name,mpn-1,description',
      'C1,GRM188R71H104KA93D,"Capacitor, 100 nF"',
      'R1,RC0603FR-0710KL,Resistor 10k',
      'R2,RC0603FR-0722KL,Resistor 22k',
      'U1,LMV321,"Op-amp ""rail to rail"""'
    )
    const report = compare(BEFORE, after)
    expect(report.counts).toEqual({ added: 0, removed: 0, modified: 0 })
    expect(report.columns).toEqual({ added: [], removed: [], reordered: true, compared: 3 })
    expect(isChanged(report)).toBe(true)
  })

  it('reports duplicate keys in either file and matches their rows in file order, never merged', () => {
    const baseline = lines('name,id,description', 'R1,a,first', 'R1,b,second', 'R5,e,only')
    const after = lines(
      'name,id,description',
      'R1,a,first',
      'R1,b,second (edited)',
      'R1,c,third',
      'R5,e,only',
      'R5,f,twin'
    )
    const report = compare(baseline, after)
    expect(report.duplicateKeys).toEqual([
      { key: 'R1', baseline: 2, current: 3 },
      { key: 'R5', baseline: 1, current: 2 }
    ])
    expect(report.counts).toEqual({ added: 2, removed: 0, modified: 1 })
    expect(report.modified).toEqual([
      {
        key: 'R1',
        occurrence: 2,
        fields: [{ column: 'description', before: 'second', after: 'second (edited)' }]
      }
    ])
    expect(report.added).toEqual([
      { key: 'R1', occurrence: 3, row: { name: 'R1', id: 'c', description: 'third' } },
      { key: 'R5', occurrence: 2, row: { name: 'R5', id: 'f', description: 'twin' } }
    ])
  })

  it('pairs shuffled rows with many duplicate keys the way a plain key-by-key reading does', () => {
    // A fixed pseudo-random sequence, so that a failure can be run again.
    let seed = 7
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % below
    }
    const table = (rows: number) => ({
      headers: ['name', 'value'],
      rows: Array.from({ length: rows }, () => [`K${random(12)}`, `v${random(3)}`])
    })
    for (let round = 0; round < 20; round++) {
      const before = table(random(30))
      const after = table(random(30))
      const report = compareTables(before, after, 'name', PREVIOUS)

      const keys = [...new Set([...before.rows, ...after.rows].map(([key]) => key))].sort()
      const expected = {
        modified: [] as unknown[],
        added: [] as unknown[],
        removed: [] as unknown[]
      }
      const duplicates: unknown[] = []
      for (const key of keys) {
        const was = before.rows.filter(([name]) => name === key)
        const is = after.rows.filter(([name]) => name === key)
        const duplicated = was.length > 1 || is.length > 1
        if (duplicated) duplicates.push({ key, baseline: was.length, current: is.length })
        const occurrence = (index: number) => (duplicated ? { occurrence: index + 1 } : {})
        is.forEach(([, value], index) => {
          if (index >= was.length) {
            expected.added.push({ key, ...occurrence(index), row: { name: key, value } })
          } else if (was[index][1] !== value) {
            const fields = [{ column: 'value', before: was[index][1], after: value }]
            expected.modified.push({ key, ...occurrence(index), fields })
          }
        })
        was.slice(is.length).forEach(([, value], index) => {
          const row = { name: key, value }
          expected.removed.push({ key, ...occurrence(index + is.length), row })
        })
      }
      expect(report.duplicateKeys).toEqual(duplicates)
      expect({ modified: report.modified, added: report.added, removed: report.removed }).toEqual(
        expected
      )
    }
  })

  it('reports a key that lost its duplicate as one removed row', () => {
    const report = compare(
      lines('name,description', 'R1,one', 'R1,two'),
      lines('name,description', 'R1,one')
    )
    expect(report.duplicateKeys).toEqual([{ key: 'R1', baseline: 2, current: 1 }])
    expect(report.removed).toEqual([
      { key: 'R1', occurrence: 2, row: { name: 'R1', description: 'two' } }
    ])
    expect(report.counts).toEqual({ added: 0, removed: 1, modified: 0 })
  })

  it('counts everything as added against an empty baseline, without a column note', () => {
    const report = compare('', BEFORE)
    expect(report.emptyBaseline).toBe(true)
    expect(report.firstExport).toBe(false)
    expect(report.counts).toEqual({ added: 4, removed: 0, modified: 0 })
    expect(report.added.map((change) => change.key)).toEqual(['C1', 'R1', 'R2', 'U1'])
    expect(report.columns).toEqual({ added: [], removed: [], reordered: false, compared: 3 })
  })

  it('counts everything as added against a baseline that holds only its header row', () => {
    const report = compare('name,description,mpn-1\r\n', BEFORE)
    expect(report.emptyBaseline).toBe(false)
    expect(report.counts).toEqual({ added: 4, removed: 0, modified: 0 })
  })

  it('calls it a first export when there is no baseline: every component is added', () => {
    const report = compare(undefined, BEFORE)
    expect(report.firstExport).toBe(true)
    expect(report.baseline.found).toBe(false)
    expect(report.counts).toEqual({ added: 4, removed: 0, modified: 0 })
    // The keys only: the new file is the list of rows.
    expect(report.added[0]).toEqual({ key: report.added[0].key })
    expect(isChanged(report)).toBe(true)
    expect(isChanged(compare(undefined, 'name,description\n'))).toBe(true)
  })

  it('matches nothing when the baseline lacks the key column, and says so', () => {
    const report = compare(lines('Part,description', 'R1,x'), lines('name,description', 'R1,x'))
    expect(report.keyColumnMissingFromBaseline).toBe(true)
    expect(report.counts).toEqual({ added: 1, removed: 0, modified: 0 })
    expect(report.columns).toMatchObject({ added: ['name'], removed: ['Part'] })
  })

  it('compares on another key column and with another delimiter', () => {
    const report = compare(
      lines('name;mpn-1', 'R1;A', 'R2;B'),
      lines('name;mpn-1', 'R1-renamed;A', 'R2;B'),
      'mpn-1',
      ';'
    )
    expect(report.counts).toEqual({ added: 0, removed: 0, modified: 1 })
    expect(report.modified).toEqual([
      { key: 'A', fields: [{ column: 'name', before: 'R1', after: 'R1-renamed' }] }
    ])
  })

  it('lists changes sorted by key whatever the row order, so the report is the same every run', () => {
    const shuffled = lines('name,v', 'b,2', 'a,1', 'c,3')
    const report = compare(lines('name,v', 'x,0'), shuffled)
    expect(report.added.map((change) => change.key)).toEqual(['a', 'b', 'c'])
    expect(JSON.stringify(compare(lines('name,v', 'x,0'), shuffled))).toBe(JSON.stringify(report))
  })

  it('counts the missing cells of a short hand-made row as empty', () => {
    const report = compare(lines('name,a,b', 'R1,1'), lines('name,a,b', 'R1,1,'))
    expect(report.counts).toEqual({ added: 0, removed: 0, modified: 0 })
  })

  it('keeps a column called __proto__ as an ordinary field', () => {
    const report = compare(lines('name,__proto__'), lines('name,__proto__', 'R1,x'))
    expect(Object.keys(report.added[0].row ?? {})).toEqual(['name', '__proto__'])
    expect(JSON.parse(JSON.stringify(report.added[0].row))).toEqual(
      JSON.parse('{"name":"R1","__proto__":"x"}')
    )
  })

  it('reads a baseline written with another delimiter as other columns, not as an error', () => {
    const report = compare(BEFORE, BEFORE.split(',').join(';'), 'name', ';')
    expect(report.keyColumnMissingFromBaseline).toBe(true)
    expect(report.columns.removed).toEqual(['name,description,mpn-1'])
    expect(report.counts.added).toBe(4)
  })

  it('refuses text that is not CSV, naming the line', () => {
    expect(() => parseCsvTable('name,description\nR1,"open quote\n', ',')).toThrow(/line/i)
  })
})
