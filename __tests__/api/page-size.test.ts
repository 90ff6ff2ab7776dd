import { describe, expect, it } from '@jest/globals'
import { AltiumApiError } from '../../src/api/errors.js'
import { AUTO_FIRST_SIZE, MAX_PAGE_SIZE, PageSizer } from '../../src/api/page-size.js'

const context = { endpoint: 'http://127.0.0.1:1/graphql', requestId: 'r-1' }
const costError = [
  { message: 'The maximum allowed field cost was exceeded.', extensions: { code: 'HC0047' } }
]
const tooMany = (max: number) => [
  { message: 'Too many items.', extensions: { code: 'HC0051', maxAllowedItems: max } }
]

/** Answers `pages` pages at the first try and returns the sizes asked for. */
function sizesAsked(sizer: PageSizer, pages: number): number[] {
  const sizes: number[] = []
  for (let i = 0; i < pages; i++) {
    sizes.push(sizer.size)
    sizer.answered(sizer.size)
  }
  return sizes
}

describe('page-size auto', () => {
  it('starts at 100 and doubles up to 1,000 while pages come back at the first try', () => {
    expect(sizesAsked(new PageSizer('auto'), 7)).toEqual([100, 200, 400, 800, 1000, 1000, 1000])
    expect(AUTO_FIRST_SIZE).toBe(100)
    expect(MAX_PAGE_SIZE).toBe(1000)
  })

  it('goes to the size HC0051 allows and never grows past it again', () => {
    const sizer = new PageSizer('auto')
    sizesAsked(sizer, 3) // 100, 200, 400 accepted; next is 800
    expect(sizer.refused(800, tooMany(500), context)).toBe(500)
    expect(sizesAsked(sizer, 3)).toEqual([500, 500, 500])
  })

  it('halves on a cost refusal (HC0047) and keeps the smaller size for the rest of the run', () => {
    const sizer = new PageSizer('auto')
    sizesAsked(sizer, 4) // up to 800 next
    expect(sizer.size).toBe(1000)
    expect(sizer.refused(1000, costError, context)).toBe(500)
    expect(sizesAsked(sizer, 2)).toEqual([500, 500])
  })

  it('halves a grown size after a page that needed retries, and stays there', () => {
    const sizer = new PageSizer('auto')
    sizesAsked(sizer, 3)
    expect(sizer.size).toBe(800)
    sizer.answered(800, 3)
    expect(sizesAsked(sizer, 2)).toEqual([400, 400])
  })

  it('does not blame the first size for retries', () => {
    const sizer = new PageSizer('auto')
    sizer.answered(100, 2)
    expect(sizer.size).toBe(100)
    sizer.answered(100)
    expect(sizer.size).toBe(200)
  })

  it('ignores the answer to a page of another size than the current one (a batch sent earlier)', () => {
    const sizer = new PageSizer('auto')
    sizer.answered(37)
    expect(sizer.size).toBe(100)
  })
})

describe('a fixed page size', () => {
  it('stays put while accepted and after retries', () => {
    const sizer = new PageSizer(250)
    expect(sizesAsked(sizer, 3)).toEqual([250, 250, 250])
    sizer.answered(250, 4)
    expect(sizer.size).toBe(250)
  })

  it('is still lowered when refused, halving without a number from the server', () => {
    const sizer = new PageSizer(250)
    expect(sizer.refused(250, costError, context)).toBe(125)
    expect(sizer.refused(125, tooMany(40), context)).toBe(40)
  })

  it('ignores a maxAllowedItems that is not below the size asked for', () => {
    const sizer = new PageSizer(100)
    expect(sizer.refused(100, tooMany(100), context)).toBe(50)
  })

  it('fails with the request id when even one component is refused', () => {
    const sizer = new PageSizer(1)
    let error: unknown
    try {
      sizer.refused(1, costError, context)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(AltiumApiError)
    expect((error as Error).message).toMatch(/refused even a page of one component: .*HC0047/)
  })
})
