import { partChoices, sameIgnoringCase } from '../library/columns.js'
import type { ComponentNode, ManufacturerPartNode } from '../library/component-node.js'
import type { AuditRule } from './rules.js'

/**
 * What the supply rules (`require-stock`, `require-supplier`, `multi-source`,
 * `require-octopart-id`) know of one component's part choices. Every supply finding carries them
 * into the JSON report.
 */
export interface SupplyFigures {
  partChoices: number
  /** Supplier parts over every part choice. */
  supplierParts: number
  /** Different manufacturers, compared without regard to case or surrounding spaces; blank ones left out. */
  manufacturers: number
  /** Part choices with no supplier part. */
  withoutSupplier: number
  /** Part choices with no Octopart id (or a blank one). */
  withoutOctopartId: number
  /** Units in stock over every stock entry of every supplier part (only with `require-stock`). */
  stock?: number
  /** Stock entries whose quantity is not a number of at least 0, counted as 0 (with `stock`). */
  unreadableStock?: number
}

/** A supply rule's verdict on one component, from its figures: a sentence, or undefined. */
export type SupplyCheck = (figures: SupplyFigures, component: ComponentNode) => string | undefined

/**
 * The figures of a component that has at least one part choice; undefined for one with none,
 * which is `require-part-choice`'s finding, not a supply finding. Stock is summed only when asked.
 */
export function supplyFigures(
  component: ComponentNode,
  withStock: boolean
): SupplyFigures | undefined {
  const choices = component.manufacturerParts
  if (!choices?.length) return undefined
  let supplierParts = 0
  let withoutSupplier = 0
  let withoutOctopartId = 0
  let stock = 0
  let unreadableStock = 0
  for (const choice of choices) {
    const suppliers = choice.supplierParts ?? NONE
    supplierParts += suppliers.length
    if (suppliers.length === 0) withoutSupplier++
    if (blank(choice.octopartId)) withoutOctopartId++
    if (!withStock) continue
    for (const supplier of suppliers) {
      for (const entry of supplier.stocks ?? NONE) {
        const value = entry?.quantity
        // Most quantities are plain numbers: only text goes through the parser.
        const quantity =
          typeof value === 'number' && value >= 0 && value !== Infinity
            ? value
            : stockQuantity(value)
        if (quantity === undefined) unreadableStock++
        else stock += quantity
      }
    }
  }
  // One shape for every component: the stock fields are undefined, so left out of the JSON, without it.
  return {
    partChoices: choices.length,
    supplierParts,
    manufacturers: countManufacturers(choices),
    withoutSupplier,
    withoutOctopartId,
    stock: withStock ? stock : undefined,
    unreadableStock: withStock ? unreadableStock : undefined
  }
}

/** What a missing list reads as, without a new empty array for each (most stock lists are null). */
const NONE: readonly never[] = []

/** `manufacturerNames(choices).length`, without a map or a lowercased copy for the few a component has. */
function countManufacturers(choices: readonly ManufacturerPartNode[]): number {
  if (choices.length === 1) return blank(choices[0].companyName) ? 0 : 1
  let distinct = 0
  for (let i = 0; i < choices.length; i++) {
    const name = (choices[i].companyName ?? '').trim()
    if (name === '') continue
    let seen = false
    for (let j = 0; j < i && !seen; j++) {
      seen = sameIgnoringCase(name, (choices[j].companyName ?? '').trim())
    }
    if (!seen) distinct++
  }
  return distinct
}

/** A decimal number of at least 0, as the number or the text `Decimal` may arrive as. */
const DECIMAL = /^\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * A stock quantity as a number of units, or undefined when it is not a number of at least 0
 * (negative, `NaN`, `"n/a"`, `"1,200"`): the audit counts those as 0 and says how many there were.
 */
export function stockQuantity(value: unknown): number | undefined {
  const quantity =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && DECIMAL.test(value.trim())
        ? Number(value.trim())
        : NaN
  return Number.isFinite(quantity) && quantity >= 0 ? quantity : undefined
}

/** The check of a supply rule; undefined for a rule that is not one. */
export function supplyCheck(rule: AuditRule): SupplyCheck | undefined {
  switch (rule.id) {
    case 'require-stock': {
      const min = rule.threshold ?? 1
      const below = min > 1 ? `, fewer than ${count(min)}` : ''
      const messages = new Map<string, string>()
      return (figures) => {
        const stock = figures.stock ?? 0
        if (stock >= min) return undefined
        const unreadable = figures.unreadableStock ?? 0
        // Most such components share a message ("0 in stock across 1 part choice and …"): one
        // string for all of them keeps 100,000 findings small.
        const key = `${stock}/${figures.partChoices}/${figures.supplierParts}/${unreadable}`
        let message = messages.get(key)
        if (message === undefined) {
          message =
            `${count(stock)} in stock${below} across ${plural(figures.partChoices, 'part choice')} ` +
            `and ${plural(figures.supplierParts, 'supplier part')}` +
            (unreadable
              ? ` (${unreadable} stock ${unreadable === 1 ? 'quantity is' : 'quantities are'} not ` +
                'a number of at least 0 and counted as 0)'
              : '')
          messages.set(key, message)
        }
        return message
      }
    }
    case 'require-supplier':
      return lackingCheck(
        'no supplier part',
        (figures) => figures.withoutSupplier,
        (choice) => Boolean(choice.supplierParts?.length)
      )
    case 'multi-source': {
      const least = rule.threshold ?? 2
      const messages = new Map<string, string>()
      return (figures, component) => {
        if (figures.manufacturers >= least) return undefined
        const choices = component.manufacturerParts ?? []
        const names =
          choices.length === 1
            ? blank(choices[0].companyName)
              ? []
              : [(choices[0].companyName as string).trim()]
            : manufacturerNames(partChoices(component))
        // Shared, like require-stock's: the same manufacturers make the same message.
        const key = `${figures.partChoices}\u0000${names.join('\u0000')}`
        let message = messages.get(key)
        if (message === undefined) {
          const named = names.length ? ` (${names.join(', ')})` : ''
          const across = `across ${plural(figures.partChoices, 'part choice')}`
          const makers = plural(figures.manufacturers, 'manufacturer')
          message =
            least === 2
              ? `single-sourced: ${makers}${named} ${across}`
              : `${makers}${named} ${across}, fewer than ${least}`
          messages.set(key, message)
        }
        return message
      }
    }
    case 'require-octopart-id':
      return lackingCheck(
        'no Octopart id',
        (figures) => figures.withoutOctopartId,
        (choice) => !blank(choice.octopartId)
      )
    default:
      return undefined
  }
}

/** How many part choices a component names before it says "and N more". */
const NAMED_CHOICES = 3

/**
 * A check that names the part choices lacking something: `1 of 2 part choices has no supplier
 * part: Yageo RC0603FR-0710KL`. Written as plain loops: tens of thousands of components may lack it.
 */
function lackingCheck(
  what: string,
  lacking: (figures: SupplyFigures) => number,
  has: (choice: ManufacturerPartNode) => boolean
): SupplyCheck {
  const starts = new Map<number, string>()
  return (figures, component) => {
    const missing = lacking(figures)
    if (missing === 0) return undefined
    const choices = component.manufacturerParts ?? []
    let named: string
    if (missing === 1) {
      named = choiceLabel(choices.find((choice) => !has(choice)) as ManufacturerPartNode)
    } else {
      // Named in priority order, as the CSV's manufacturer-N / mpn-N columns number them.
      const labels = partChoices(component)
        .filter((choice) => !has(choice))
        .map(choiceLabel)
      named = labels.slice(0, NAMED_CHOICES).join(', ')
      if (labels.length > NAMED_CHOICES) named += ` and ${labels.length - NAMED_CHOICES} more`
    }
    // `1 of 2 part choices has no supplier part: `, made once for each pair of numbers.
    const key = figures.partChoices * 1024 + missing
    let start = starts.get(key)
    if (start === undefined) {
      start =
        `${missing} of ${plural(figures.partChoices, 'part choice')} ` +
        `${missing === 1 ? 'has' : 'have'} ${what}: `
      starts.set(key, start)
    }
    return start + named
  }
}

function choiceLabel(choice: ManufacturerPartNode): string {
  const manufacturer = (choice.companyName ?? '').trim()
  const mpn = (choice.partNumber ?? '').trim()
  return manufacturer && mpn
    ? `${manufacturer} ${mpn}`
    : manufacturer || mpn || '(no manufacturer or MPN)'
}

/** Each manufacturer once, as first spelled (trimmed); `Yageo` and ` YAGEO` are one. */
function manufacturerNames(choices: readonly ManufacturerPartNode[]): string[] {
  const names = new Map<string, string>()
  for (const choice of choices) {
    const name = (choice.companyName ?? '').trim()
    if (name === '') continue
    const key = name.toLowerCase()
    if (!names.has(key)) names.set(key, name)
  }
  return [...names.values()]
}

function blank(value: string | null | undefined): boolean {
  return !value || value.trim() === ''
}

/** Made once: `toLocaleString` builds a formatter on every call, too slow for 100,000 findings. */
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 })

/** `12,500`, `0.5`; small whole numbers (most counts) without the formatter. */
function count(n: number): string {
  return Number.isInteger(n) && n < 1000 && n >= 0 ? String(n) : NUMBER_FORMAT.format(n)
}

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`
}
