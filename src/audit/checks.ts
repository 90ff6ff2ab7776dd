import {
  DATASHEET_PARAMETERS,
  findParameter,
  partChoices,
  sameIgnoringCase
} from '../library/columns.js'
import type { ComponentNode, ParameterNode } from '../library/component-node.js'
import type { AuditRule } from './rules.js'

const NO_DATASHEET = `has no datasheet (no ${DATASHEET_PARAMETERS.join(', ')} parameter and no linked datasheet)`

/** What is wrong with a component, as a sentence about it; undefined when it passes. */
export type ComponentCheck = (component: ComponentNode) => string | undefined

/**
 * The check of a rule that looks at one component at a time, with its fixed messages made once.
 * A value that holds only whitespace counts as empty. `unique-mpn` compares components with each
 * other, so it has no check here (it lives in audit.ts).
 */
export function componentCheck(rule: AuditRule): ComponentCheck | undefined {
  switch (rule.id) {
    case 'require-part-choice':
      return checkPartChoices
    case 'allowed-in-design': {
      const messages = new Map<string, string>()
      return (component) => {
        const state = component.revision?.details?.lifeCycleState
        // Unmanaged components, and workspaces without lifecycle management, have no state.
        if (state?.isAllowedInDesign !== false) return undefined
        const name = state.name ?? ''
        let message = messages.get(name)
        if (message === undefined) {
          message = `is in lifecycle state "${name}", which is not allowed in design`
          messages.set(name, message)
        }
        return message
      }
    }
    case 'require-parameter':
      return parameterCheck(rule)
    case 'require-footprint':
      return (component) =>
        hasName(component.details?.footprints) ? undefined : 'has no footprint'
    case 'require-symbol':
      return (component) => (hasName(component.details?.symbols) ? undefined : 'has no symbol')
    case 'require-datasheet':
      return (component) => (hasDatasheet(component) ? undefined : NO_DATASHEET)
    case 'require-description':
      return (component) => {
        const description = (component.description ?? '').trim()
        if (description === '') return 'has no description'
        return sameIgnoringCase(description, (component.name ?? '').trim())
          ? 'has a description that only repeats its name'
          : undefined
      }
    case 'name-pattern': {
      const regex = rule.pattern?.regex ?? /(?:)/
      const message = `does not have a name matching ${rule.pattern?.source}`
      return (component) => (regex.test(component.name ?? '') ? undefined : message)
    }
    // unique-mpn compares components (audit.ts); the supply rules share figures (supply.ts).
    case 'unique-mpn':
    case 'require-stock':
    case 'require-supplier':
    case 'multi-source':
    case 'require-octopart-id':
      return undefined
  }
}

function blank(value: string | null | undefined): boolean {
  return (value ?? '').trim() === ''
}

function checkPartChoices(component: ComponentNode): string | undefined {
  const parts = component.manufacturerParts ?? []
  if (parts.length === 0) return 'has no part choice'
  if (!parts.some((part) => blank(part.companyName) || blank(part.partNumber))) return undefined
  // Numbered as the CSV's manufacturer-N / mpn-N columns number them.
  const choices = partChoices(component)
  const problems: string[] = []
  choices.forEach((choice, index) => {
    const noManufacturer = blank(choice.companyName)
    const noMpn = blank(choice.partNumber)
    if (!noManufacturer && !noMpn) return
    const missing =
      noManufacturer && noMpn ? 'manufacturer and MPN' : noMpn ? 'MPN' : 'manufacturer'
    const known = noMpn
      ? noManufacturer
        ? ''
        : ` (${choice.companyName})`
      : ` (${choice.partNumber})`
    problems.push(`part choice ${index + 1}${known} has no ${missing}`)
  })
  return problems.length ? problems.join('; ') : undefined
}

function parameterCheck(rule: AuditRule): ComponentCheck {
  const name = rule.parameter ?? ''
  const missing = `has no parameter "${name}"`
  const empty = `has parameter "${name}" empty`
  const pattern = rule.pattern
  return (component) => {
    const parameter = findParameter(component, name)
    if (!parameter) return missing
    if (blank(parameter.value)) return empty
    if (pattern && !pattern.regex.test(parameter.value)) {
      return `has parameter "${name}" = "${parameter.value}", which does not match ${pattern.source}`
    }
    return undefined
  }
}

function hasName(items: { name: string }[] | undefined): boolean {
  return (items ?? []).some((item) => !blank(item.name))
}

/** Any datasheet link parameter (revision or item level) that holds a value, or a datasheet. */
function hasDatasheet(component: ComponentNode): boolean {
  const details = component.details
  if (!details) return false
  return (
    hasName(details.datasheets) ||
    (details.parameters ?? []).some(isDatasheetLink) ||
    (details.itemParameters ?? []).some(isDatasheetLink)
  )
}

const DATASHEET_NAMES = new Set(DATASHEET_PARAMETERS.map((name) => name.toLowerCase()))
/** The names are ASCII, so only a name of one of their lengths can match one without case. */
const DATASHEET_NAME_LENGTHS = new Set(DATASHEET_PARAMETERS.map((name) => name.length))

function isDatasheetLink(parameter: ParameterNode): boolean {
  return (
    DATASHEET_NAME_LENGTHS.has(parameter.name.length) &&
    DATASHEET_NAMES.has(parameter.name.toLowerCase()) &&
    !blank(parameter.value)
  )
}
