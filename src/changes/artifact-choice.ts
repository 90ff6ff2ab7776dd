/** An artifact as GitHub's REST API lists it, with the fields the choice reads. */
export interface ListedArtifact {
  id: number
  name: string
  expired: boolean
  /** ISO 8601, e.g. 2026-11-27T06:00:12Z. */
  createdAt: string
  /** The run that uploaded it; GitHub leaves it out for some old artifacts. */
  workflowRun?: { id: number; headBranch: string }
}

/** Which earlier artifact may serve as the baseline. */
export interface ArtifactWanted {
  name: string
  /** The branch whose history counts: the run's branch, or a pull request's base branch. */
  branch: string
  /** This run (GITHUB_RUN_ID): its own artifacts are never its baseline. */
  runId: string
}

/**
 * The newest artifact of that name uploaded by another run on the same branch and not expired;
 * undefined when there is none (a first export).
 */
export function chooseBaselineArtifact(
  artifacts: readonly ListedArtifact[],
  wanted: ArtifactWanted
): ListedArtifact | undefined {
  const candidates = artifacts.filter(
    (a) =>
      a.name === wanted.name &&
      !a.expired &&
      a.workflowRun !== undefined &&
      a.workflowRun.headBranch === wanted.branch &&
      String(a.workflowRun.id) !== wanted.runId &&
      !Number.isNaN(Date.parse(a.createdAt))
  )
  // Newest first; on the same second, the later id (GitHub numbers artifacts in upload order).
  candidates.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id)
  return candidates[0]
}
