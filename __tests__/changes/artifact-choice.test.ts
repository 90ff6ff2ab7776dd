import { describe, expect, it } from '@jest/globals'
import { chooseBaselineArtifact, type ListedArtifact } from '../../src/changes/artifact-choice.js'

const WANTED = { name: 'library-components', branch: 'main', runId: '500' }

function listed(
  id: number,
  createdAt: string,
  fields: Partial<ListedArtifact> & { runId?: number; branch?: string } = {}
): ListedArtifact {
  const { runId = id * 10, branch = 'main', ...rest } = fields
  return {
    id,
    name: 'library-components',
    expired: false,
    createdAt,
    workflowRun: { id: runId, headBranch: branch },
    ...rest
  }
}

describe('choosing the artifact to compare with', () => {
  it('takes the newest by upload time, whatever order the listing gives', () => {
    const artifacts = [
      listed(1, '2026-11-13T06:00:00Z'),
      listed(3, '2026-11-27T06:00:00Z'),
      listed(2, '2026-11-20T06:00:00Z')
    ]
    expect(chooseBaselineArtifact(artifacts, WANTED)?.id).toBe(3)
  })

  it('passes over expired ones, other branches, other names and this run', () => {
    const artifacts = [
      listed(1, '2026-11-20T06:00:00Z'),
      listed(2, '2026-12-01T06:00:00Z', { expired: true }),
      listed(3, '2026-12-02T06:00:00Z', { branch: 'feature' }),
      listed(4, '2026-12-03T06:00:00Z', { runId: 500 }),
      listed(5, '2026-12-03T07:00:00Z', { name: 'library-components-eu' }),
      listed(6, '2026-12-03T08:00:00Z', { workflowRun: undefined })
    ]
    expect(chooseBaselineArtifact(artifacts, WANTED)?.id).toBe(1)
  })

  it('finds none when only decoys are left: a first export', () => {
    const artifacts = [
      listed(2, '2026-12-01T06:00:00Z', { expired: true }),
      listed(4, '2026-12-03T06:00:00Z', { runId: 500 })
    ]
    expect(chooseBaselineArtifact(artifacts, WANTED)).toBeUndefined()
    expect(chooseBaselineArtifact([], WANTED)).toBeUndefined()
  })

  it('breaks a tie in upload time by the later id', () => {
    const artifacts = [listed(7, '2026-11-27T06:00:00Z'), listed(8, '2026-11-27T06:00:00Z')]
    expect(chooseBaselineArtifact(artifacts, WANTED)?.id).toBe(8)
  })
})
