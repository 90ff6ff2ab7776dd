import { describe, expect, it } from '@jest/globals'
import { audit, csvComponents } from '../../src/audit/audit.js'
import { parseAuditRules } from '../../src/audit/rule-parser.js'
import { auditFields } from '../../src/audit/rules.js'
import { columnById, type Column } from '../../src/library/columns.js'
import type { ComponentNode, ManufacturerPartNode } from '../../src/library/component-node.js'
import { toRecords } from '../../src/library/records.js'

/** A component that passes every rule; each test breaks one thing. */
function healthy(name: string, overrides: Partial<ComponentNode> = {}): ComponentNode {
  return {
    id: `id-${name}`,
    name,
    description: `Description of ${name}`,
    revision: { details: { lifeCycleState: { name: 'Released', isAllowedInDesign: true } } },
    manufacturerParts: [{ companyName: 'Yageo', partNumber: `MPN-${name}`, priority: 1 }],
    details: {
      parameters: [
        { name: 'Tolerance', value: '1%' },
        { name: 'Datasheet', value: `https://example.com/${name}.pdf` }
      ],
      footprints: [{ name: 'R0603' }],
      symbols: [{ name: 'RES' }]
    },
    ...overrides
  }
}

/** The findings of one rule line over the components, as "name: message". */
function findings(rule: string, ...components: ComponentNode[]): string[] {
  return audit(components, parseAuditRules(rule)).findings.map(
    (f) => `${f.component}: ${f.message}`
  )
}

function withDetails(name: string, details: ComponentNode['details']): ComponentNode {
  const base = healthy(name)
  return { ...base, details: { ...base.details, ...details } }
}

function withParts(name: string, parts: ManufacturerPartNode[]): ComponentNode {
  return healthy(name, { manufacturerParts: parts })
}

describe('the audit rules', () => {
  it('finds nothing in a healthy component under every rule', () => {
    const rules = ['recommended', 'require-parameter Tolerance \\d+%', 'name-pattern C-\\d+'].join(
      '\n'
    )
    expect(findings(rules, healthy('C-1'), healthy('C-2'))).toEqual([])
  })

  describe('require-part-choice', () => {
    it('flags no part choice, and a blank or whitespace-only MPN or manufacturer', () => {
      expect(
        findings(
          'require-part-choice',
          withParts('A', []),
          withParts('B', [{ companyName: 'Yageo', partNumber: '   ', priority: 1 }]),
          withParts('C', [
            { companyName: 'Yageo', partNumber: 'RC0603', priority: 1 },
            { companyName: '', partNumber: 'ERJ-3', priority: 2 }
          ]),
          withParts('D', [{ priority: 1 }]),
          healthy('E', { manufacturerParts: undefined })
        )
      ).toEqual([
        'A: has no part choice',
        'B: part choice 1 (Yageo) has no MPN',
        'C: part choice 2 (ERJ-3) has no manufacturer',
        'D: part choice 1 has no manufacturer and MPN',
        'E: has no part choice'
      ])
    })

    it('accepts an MPN with spaces around it, and numbers part choices by priority', () => {
      expect(
        findings(
          'require-part-choice',
          withParts('A', [{ companyName: ' Yageo ', partNumber: ' RC0603 ', priority: 1 }]),
          withParts('B', [
            { companyName: 'Bourns', partNumber: '', priority: 2 },
            { companyName: 'Yageo', partNumber: 'RC0603', priority: 1 }
          ])
        )
      ).toEqual(['B: part choice 2 (Bourns) has no MPN'])
    })
  })

  describe('allowed-in-design', () => {
    it('flags a state that is not allowed, but not a missing state or an unmanaged component', () => {
      const state = (name: string, isAllowedInDesign?: boolean) => ({
        revision: { details: { lifeCycleState: { name, isAllowedInDesign } } }
      })
      expect(
        findings(
          'allowed-in-design',
          healthy('A', state('Obsolete', false)),
          healthy('B', state('Released', true)),
          healthy('C', state('Unknown')),
          healthy('D', { revision: { details: null } }),
          healthy('E', { revision: undefined })
        )
      ).toEqual(['A: is in lifecycle state "Obsolete", which is not allowed in design'])
    })
  })

  describe('require-parameter', () => {
    it('tells a missing parameter from an empty or whitespace-only one', () => {
      expect(
        findings(
          'require-parameter Tolerance',
          withDetails('A', { parameters: [] }),
          withDetails('B', { parameters: [{ name: 'Tolerance', value: '' }] }),
          withDetails('C', { parameters: [{ name: 'Tolerance', value: ' \t ' }] }),
          withDetails('D', { parameters: [{ name: 'Tolerance', value: '5%' }] })
        )
      ).toEqual([
        'A: has no parameter "Tolerance"',
        'B: has parameter "Tolerance" empty',
        'C: has parameter "Tolerance" empty'
      ])
    })

    it('matches the parameter name without regard to case, also at item level', () => {
      expect(
        findings(
          'require-parameter "voltage RATING"',
          withDetails('A', { parameters: [{ name: 'Voltage Rating', value: '50V' }] }),
          withDetails('B', {
            parameters: [],
            itemParameters: [{ name: 'VOLTAGE rating', value: '6V' }]
          })
        )
      ).toEqual([])
      expect(
        findings(
          'require-parameter "voltage RATING"',
          withDetails('C', { parameters: [{ name: 'Voltage', value: '50V' }] })
        )
      ).toEqual(['C: has no parameter "voltage RATING"'])
    })

    it('needs the regex to match the whole value', () => {
      expect(
        findings(
          'require-parameter Tolerance \\d+%',
          withDetails('A', { parameters: [{ name: 'Tolerance', value: '5%' }] }),
          withDetails('B', { parameters: [{ name: 'Tolerance', value: '±5%' }] }),
          withDetails('C', { parameters: [{ name: 'Tolerance', value: '5% typ' }] }),
          withDetails('D', { parameters: [{ name: 'Tolerance', value: '5% ' }] })
        )
      ).toEqual([
        'B: has parameter "Tolerance" = "±5%", which does not match \\d+%',
        'C: has parameter "Tolerance" = "5% typ", which does not match \\d+%',
        'D: has parameter "Tolerance" = "5% ", which does not match \\d+%'
      ])
    })

    it('keeps alternatives inside the anchors, and accepts anchors written by hand', () => {
      const values = ['1%', '5%', '15%', 'x1%']
      const parts = values.map((value, i) =>
        withDetails(`P${i}`, { parameters: [{ name: 'Tolerance', value }] })
      )
      expect(findings('require-parameter Tolerance 1%|5%', ...parts)).toEqual([
        'P2: has parameter "Tolerance" = "15%", which does not match 1%|5%',
        'P3: has parameter "Tolerance" = "x1%", which does not match 1%|5%'
      ])
      expect(findings('require-parameter Tolerance ^\\d%$', ...parts)).toHaveLength(2)
    })

    it('reads a quoted name with spaces and a quoted regex with spaces', () => {
      expect(
        findings(
          'require-parameter "Voltage Rating" "\\d+ V"',
          withDetails('A', { parameters: [{ name: 'Voltage Rating', value: '50 V' }] }),
          withDetails('B', { parameters: [{ name: 'Voltage Rating', value: '50V' }] })
        )
      ).toEqual(['B: has parameter "Voltage Rating" = "50V", which does not match \\d+ V'])
    })
  })

  describe('require-footprint and require-symbol', () => {
    it('flag no model or only blank-named ones, not one good among blank ones', () => {
      const parts = [
        withDetails('A', { footprints: [], symbols: [] }),
        withDetails('B', { footprints: [{ name: ' ' }], symbols: [{ name: '' }] }),
        withDetails('C', {
          footprints: [{ name: '' }, { name: 'R0603' }],
          symbols: [{ name: 'RES' }]
        }),
        healthy('D', { details: undefined })
      ]
      expect(findings('require-footprint', ...parts)).toEqual([
        'A: has no footprint',
        'B: has no footprint',
        'D: has no footprint'
      ])
      expect(findings('require-symbol', ...parts)).toEqual([
        'A: has no symbol',
        'B: has no symbol',
        'D: has no symbol'
      ])
    })
  })

  describe('require-datasheet', () => {
    it('accepts any datasheet parameter in any case, or a linked datasheet', () => {
      expect(
        findings(
          'require-datasheet',
          withDetails('A', {
            parameters: [{ name: 'componentlink1url', value: 'https://x/a.pdf' }]
          }),
          withDetails('B', { parameters: [], datasheets: [{ name: 'LM358 Datasheet' }] }),
          withDetails('C', { parameters: [{ name: 'HelpURL', value: 'https://x/c.pdf' }] })
        )
      ).toEqual([])
    })

    it('flags whitespace-only links and blank datasheet names', () => {
      expect(
        findings(
          'require-datasheet',
          withDetails('A', { parameters: [{ name: 'Datasheet', value: '  ' }], datasheets: [] }),
          withDetails('B', { parameters: [], datasheets: [{ name: ' ' }] }),
          withDetails('C', {
            parameters: [{ name: 'ComponentLink1Description', value: 'Datasheet' }]
          })
        )
      ).toHaveLength(3)
    })
  })

  describe('require-description', () => {
    it('flags an empty or whitespace-only description, and one that only repeats the name', () => {
      expect(
        findings(
          'require-description',
          healthy('A', { description: '' }),
          healthy('B', { description: ' \u00a0 ' }),
          healthy('C', { description: undefined }),
          healthy('CMP-1', { description: ' cmp-1 ' }),
          healthy('CMP-2', { description: 'CMP-2 resistor' })
        )
      ).toEqual([
        'A: has no description',
        'B: has no description',
        'C: has no description',
        'CMP-1: has a description that only repeats its name'
      ])
    })
  })

  describe('name-pattern', () => {
    it('needs the whole name to match, case included', () => {
      expect(
        findings(
          'name-pattern CMP-\\d{5}',
          healthy('CMP-00001'),
          healthy('CMP-000012'),
          healthy('XCMP-00001'),
          healthy('cmp-00001')
        )
      ).toEqual([
        'CMP-000012: does not have a name matching CMP-\\d{5}',
        'XCMP-00001: does not have a name matching CMP-\\d{5}',
        'cmp-00001: does not have a name matching CMP-\\d{5}'
      ])
    })
  })

  describe('unique-mpn', () => {
    it('does not count one component that lists the same MPN twice', () => {
      const twice = withParts('A', [
        { companyName: 'Yageo', partNumber: 'RC0603', priority: 1 },
        { companyName: 'YAGEO', partNumber: 'rc0603 ', priority: 2 }
      ])
      expect(findings('unique-mpn', twice, healthy('B'))).toEqual([])
    })

    it('names both components that share a manufacturer and MPN, once, on the first', () => {
      const result = audit(
        [
          withParts('A', [{ companyName: 'Yageo', partNumber: 'RC0603', priority: 1 }]),
          healthy('B'),
          withParts('C', [
            { companyName: 'Bourns', partNumber: 'CR0603', priority: 1 },
            { companyName: 'yageo', partNumber: ' RC0603', priority: 2 }
          ])
        ],
        parseAuditRules('unique-mpn')
      )
      expect(result.findings).toEqual([
        {
          rule: 'unique-mpn',
          severity: 'warning',
          component: 'A',
          line: 2,
          message: 'shares the part choice Yageo RC0603 with C',
          others: ['C']
        }
      ])
    })

    it('tells the same MPN from different manufacturers apart, and skips blank MPNs', () => {
      expect(
        findings(
          'unique-mpn',
          withParts('A', [{ companyName: 'onsemi', partNumber: '1N4148', priority: 1 }]),
          withParts('B', [{ companyName: 'Vishay', partNumber: '1N4148', priority: 1 }]),
          withParts('C', [{ companyName: 'Vishay', partNumber: ' ', priority: 1 }]),
          withParts('D', [{ companyName: 'Vishay', partNumber: '', priority: 1 }])
        )
      ).toEqual([])
    })

    it('names five others and counts the rest', () => {
      const parts = Array.from({ length: 8 }, (_, i) =>
        withParts(`P${i}`, [{ companyName: 'TI', partNumber: 'LM358', priority: 1 }])
      )
      expect(findings('unique-mpn', ...parts)).toEqual([
        'P0: shares the part choice TI LM358 with P1, P2, P3, P4, P5 and 2 more'
      ])
    })
  })
})

describe('the audit', () => {
  it('counts errors and warnings, in rule order then by CSV line', () => {
    const result = audit(
      [
        healthy('A', { description: '' }),
        withParts('B', []),
        healthy('C', { description: '', manufacturerParts: [] })
      ],
      parseAuditRules('require-description\nrequire-part-choice')
    )
    expect(result.findings.map((f) => [f.rule, f.component, f.line, f.severity])).toEqual([
      ['require-description', 'A', 2, 'warning'],
      ['require-description', 'C', 4, 'warning'],
      ['require-part-choice', 'B', 3, 'error'],
      ['require-part-choice', 'C', 4, 'error']
    ])
    expect([result.errors, result.warnings, result.audited]).toEqual([2, 2, 3])
  })

  it('audits only rows in scope, but finds an in-scope duplicate of an out-of-scope MPN', () => {
    const shared = [{ companyName: 'Yageo', partNumber: 'RC0603', priority: 1 }]
    const result = audit(
      [
        withParts('OLD', shared),
        healthy('OLD-BROKEN', { description: '' }),
        withParts('NEW', shared),
        healthy('NEW-BROKEN', { description: '' })
      ],
      parseAuditRules('unique-mpn\nrequire-description'),
      { inScope: (row) => row >= 2 }
    )
    expect(result.findings.map((f) => `${f.component}: ${f.message}`)).toEqual([
      'NEW: shares the part choice Yageo RC0603 with OLD',
      'NEW-BROKEN: has no description'
    ])
    expect(result.audited).toBe(2)
    const outOfScope = audit(
      [withParts('OLD', shared), withParts('OLD2', shared), healthy('NEW')],
      parseAuditRules('unique-mpn'),
      { inScope: (row) => row === 2 }
    )
    expect(outOfScope.findings).toEqual([])
  })

  it('gives every CSV row its component, in file order, also when names repeat and a folder filter drops some', () => {
    const components: ComponentNode[] = [
      healthy('B', { id: 'id-2', folder: { path: 'Lib/A' } }),
      healthy('A', { id: 'id-9', folder: { path: 'Lib/A' } }),
      healthy('B', { id: 'id-1', folder: { path: 'Lib/A' } }),
      healthy('Z', { id: 'id-0', folder: { path: 'Other' } }),
      healthy('A', { id: 'id-3', folder: { path: 'Lib/A' }, description: '' })
    ]
    const records = toRecords(components, [columnById('name') as Column], 'Lib')
    const inCsvOrder = csvComponents(records)
    expect(inCsvOrder.map((c) => c.id)).toEqual(['id-3', 'id-9', 'id-1', 'id-2'])
    expect(audit(inCsvOrder, parseAuditRules('require-description')).findings[0].line).toBe(2)
  })

  it('refuses records made without their component rather than auditing the wrong one', () => {
    const records = toRecords([healthy('A', { id: 'id-1' })], [columnById('name') as Column])
    const bare = records.map(({ id, name, row }) => ({ id, name, row }))
    expect(() => csvComponents(bare)).toThrow('A (id-1) was made without its component')
  })

  it('asks the export for the fields its rules read, and only those', () => {
    const fields = auditFields(parseAuditRules('allowed-in-design\nrequire-parameter Tolerance'))
    expect(fields.sort()).toEqual(
      [
        'revision.details.lifeCycleState.name',
        'revision.details.lifeCycleState.isAllowedInDesign',
        'details.parameters.name',
        'details.parameters.value',
        'details.itemParameters.name',
        'details.itemParameters.value'
      ].sort()
    )
    expect(auditFields(parseAuditRules('unique-mpn'))).toContain('manufacturerParts.partNumber')
    expect(auditFields(parseAuditRules('require-datasheet'))).toContain('details.datasheets.name')
    expect(auditFields([])).toEqual([])
  })
})
