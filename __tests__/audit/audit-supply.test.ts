import { describe, expect, it } from '@jest/globals'
import { audit } from '../../src/audit/audit.js'
import { parseAuditRules } from '../../src/audit/rule-parser.js'
import { renderAuditSummary } from '../../src/audit/audit-summary.js'
import { auditFields } from '../../src/audit/rules.js'
import { WORST_OFFENDERS } from '../../src/audit/supply-summary.js'
import { stockQuantity } from '../../src/audit/supply.js'
import type {
  ComponentNode,
  ManufacturerPartNode,
  SupplierPartNode
} from '../../src/library/component-node.js'

/** A supplier part holding these stock quantities (as the API may send them). */
function supplier(...quantities: (number | string | null)[]): SupplierPartNode {
  return {
    companyName: 'Mouser',
    partNumber: 'SKU',
    stocks: quantities.map((quantity) => ({ quantity }))
  }
}

/** A part choice with an Octopart id, from the given supplier parts. */
function choice(
  companyName: string,
  partNumber: string,
  supplierParts: SupplierPartNode[],
  extra: Partial<ManufacturerPartNode> = {}
): ManufacturerPartNode {
  return { companyName, partNumber, priority: 1, octopartId: '12345678', supplierParts, ...extra }
}

function component(name: string, manufacturerParts?: ManufacturerPartNode[]): ComponentNode {
  return { id: `id-${name}`, name, manufacturerParts }
}

/** The findings of one rule line, as "name: message". */
function findings(rule: string, ...components: ComponentNode[]): string[] {
  return audit(components, parseAuditRules(rule)).findings.map(
    (f) => `${f.component}: ${f.message}`
  )
}

describe('require-stock', () => {
  it('sums every stock entry of every supplier of every part choice, and flags a total below min', () => {
    const components = [
      component('NONE', [
        choice('Yageo', 'A', [supplier(0), supplier(0, 0)]),
        choice('TI', 'B', [])
      ]),
      component('SOME', [choice('Yageo', 'A', [supplier(0)]), choice('TI', 'B', [supplier(0, 1)])])
    ]
    expect(findings('require-stock', ...components)).toEqual([
      'NONE: 0 in stock across 2 part choices and 2 supplier parts'
    ])
  })

  it('accepts stock exactly at min and flags one unit below it', () => {
    const at = component('AT', [choice('Yageo', 'A', [supplier(60, 40)])])
    const below = component('BELOW', [
      choice('Yageo', 'A', [supplier(60)]),
      choice('TI', 'B', [supplier(39)])
    ])
    expect(findings('require-stock 100', at, below)).toEqual([
      'BELOW: 99 in stock, fewer than 100 across 2 part choices and 2 supplier parts'
    ])
  })

  it('reads Decimal quantities sent as numbers or as text, fractions included', () => {
    const text = component('TEXT', [choice('Yageo', 'A', [supplier('40.5', ' 9.5 ', '1e1')])])
    expect(findings('require-stock 60', text)).toEqual([])
    expect(findings('require-stock 61', text)).toEqual([
      'TEXT: 60 in stock, fewer than 61 across 1 part choice and 1 supplier part'
    ])
  })

  it('counts null stocks, no supplier, and an empty stock list as nothing in stock', () => {
    const components = [
      component('NULL', [choice('Yageo', 'A', [{ companyName: 'Mouser', stocks: null }])]),
      component('EMPTY', [choice('Yageo', 'A', [supplier()])]),
      component('NOSUPPLIER', [choice('Yageo', 'A', [])]),
      component('UNFETCHED', [{ companyName: 'Yageo', partNumber: 'A' }])
    ]
    expect(findings('require-stock', ...components)).toEqual([
      'NULL: 0 in stock across 1 part choice and 1 supplier part',
      'EMPTY: 0 in stock across 1 part choice and 1 supplier part',
      'NOSUPPLIER: 0 in stock across 1 part choice and 0 supplier parts',
      'UNFETCHED: 0 in stock across 1 part choice and 0 supplier parts'
    ])
  })

  it('counts a negative or unreadable quantity as 0, and says how many there were', () => {
    const bad = component('BAD', [choice('Yageo', 'A', [supplier(-500, 'n/a', '1,200', null, 0)])])
    expect(findings('require-stock', bad)).toEqual([
      'BAD: 0 in stock across 1 part choice and 1 supplier part ' +
        '(4 stock quantities are not a number of at least 0 and counted as 0)'
    ])
    const rescued = component('OK', [choice('Yageo', 'A', [supplier(-500, 3)])])
    expect(findings('require-stock 3', rescued)).toEqual([])
  })

  it('leaves a component without part choices to require-part-choice', () => {
    expect(findings('require-stock\nrequire-part-choice', component('BARE', []))).toEqual([
      'BARE: has no part choice'
    ])
    expect(findings('require-stock', component('UNSET'))).toEqual([])
  })
})

describe('stockQuantity', () => {
  it.each([
    [12, 12],
    ['12', 12],
    ['0.000', 0],
    ['+7.25', 7.25],
    ['.5', 0.5],
    ['2E3', 2000],
    [0, 0]
  ])('reads %j as %j', (value, expected) => {
    expect(stockQuantity(value)).toBe(expected)
  })

  it.each([-1, '-1', NaN, Infinity, '', ' ', 'n/a', '1,200', '0x10', null, undefined, true, {}])(
    'refuses %j',
    (value) => {
      expect(stockQuantity(value)).toBeUndefined()
    }
  )
})

describe('require-supplier', () => {
  it('flags each part choice with an empty or missing supplier list, named in priority order', () => {
    const components = [
      component('ONE', [
        choice('TI', 'B', [], { priority: 2 }),
        choice('Yageo', 'A', [supplier(5)], { priority: 1 })
      ]),
      component('ALL', [
        choice('TI', 'B', [], { priority: 2 }),
        choice('Yageo', 'A', [], { priority: 1 }),
        { companyName: 'Bourns', partNumber: 'C', priority: 3 },
        choice('Vishay', 'D', [], { priority: 4 })
      ]),
      component('FINE', [choice('Yageo', 'A', [supplier(0)])])
    ]
    expect(findings('require-supplier', ...components)).toEqual([
      'ONE: 1 of 2 part choices has no supplier part: TI B',
      'ALL: 4 of 4 part choices have no supplier part: Yageo A, TI B, Bourns C and 1 more'
    ])
  })
})

describe('multi-source', () => {
  it('counts the same manufacturer in another case or with spaces once: single-sourced', () => {
    const components = [
      component('SAME', [
        choice('Yageo', 'RC0603-TR', [], { priority: 1 }),
        choice(' YAGEO ', 'RC0603-CT', [], { priority: 2 })
      ]),
      component('ONE', [choice('TI', 'LM358', [])]),
      component('TWO', [choice('TI', 'LM358', []), choice('onsemi', 'LM358', [])])
    ]
    expect(findings('multi-source', ...components)).toEqual([
      'SAME: single-sourced: 1 manufacturer (Yageo) across 2 part choices',
      'ONE: single-sourced: 1 manufacturer (TI) across 1 part choice'
    ])
  })

  it('takes the number of manufacturers wanted, and does not count a blank manufacturer', () => {
    const two = component('TWO', [
      choice('TI', 'A', []),
      choice('onsemi', 'A', []),
      choice(' ', 'A', [])
    ])
    const three = component('THREE', [
      choice('TI', 'A', []),
      choice('onsemi', 'A', []),
      choice('ST', 'A', [])
    ])
    expect(findings('multi-source 3', two, three)).toEqual([
      'TWO: 2 manufacturers (TI, onsemi) across 3 part choices, fewer than 3'
    ])
    expect(findings('multi-source 1', component('BLANK', [choice('', 'A', [])]))).toEqual([
      'BLANK: 0 manufacturers across 1 part choice, fewer than 1'
    ])
  })
})

describe('require-octopart-id', () => {
  it('flags a part choice with a null, missing or blank Octopart id', () => {
    const components = [
      component('NULL', [choice('TI', 'A', [], { octopartId: null }), choice('ST', 'B', [])]),
      component('BLANK', [choice('TI', 'A', [], { octopartId: '  ' })]),
      component('MISSING', [{ companyName: 'TI', partNumber: 'A' }]),
      component('FINE', [choice('TI', 'A', [])])
    ]
    expect(findings('require-octopart-id', ...components)).toEqual([
      'NULL: 1 of 2 part choices has no Octopart id: TI A',
      'BLANK: 1 of 1 part choice has no Octopart id: TI A',
      'MISSING: 1 of 1 part choice has no Octopart id: TI A'
    ])
  })
})

describe('the supply rules in the audit', () => {
  const rules = 'require-stock\nrequire-supplier\nmulti-source\nrequire-octopart-id'

  it('are warnings, and each finding carries its rule, component, line and figures', () => {
    const bad = component('BAD', [
      choice('Yageo', 'A', [supplier(0, '-3')], { octopartId: null }),
      choice('yageo', 'B', [])
    ])
    const result = audit(
      [
        component('GOOD', [choice('TI', 'A', [supplier(1)]), choice('ST', 'B', [supplier(1)])]),
        bad
      ],
      parseAuditRules(rules)
    )
    const figures = {
      partChoices: 2,
      supplierParts: 1,
      manufacturers: 1,
      withoutSupplier: 1,
      withoutOctopartId: 1,
      stock: 0,
      unreadableStock: 1
    }
    expect(result.findings.map(({ message: _message, ...rest }) => rest)).toEqual(
      ['require-stock', 'require-supplier', 'multi-source', 'require-octopart-id'].map((rule) => ({
        rule,
        severity: 'warning',
        component: 'BAD',
        line: 3,
        figures
      }))
    )
    expect([result.errors, result.warnings]).toEqual([0, 4])
  })

  it('leave stock out of the figures, and out of the query, unless require-stock is on', () => {
    const result = audit(
      [component('A', [choice('TI', 'A', [supplier(0)])])],
      parseAuditRules('multi-source')
    )
    expect(result.findings[0].figures).toEqual({
      partChoices: 1,
      supplierParts: 1,
      manufacturers: 1,
      withoutSupplier: 0,
      withoutOctopartId: 0
    })
    const stock = 'manufacturerParts.supplierParts.stocks.quantity'
    for (const rule of ['require-supplier', 'multi-source', 'require-octopart-id', 'recommended']) {
      expect(auditFields(parseAuditRules(rule))).not.toContain(stock)
    }
    expect(auditFields(parseAuditRules('require-stock 5'))).toContain(stock)
  })

  it('read only fields of the component itself, which come with the library listing', () => {
    const fields = auditFields(parseAuditRules(rules))
    expect(fields.filter((field) => field.startsWith('details.'))).toEqual([])
    expect(fields).toEqual(
      expect.arrayContaining([
        'manufacturerParts.companyName',
        'manufacturerParts.octopartId',
        'manufacturerParts.supplierParts.companyName',
        'manufacturerParts.supplierParts.stocks.quantity'
      ])
    )
  })

  it('are not in recommended', () => {
    const ids = parseAuditRules('recommended').map((rule) => rule.id)
    for (const id of ['require-stock', 'require-supplier', 'multi-source', 'require-octopart-id']) {
      expect(ids).not.toContain(id)
    }
  })
})

describe('reading the supply rules', () => {
  it('takes the default thresholds, a threshold written in digits, and a severity', () => {
    const [stock, sourced, strict] = parseAuditRules(
      'require-stock\nmulti-source 3: error\nrequire-stock 1000: error'
    )
    expect([stock.text, stock.threshold, stock.severity]).toEqual(['require-stock', 1, 'warning'])
    expect([sourced.text, sourced.threshold, sourced.severity]).toEqual([
      'multi-source 3',
      3,
      'error'
    ])
    expect([strict.text, strict.threshold]).toEqual(['require-stock 1000', 1000])
    expect(parseAuditRules('multi-source')[0].threshold).toBe(2)
  })

  it.each([
    [
      'require-stock 0',
      /<min> of require-stock must be a whole number of at least 1 written in digits; "0" is not/
    ],
    [
      'require-stock 1.5',
      /"1\.5" is not\. Accepted: e\.g\. `require-stock` \(at least 1 in stock\) or `require-stock 1000`/
    ],
    ['require-stock -1', /"-1" is not/],
    ['require-stock 1e3', /"1e3" is not/],
    [
      'multi-source two',
      /<n> of multi-source must be a whole number of at least 1 written in digits; "two" is not/
    ],
    [
      'require-stock 10 20',
      /require-stock takes at most 1 argument \(require-stock \[<min>\]\); "20" is one too many/
    ],
    ['require-supplier 2', /require-supplier takes no arguments/],
    ['require-octopart-id warning', /To set the severity write "require-octopart-id: warning"/]
  ])('refuses %j, naming the line and what is accepted', (text, message) => {
    expect(() => parseAuditRules(text)).toThrow(message)
    expect(() => parseAuditRules(text)).toThrow(/^Input 'audit', line 1 /)
  })
})

describe('the Supply section of the job summary', () => {
  const FILES = { csv: 'library.csv', report: 'library.report.json' }
  const rules =
    'require-stock\nrequire-supplier\nmulti-source\nrequire-octopart-id\nrequire-description'

  it('counts each supply rule and lists the worst offenders first', () => {
    const components = [
      // One rule failed (single-sourced), plenty of stock.
      component('ONE-RULE', [choice('TI', 'A', [supplier(500)])]),
      // Two rules: out of stock and single-sourced.
      component('TWO-RULES', [choice('TI', 'A', [supplier(0)]), choice('ti ', 'B', [supplier(0)])]),
      // Three rules, some stock: worse than two rules however little stock those have.
      component('THREE-RULES', [
        choice('ST', 'A', [supplier(3)], { octopartId: null }),
        choice('ST', 'B', [])
      ]),
      // Three rules as well, but no stock at all: the worst.
      component('WORST <b>|', [choice('ST', 'A', [], { octopartId: null })]),
      component('FINE', [choice('TI', 'A', [supplier(9)]), choice('ST', 'B', [supplier(9)])])
    ]
    const markdown = renderAuditSummary(audit(components, parseAuditRules(rules)), FILES, 100_000)
    expect(markdown).toContain(
      '### Supply\n\n' +
        '| out of stock (require-stock) | no supplier (require-supplier) | single-source (multi-source) | untracked (require-octopart-id) |\n' +
        '| --- | --- | --- | --- |\n| 2 | 2 | 4 | 2 |'
    )
    const table = markdown.slice(markdown.indexOf('| component | line | in stock |'))
    const names = table
      .split('\n')
      .slice(2)
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split(' | ')[0].slice(2))
    expect(names.slice(0, 4)).toEqual([
      'WORST &lt;b&gt;\\|',
      'THREE-RULES',
      'TWO-RULES',
      'ONE-RULE'
    ])
    expect(table).toContain(
      '| THREE-RULES | 4 | 3 | 2 | 1 | 1 | require-supplier, multi-source, require-octopart-id |'
    )
    // The section comes before the findings of each rule, which list the description too.
    expect(markdown.indexOf('### Supply')).toBeLessThan(markdown.indexOf('### require-stock'))
  })

  it('names the thresholds, and shows at most ten offenders, saying of how many', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      component(`C${String(i).padStart(2, '0')}`, [choice('TI', 'A', [supplier(i)])])
    )
    const markdown = renderAuditSummary(
      audit(many, parseAuditRules('require-stock 1000\nmulti-source 3')),
      FILES,
      100_000
    )
    expect(markdown).toContain(
      '| below 1,000 in stock (require-stock 1000) | fewer than 3 manufacturers (multi-source 3) |'
    )
    expect(markdown).toContain(`, ${WORST_OFFENDERS} of 25:`)
    const rows = markdown.split('\n').filter((line) => /^\| C\d\d \| \d+ \| \d+ \|/.test(line))
    expect(rows.map((row) => row.slice(2, 5))).toEqual(
      Array.from({ length: 10 }, (_, i) => `C${String(i).padStart(2, '0')}`)
    )
  })

  it('says when every component passes, and has no Supply section without a supply rule', () => {
    const fine = [
      component('FINE', [choice('TI', 'A', [supplier(9)]), choice('ST', 'B', [supplier(9)])])
    ]
    expect(renderAuditSummary(audit(fine, parseAuditRules(rules)), FILES, 100_000)).toContain(
      '| 0 | 0 | 0 | 0 |\n\nEvery component passes the supply rules.'
    )
    expect(
      renderAuditSummary(audit(fine, parseAuditRules('recommended')), FILES, 100_000)
    ).not.toContain('Supply')
  })
})
