import { partChoices } from '../library/columns.js'
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
    const suppliers = choice.supplierParts ?? []
    supplierParts += suppliers.length
    if (suppliers.length === 0) withoutSupplier++
    if (blank(choice.octopartId)) withoutOctopartId++
    if (!withStock) continue
    for (const supplier of suppliers) {
      for (const entry of supplier.stocks ?? []) {
        const quantity = stockQuantity(entry?.quantity)
        if (quantity === undefined) unreadableStock++
        else stock += quantity
      }
    }
  }
  const figures: SupplyFigures = {
    partChoices: choices.length,
    supplierParts,
    manufacturers:
      choices.length === 1
        ? Number(!blank(choices[0].companyName))
        : manufacturerNames(choices).length,
    withoutSupplier,
    withoutOctopartId
  }
  if (withStock) Object.assign(figures, { stock, unreadableStock })
  return figures
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
      return (figures) => {
        const stock = figures.stock ?? 0
        if (stock >= min) return undefined
        const unreadable = figures.unreadableStock ?? 0
        return (
          `${count(stock)} in stock${below} across ${plural(figures.partChoices, 'part choice')} ` +
          `and ${plural(figures.supplierParts, 'supplier part')}` +
          (unreadable
            ? ` (${unreadable} stock ${unreadable === 1 ? 'quantity is' : 'quantities are'} not ` +
              'a number of at least 0 and counted as 0)'
            : '')
        )
      }
    }
    case 'require-supplier':
      return (figures, component) =>
        figures.withoutSupplier === 0
          ? undefined
          : lacking(figures, figures.withoutSupplier, 'no supplier part', component, (choice) =>
              Boolean(choice.supplierParts?.length)
            )
    case 'multi-source': {
      const least = rule.threshold ?? 2
      return (figures, component) => {
        if (figures.manufacturers >= least) return undefined
        const names = manufacturerNames(partChoices(component))
        const named = names.length ? ` (${names.join(', ')})` : ''
        const across = `across ${plural(figures.partChoices, 'part choice')}`
        return least === 2
          ? `single-sourced: ${plural(figures.manufacturers, 'manufacturer')}${named} ${across}`
          : `${plural(figures.manufacturers, 'manufacturer')}${named} ${across}, fewer than ${least}`
      }
    }
    case 'require-octopart-id':
      return (figures, component) =>
        figures.withoutOctopartId === 0
          ? undefined
          : lacking(
              figures,
              figures.withoutOctopartId,
              'no Octopart id',
              component,
              (choice) => !blank(choice.octopartId)
            )
    default:
      return undefined
  }
}

/** How many part choices a component names before it says "and N more". */
const NAMED_CHOICES = 3

/** `1 of 2 part choices has no supplier part: Yageo RC0603FR-0710KL`. */
function lacking(
  figures: SupplyFigures,
  missing: number,
  what: string,
  component: ComponentNode,
  has: (choice: ManufacturerPartNode) => boolean
): string {
  // Named in priority order, as the CSV's manufacturer-N / mpn-N columns number them.
  const labels = partChoices(component)
    .filter((choice) => !has(choice))
    .map(choiceLabel)
  const named = labels.slice(0, NAMED_CHOICES).join(', ')
  const more = labels.length > NAMED_CHOICES ? ` and ${labels.length - NAMED_CHOICES} more` : ''
  return (
    `${missing} of ${plural(figures.partChoices, 'part choice')} ${missing === 1 ? 'has' : 'have'} ` +
    `${what}: ${named}${more}`
  )
}

function choiceLabel(choice: ManufacturerPartNode): string {
  const label = `${(choice.companyName ?? '').trim()} ${(choice.partNumber ?? '').trim()}`.trim()
  return label || '(no manufacturer or MPN)'
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
  return (value ?? '').trim() === ''
}

function count(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 })
}

function plural(n: number, word: string): string {
  return `${count(n)} ${word}${n === 1 ? '' : 's'}`
}
