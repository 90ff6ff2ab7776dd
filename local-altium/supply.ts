// Supply data as the gateway serves it: stock that moves between requests, quantities that arrive
// as numbers or as decimal text (the schema's `Decimal`), and no stock or prices outside the library.
import { Kind, type GraphQLResolveInfo } from 'graphql'
import type { LibrarySupplierStock } from './library-types.js'

/** "Use prices and stocks with library components only (DesLibrary.components, desComponentById)." */
const LIBRARY_ROOTS = new Set([
  'desLibrary',
  'desComponentById',
  'desWorkspaceByUrl',
  'desWorkspaceById'
])

/** A well-mixed 32-bit number from two, so stock moves differently per request and per entry. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

function textKey(text: string): number {
  let h = 0
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0
  return h
}

/**
 * What the stock entry holds when the `request`-th GraphQL request asks for it: the generated
 * quantity moved up or down by up to half of it, different on every request. A quantity of 0 stays
 * 0 and any other stays at least 1, so which parts are out of stock is the library's own, and tests
 * can count them from `StandIn.library`; every other threshold sees the stock change between runs.
 * One entry in four arrives as decimal text (`"1520"` or `"1520.00"`), as a `Decimal` may.
 */
export function stockOnRequest(stock: LibrarySupplierStock, request: number): number | string {
  const base = stock.quantity
  const roll = mix(request, mix(textKey(stock.locationName), base))
  let served = base
  if (base > 0) {
    const half = Math.floor(base / 2)
    served = base - half + (roll % (2 * half + 1))
  }
  switch (roll >>> 29) {
    case 0:
      return String(served)
    case 1:
      return served.toFixed(2)
    default:
      return served
  }
}

/** Whether the field is read under a root field that serves library components with their supply. */
export function servedFromLibrary(info: GraphQLResolveInfo): boolean {
  let path = info.path
  while (path.prev) path = path.prev
  const responseKey = String(path.key)
  for (const selection of info.operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue
    if ((selection.alias ?? selection.name).value === responseKey) {
      return LIBRARY_ROOTS.has(selection.name.value)
    }
  }
  return false
}
