import { lineOfRecord } from '../csv/csv-file.js'
import { compareText } from '../library/columns.js'
import type { ComponentNode, ManufacturerPartNode } from '../library/component-node.js'
import type { AuditFinding } from './finding.js'
import type { AuditRule } from './rules.js'

/** How many other names a unique-mpn message spells out before it says "and N more". */
const NAMED_OTHERS = 5

/**
 * unique-mpn: which rows list each manufacturer + MPN (compared without regard to case or
 * surrounding spaces). A component that lists the same part twice is not a duplicate.
 */
export class PartIndex {
  // Most parts appear once: the first row is kept as a number, a list is made only for a part seen
  // again.
  private readonly rowsByPart = new Map<string, number | number[]>()
  private readonly repeated: [string, number[]][] = []

  add(row: number, component: ComponentNode): void {
    for (const choice of component.manufacturerParts ?? []) {
      const key = partKey(choice)
      if (key === undefined) continue
      const earlier = this.rowsByPart.get(key)
      if (earlier === undefined) {
        this.rowsByPart.set(key, row)
      } else if (typeof earlier !== 'number') {
        if (earlier[earlier.length - 1] !== row) earlier.push(row)
      } else if (earlier !== row) {
        const rows = [earlier, row]
        this.rowsByPart.set(key, rows)
        this.repeated.push([key, rows])
      }
    }
  }

  /**
   * One finding per part listed by more than one component. It sits on the first of them that is
   * in scope and names the others, which may be out of scope.
   */
  findings(
    rule: AuditRule,
    components: readonly ComponentNode[],
    inScope: (row: number) => boolean
  ): AuditFinding[] {
    const findings: AuditFinding[] = []
    for (const [key, rows] of this.repeated) {
      const anchor = rows.find(inScope)
      if (anchor === undefined) continue
      const others = rows.filter((row) => row !== anchor).map((row) => components[row].name ?? '')
      const named = others.slice(0, NAMED_OTHERS).join(', ')
      const more = others.length > NAMED_OTHERS ? ` and ${others.length - NAMED_OTHERS} more` : ''
      findings.push({
        rule: rule.text,
        severity: rule.severity,
        component: components[anchor].name ?? '',
        line: lineOfRecord(anchor),
        message: `shares the part choice ${partLabel(components[anchor], key)} with ${named}${more}`,
        others
      })
    }
    return findings.sort((a, b) => a.line - b.line || compareText(a.message, b.message))
  }
}

/** Manufacturer and MPN, trimmed and lowercased; undefined for a part choice with no MPN. */
function partKey(choice: ManufacturerPartNode): string | undefined {
  const mpn = (choice.partNumber ?? '').trim()
  if (mpn === '') return undefined
  return `${(choice.companyName ?? '').trim()}\u0000${mpn}`.toLowerCase()
}

/** How the component itself spells the part: `Yageo RC0603FR-0710KL`. */
function partLabel(component: ComponentNode, key: string): string {
  const choice = (component.manufacturerParts ?? []).find((c) => partKey(c) === key)
  const manufacturer = (choice?.companyName ?? '').trim()
  const mpn = (choice?.partNumber ?? '').trim()
  return manufacturer ? `${manufacturer} ${mpn}` : mpn
}
