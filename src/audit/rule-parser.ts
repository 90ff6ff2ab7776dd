import { Input } from '../constants.js'
import { InputError } from '../input-error.js'
import {
  RECOMMENDED,
  RULE_DEFINITIONS,
  RULE_HELP,
  SEVERITIES,
  ruleDefinition,
  type AuditRule,
  type RuleDefinition,
  type RuleId,
  type RulePattern,
  type Severity
} from './rules.js'

/**
 * Reads the `audit` input: one rule a line, `<rule> [<argument>…] [: <severity>]`.
 *
 * - Arguments are separated by spaces; one that holds spaces or a colon goes in double quotes
 *   (`"Voltage Rating"`), with `\"` for a quote inside.
 * - The severity (`error` or `warning`) follows the last colon outside quotes:
 *   `require-datasheet: error`, `require-parameter Tolerance "\d+%": warning`.
 * - `recommended` expands to the recommended rules; `recommended: warning` makes them all warnings.
 * - A later line for the same rule and arguments replaces the earlier one's severity, so
 *   `recommended: warning` followed by `require-part-choice: error` tightens one rule.
 * - Blank lines and lines starting with `#` are skipped.
 *
 * Every mistake is an InputError naming the line and what is accepted, before any request.
 */
export function parseAuditRules(text: string): AuditRule[] {
  const rules = new Map<string, AuditRule>()
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const at = `Input '${Input.Audit}', line ${index + 1} ("${line}")`
    const { body, severity } = splitSeverity(line, at)
    const [name, ...args] = tokenize(body, at)
    if (name === undefined) {
      throw new InputError(`${at}: the rule is missing. Accepted rules: ${RULE_HELP}.`)
    }
    if (name.toLowerCase() === RECOMMENDED) {
      if (args.length) {
        throw new InputError(
          `${at}: "${RECOMMENDED}" takes no arguments. To set the severity of the whole set write ` +
            `"${RECOMMENDED}: warning".`
        )
      }
      for (const definition of RULE_DEFINITIONS.filter((d) => d.recommended)) {
        const rule = buildRule(definition, [], severity ?? definition.defaultSeverity, at)
        rules.set(rule.text, rule)
      }
      return
    }
    const definition = ruleDefinition(name.toLowerCase())
    if (!definition) {
      throw new InputError(`${at}: unknown rule "${name}". Accepted rules: ${RULE_HELP}.`)
    }
    const rule = buildRule(definition, args, severity ?? definition.defaultSeverity, at)
    rules.set(rule.text, rule)
  })
  return [...rules.values()]
}

/** Splits `… : warning` off the line, at the last colon outside double quotes. */
function splitSeverity(line: string, at: string): { body: string; severity?: Severity } {
  let quoted = false
  let colon = -1
  for (let i = 0; i < line.length; i++) {
    if (quoted && line[i] === '\\' && line[i + 1] === '"') i++
    else if (line[i] === '"') quoted = !quoted
    else if (line[i] === ':' && !quoted) colon = i
  }
  if (colon < 0) return { body: line }
  const after = line.slice(colon + 1).trim()
  if (after === '') {
    throw new InputError(
      `${at}: a severity must follow ":". Accepted severities: ${SEVERITIES.join(', ')}. ` +
        'Put a regex that ends with ":" in double quotes.'
    )
  }
  // A colon inside an unquoted regex, e.g. `name-pattern ^[A-Z]+:\d+$`.
  if (!/^[A-Za-z]+$/.test(after)) return { body: line }
  const severity = after.toLowerCase() as Severity
  if (!SEVERITIES.includes(severity)) {
    throw new InputError(
      `${at}: unknown severity "${after}". Accepted severities: ${SEVERITIES.join(', ')}, ` +
        'e.g. "require-datasheet: warning". Put a regex that holds ":" in double quotes.'
    )
  }
  return { body: line.slice(0, colon).trim(), severity }
}

/** Words separated by spaces; `"…"` keeps spaces and colons, `\"` inside it is a quote. */
function tokenize(body: string, at: string): string[] {
  const tokens: string[] = []
  let i = 0
  while (i < body.length) {
    if (/\s/.test(body[i])) {
      i++
    } else if (body[i] === '"') {
      let token = ''
      i++
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\' && body[i + 1] === '"') {
          token += '"'
          i += 2
        } else {
          token += body[i++]
        }
      }
      if (i >= body.length) throw new InputError(`${at}: a double quote is not closed.`)
      i++
      if (i < body.length && !/\s/.test(body[i])) {
        throw new InputError(`${at}: put a space after the closing double quote.`)
      }
      tokens.push(token)
    } else {
      const start = i
      while (i < body.length && !/\s/.test(body[i])) i++
      tokens.push(body.slice(start, i))
    }
  }
  return tokens
}

function buildRule(
  definition: RuleDefinition,
  args: string[],
  severity: Severity,
  at: string
): AuditRule {
  const usage = [
    definition.id,
    ...definition.arguments.map((a) => (a.optional ? `[<${a.name}>]` : `<${a.name}>`))
  ].join(' ')
  const required = definition.arguments.filter((a) => !a.optional).length
  if (args.length < required) {
    const missing = definition.arguments[args.length]
    throw new InputError(
      `${at}: ${definition.id} needs <${missing.name}>. Accepted: ${usage}, ` +
        `e.g. ${EXAMPLES[definition.id]}.`
    )
  }
  if (args.length > definition.arguments.length) {
    const extra = args[definition.arguments.length]
    const hint = (SEVERITIES as readonly string[]).includes(extra.toLowerCase())
      ? ` To set the severity write "${[definition.id, ...args.slice(0, -1)].join(' ')}: ${extra}".`
      : definition.arguments.length
        ? ' Put a name or regex that holds spaces in double quotes, e.g. "Voltage Rating".'
        : ''
    const takes = definition.arguments.length
      ? `takes at most ${definition.arguments.length} argument${definition.arguments.length > 1 ? 's' : ''}`
      : 'takes no arguments'
    throw new InputError(
      `${at}: ${definition.id} ${takes} (${usage}); "${extra}" is one too many.${hint}`
    )
  }

  const rule: AuditRule = {
    id: definition.id,
    severity,
    text: [definition.id, ...args.map(quoteIfNeeded)].join(' ')
  }
  definition.arguments.forEach((argument, index) => {
    const value = args[index]
    if (value === undefined) return
    if (argument.kind === 'regex') {
      rule.pattern = compilePattern(value, at)
    } else if (argument.kind === 'count') {
      rule.threshold = parseThreshold(value, argument.name, argument.least, definition.id, at)
    } else {
      if (value.trim() === '') throw new InputError(`${at}: <${argument.name}> is empty.`)
      rule.parameter = value
    }
  })
  for (const argument of definition.arguments) {
    if (argument.kind === 'count') rule.threshold ??= argument.fallback
  }
  return rule
}

/** A whole number of at least `least`, written in digits: `100`, not `1e2`, `100.0` or `-1`. */
function parseThreshold(
  value: string,
  name: string,
  least: number,
  id: RuleId,
  at: string
): number {
  const threshold = /^\d{1,15}$/.test(value) ? Number(value) : NaN
  if (!(threshold >= least)) {
    throw new InputError(
      `${at}: <${name}> of ${id} must be a whole number of at least ${least} written in ` +
        `digits; "${value}" is not. Accepted: e.g. ${EXAMPLES[id]}.`
    )
  }
  return threshold
}

const EXAMPLES: Partial<Record<RuleId, string>> = {
  'require-parameter':
    '`require-parameter Tolerance` or `require-parameter "Voltage Rating" "\\d+ ?V"`',
  'name-pattern': '`name-pattern CMP-\\d{5}-\\d{6}`',
  'require-stock': '`require-stock` (at least 1 in stock) or `require-stock 1000`',
  'multi-source': '`multi-source` (at least 2 manufacturers) or `multi-source 3`'
}

/** Compiles the regex to match a whole value: `\d+%` accepts `5%`, not `±5%` or `5% typ`. */
export function compilePattern(source: string, at: string): RulePattern {
  if (source === '') throw new InputError(`${at}: the regex is empty.`)
  try {
    new RegExp(source)
  } catch (error) {
    throw new InputError(
      `${at}: "${source}" is not a valid regular expression ` +
        `(${error instanceof Error ? error.message : String(error)}). ` +
        'Accepted: a JavaScript regular expression, matched against the whole value.'
    )
  }
  return { source, regex: new RegExp(`^(?:${source})$`) }
}

function quoteIfNeeded(value: string): string {
  return value === '' || /[\s":]/.test(value) ? `"${value.replace(/"/g, '\\"')}"` : value
}
