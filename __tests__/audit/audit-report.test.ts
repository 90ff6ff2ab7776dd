import { describe, expect, it } from '@jest/globals'
import { selectAnnotations } from '../../src/audit/annotations.js'
import { audit } from '../../src/audit/audit.js'
import type { AuditFinding, AuditResult } from '../../src/audit/finding.js'
import { auditReport } from '../../src/audit/audit-stage.js'
import { renderAuditSummary } from '../../src/audit/audit-summary.js'
import { parseAuditRules } from '../../src/audit/rule-parser.js'
import type { ComponentNode } from '../../src/library/component-node.js'
import { buildReport, renderReport } from '../../src/report/export-report.js'
import { escapeMarkdownCell } from '../../src/report/markdown.js'

const FILES = { csv: 'out/library.csv', report: 'out/library.report.json' }

/** n components with no description and no part choice: one warning and one error each. */
function broken(n: number, name = (i: number) => `CMP-${String(i).padStart(6, '0')}`): AuditResult {
  const components = Array.from({ length: n }, (_, row): ComponentNode => ({
    id: `id-${row}`,
    name: name(row),
    description: ''
  }))
  return audit(components, parseAuditRules('require-part-choice\nrequire-description'))
}

describe('the audit summary', () => {
  it('counts per rule and lists every finding under its rule, with its CSV line', () => {
    const markdown = renderAuditSummary(broken(3), FILES, 1024 * 1024)
    expect(markdown).toContain(
      '**3 errors, 3 warnings** in 3 components of `out/library.csv`, against 2 rules.'
    )
    expect(markdown).toContain(
      '| require-part-choice | error | 3 |\n| require-description | warning | 3 |'
    )
    expect(markdown).toContain(
      '### require-part-choice (error): 3\n\n| component | line | finding |\n| --- | --- | --- |\n' +
        '| CMP-000000 | 2 | has no part choice |\n| CMP-000001 | 3 | has no part choice |\n' +
        '| CMP-000002 | 4 | has no part choice |'
    )
    expect(markdown).toContain('### require-description (warning): 3')
    expect(markdown).not.toContain('not shown')
  })

  it('says there are no findings, and still lists the rules', () => {
    const clean = audit([], parseAuditRules('recommended'))
    const markdown = renderAuditSummary(
      clean,
      { ...FILES, note: 'audit-scope: changed …' },
      100_000
    )
    expect(markdown).toContain('**No findings** in 0 components')
    expect(markdown).toContain('> [!NOTE]\n> audit-scope: changed …')
    expect(markdown).toContain('| unique-mpn | warning | 0 |')
    expect(markdown).not.toContain('###')
  })

  it('escapes names and messages so they cannot break the table or inject markup', () => {
    const result = broken(1, () => 'R|1 <img src=x> *bold* [a](b) `x` \\ _u_')
    const markdown = renderAuditSummary(result, FILES, 100_000)
    const row = markdown.split('\n').find((line) => line.includes('has no part choice')) as string
    expect(row).toBe(
      '| R\\|1 &lt;img src=x&gt; \\*bold\\* \\[a\\]\\(b\\) \\`x\\` \\\\ \\_u\\_ | 2 | has no part choice |'
    )
    expect(row.split(/(?<!\\)\|/)).toHaveLength(5)
    expect(escapeMarkdownCell('a\nb\r\nc &amp;')).toBe('a b c &amp;amp;')
  })

  it('stays within the byte limit and says how many findings it left out', () => {
    const result = broken(5000)
    for (const limit of [4_000, 50_000, 300_000]) {
      const markdown = renderAuditSummary(result, FILES, limit)
      expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(limit)
      const shown = markdown.split('\n').filter((line) => /^\| CMP-/.test(line)).length
      expect(shown).toBeGreaterThan(0)
      expect(markdown).toContain(
        `_${(10_000 - shown).toLocaleString('en-US')} more findings not shown: a job summary holds ` +
          'at most 1 MiB. Every finding is in `out/library.report.json`._'
      )
    }
  })

  it('fits 200,000 findings in 1 MiB', () => {
    const markdown = renderAuditSummary(broken(100_000), FILES, 1024 * 1024)
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(1024 * 1024)
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(1000 * 1024)
    expect(markdown).toMatch(/more findings not shown/)
  })
})

describe('annotations', () => {
  function findings(errors: number, warnings: number): AuditFinding[] {
    const make = (severity: 'error' | 'warning', i: number): AuditFinding => ({
      rule: severity === 'error' ? 'require-footprint' : 'require-datasheet',
      severity,
      component: `${severity}-${i}`,
      line: i + 2,
      message: 'has no footprint'
    })
    return [
      ...Array.from({ length: errors }, (_, i) => make('error', i)),
      ...Array.from({ length: warnings }, (_, i) => make('warning', i))
    ]
  }

  it('annotates the first ten of each severity at the CSV line and counts the rest', () => {
    const { annotations, left } = selectAnnotations(findings(13, 4), 'out/library.csv')
    expect(annotations.filter((a) => a.severity === 'error')).toHaveLength(10)
    expect(annotations.filter((a) => a.severity === 'warning')).toHaveLength(4)
    expect(left).toEqual({ error: 3, warning: 0 })
    expect(annotations[0]).toEqual({
      severity: 'error',
      message: 'error-0: has no footprint',
      title: 'Library audit: require-footprint',
      file: 'out/library.csv',
      startLine: 2
    })
    expect(annotations.map((a) => a.startLine).slice(0, 10)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ])
  })
})

describe('the JSON report', () => {
  it('holds every finding, the rules and the counts, the same on every run', () => {
    const build = () =>
      renderReport(
        buildReport({
          workspaceUrl: 'https://acme.365.altium.com/',
          apiUrl: 'https://api.example/graphql',
          csvPath: '/ws/out/library.csv',
          workspace: '/ws',
          headers: ['name'],
          filter: {},
          components: 40,
          serverTotal: 40,
          received: 40,
          audit: auditReport({ result: broken(40), scope: 'all' })
        })
      )
    const report = JSON.parse(build())
    expect(report.audit.counts).toEqual({ errors: 40, warnings: 40 })
    expect(report.audit.findings).toHaveLength(80)
    expect(report.audit.rules).toEqual([
      { rule: 'require-part-choice', severity: 'error' },
      { rule: 'require-description', severity: 'warning' }
    ])
    expect(report.audit.findings[41]).toEqual({
      rule: 'require-description',
      severity: 'warning',
      component: 'CMP-000001',
      line: 3,
      message: 'has no description'
    })
    expect(build()).toBe(build())
  })

  it('has no audit key when no rules were given', () => {
    const report = buildReport({
      workspaceUrl: 'https://acme.365.altium.com/',
      apiUrl: 'https://api.example/graphql',
      csvPath: '/ws/library.csv',
      workspace: '/ws',
      headers: ['name'],
      filter: {},
      components: 0,
      serverTotal: 0,
      received: 0
    })
    expect('audit' in report).toBe(false)
  })
})
