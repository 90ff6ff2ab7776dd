/** Counters the job summary reports. */
export interface RunStats {
  tokenRequests: number
  graphqlRequests: number
  libraryRequests: number
  retries: number
  tokenRenewals: number
}

export function newRunStats(): RunStats {
  return { tokenRequests: 0, graphqlRequests: 0, libraryRequests: 0, retries: 0, tokenRenewals: 0 }
}
