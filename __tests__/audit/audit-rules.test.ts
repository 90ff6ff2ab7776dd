import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parseAuditRules } from '../../src/audit/rule-parser.js'
import { RULE_DEFINITIONS } from '../../src/audit/rules.js'
import { InputError } from '../../src/input-error.js'
import { inputReader } from '../helpers/input-reader.js'

/** Each rule as `text: severity`. */
function parsed(text: string): string[] {
  return parseAuditRules(text).map((rule) => `${rule.text}: ${rule.severity}`)
}

function errorOf(text: string): string {
  try {
    parseAuditRules(text)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('expected an input error')
}

describe('reading the audit rules', () => {
  it('gives every rule its default severity, and a line can override it either way', () => {
    expect(
      parsed(
        [
          'require-part-choice',
          'require-datasheet',
          'require-footprint: warning',
          'require-description:error',
          'unique-mpn :  ERROR',
          'name-pattern CMP-\\d+'
        ].join('\n')
      )
    ).toEqual([
      'require-part-choice: error',
      'require-datasheet: warning',
      'require-footprint: warning',
      'require-description: error',
      'unique-mpn: error',
      'name-pattern CMP-\\d+: warning'
    ])
  })

  it('expands recommended to the documented set, and a later line tightens one rule', () => {
    expect(parsed('recommended')).toEqual([
      'require-part-choice: error',
      'allowed-in-design: error',
      'require-footprint: error',
      'require-symbol: error',
      'unique-mpn: warning',
      'require-datasheet: warning',
      'require-description: warning'
    ])
    expect(parsed('recommended: warning\nrequire-part-choice: error')).toEqual([
      'require-part-choice: error',
      'allowed-in-design: warning',
      'require-footprint: warning',
      'require-symbol: warning',
      'unique-mpn: warning',
      'require-datasheet: warning',
      'require-description: warning'
    ])
    expect(RULE_DEFINITIONS.filter((d) => d.recommended).map((d) => d.id)).toHaveLength(7)
  })

  it('keeps parameter rules for different names apart, and skips comments and blank lines', () => {
    expect(
      parsed(
        [
          '# what every part needs',
          '',
          '  require-parameter Tolerance  ',
          'require-parameter "Voltage Rating" "\\d+(\\.\\d+)? ?V": warning',
          'require-parameter Tolerance \\d+%'
        ].join('\r\n')
      )
    ).toEqual([
      'require-parameter Tolerance: error',
      'require-parameter "Voltage Rating" "\\d+(\\.\\d+)? ?V": warning',
      'require-parameter Tolerance \\d+%: error'
    ])
  })

  it('reads colons inside a quoted regex, and an unquoted regex whose colon is not a severity', () => {
    const [quoted] = parseAuditRules('name-pattern "[A-Z]+: \\d+": warning')
    expect(quoted.pattern?.source).toBe('[A-Z]+: \\d+')
    expect(quoted.pattern?.regex.test('AB: 12')).toBe(true)
    const [bare] = parseAuditRules('name-pattern ^[A-Z]+:\\d+$')
    expect([bare.pattern?.source, bare.severity]).toEqual(['^[A-Z]+:\\d+$', 'warning'])
    const [escaped] = parseAuditRules('require-parameter "Say \\"hi\\""')
    expect(escaped.parameter).toBe('Say "hi"')
  })

  it('gives an empty input no rules', () => {
    expect(parseAuditRules('')).toEqual([])
    expect(parseAuditRules('\n  \n# nothing yet\n')).toEqual([])
  })

  it.each([
    [
      'require-foot',
      /line 1 \("require-foot"\): unknown rule "require-foot"\. Accepted rules: recommended, require-part-choice, allowed-in-design, require-parameter <Name> \[<regex>\], .*name-pattern <regex>, require-stock \[<min>\], require-supplier, multi-source \[<n>\], require-octopart-id\./
    ],
    [
      '\n\nrequire-datasheet: fatal',
      /line 3 .*unknown severity "fatal"\. Accepted severities: error, warning/
    ],
    [
      'require-datasheet warning',
      /require-datasheet takes no arguments .*"warning" is one too many\. To set the severity write "require-datasheet: warning"/
    ],
    ['require-datasheet:', /a severity must follow ":"\. Accepted severities: error, warning/],
    [
      'require-parameter',
      /require-parameter needs <Name>\. Accepted: require-parameter <Name> \[<regex>\]/
    ],
    ['require-parameter ""', /<Name> is empty/],
    [
      'require-parameter Voltage Rating \\d+V',
      /takes at most 2 arguments .*"\\d\+V" is one too many\. Put a name or regex that holds spaces in double quotes/
    ],
    ['name-pattern', /name-pattern needs <regex>/],
    [
      'name-pattern CMP-(\\d+',
      /"CMP-\(\\d\+" is not a valid regular expression \(Invalid regular expression: .*\)\. Accepted: a JavaScript regular expression/
    ],
    ['require-parameter Tolerance "[0-9"', /"\[0-9" is not a valid regular expression/],
    ['require-parameter "Tolerance', /a double quote is not closed/],
    ['recommended extra', /"recommended" takes no arguments/],
    [': warning', /the rule is missing/]
  ])('refuses %j, naming the line and what is accepted', (text, message) => {
    const error = errorOf(text)
    expect(error).toMatch(/^Input 'audit', line \d+ \(".*"\): /)
    expect(error).toMatch(message)
  })
})

describe('the audit inputs', () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'audit-inputs-'))
  const { read } = inputReader(
    { 'workspace-url': 'https://acme.365.altium.com', 'access-token': 't-1', publish: 'none' },
    { GITHUB_WORKSPACE: workspace }
  )

  it('defaults to no audit, scope all and fail-on error', () => {
    const inputs = read({})
    expect(inputs.audit).toEqual({ rules: [], scope: 'all' })
    expect(inputs.failOn).toBe('error')
  })

  it('counts lines from the top of the input, blank ones included', () => {
    expect(() => read({ audit: '\nrecommended\n\nrequire-foot' })).toThrow(
      /Input 'audit', line 4 \("require-foot"\)/
    )
  })

  it('reads audit-scope and fail-on, and refuses other values with the accepted ones', () => {
    const inputs = read({ audit: 'recommended', 'audit-scope': 'changed', 'fail-on': 'warning' })
    expect([inputs.audit.rules.length, inputs.audit.scope, inputs.failOn]).toEqual([
      7,
      'changed',
      'warning'
    ])
    expect(() => read({ 'audit-scope': 'new' })).toThrow(
      /Input 'audit-scope': "new" is not accepted\. Accepted: all, changed\./
    )
    expect(() => read({ 'fail-on': 'errors' })).toThrow(
      /Input 'fail-on': "errors" is not accepted\. Accepted: never, error, warning, change\./
    )
  })
})
