/**
 * `publish: artifact` asks the artifact client present whether it can upload, before the export,
 * when the runner's artifact variables are missing. Here the client is GitHub's own
 * (`@actions/artifact`), against the loopback results service; the debugger's replacement is
 * tried in local-action.e2e.test.ts.
 */
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import type { ArtifactInputs } from '../../src/publish/settings.js'
import { checkArtifactClient } from '../../src/publish/artifact.js'
import { PublishError } from '../../src/publish/publish-error.js'
import { startResultsService, type ResultsService } from '../../local-github/results-service.js'

const CLIENT_ENV = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL', 'GITHUB_SERVER_URL']
const savedEnv: Record<string, string | undefined> = {}
let results: ResultsService

beforeAll(async () => {
  results = await startResultsService()
  for (const name of CLIENT_ENV) savedEnv[name] = process.env[name]
})
afterAll(async () => {
  for (const name of CLIENT_ENV) {
    if (savedEnv[name] === undefined) delete process.env[name]
    else process.env[name] = savedEnv[name]
  }
  await results.close()
})
beforeEach(() => {
  results.reset()
  for (const name of CLIENT_ENV) delete process.env[name]
  // The client prints a warning of its own for some refusals; keep the test's output clean.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  jest.restoreAllMocks()
})

function settings(missingRuntime: string[], serverUrl = 'https://github.com'): ArtifactInputs {
  return {
    name: 'library-components',
    archive: true,
    run: { serverUrl, repository: 'acme/hardware', runId: '4242' },
    missingRuntime
  }
}

async function failureOf(promise: Promise<void>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason
  )
  expect(error).toBeInstanceOf(PublishError)
  return error as Error
}

describe('the artifact client check before the export', () => {
  it("stops with the runner's message when GitHub's client cannot upload without its variables", async () => {
    const error = await failureOf(
      checkArtifactClient(settings(['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL']))
    )
    expect(error.message).toMatch(
      /^Input 'publish': `artifact` uploads to the GitHub Actions artifact service, but ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set\..*set `publish: none`/
    )
    // With the token alone, the message names what is still missing.
    process.env.ACTIONS_RUNTIME_TOKEN = results.runtimeToken
    const partial = await failureOf(checkArtifactClient(settings(['ACTIONS_RESULTS_URL'])))
    expect(partial.message.match(/ACTIONS_\w+/g)).toEqual(['ACTIONS_RESULTS_URL'])
    expect(results.requests).toEqual([])
  })

  it('asks the client nothing when the runner set its variables', async () => {
    process.env.ACTIONS_RUNTIME_TOKEN = results.runtimeToken
    process.env.ACTIONS_RESULTS_URL = results.resultsUrl
    await expect(checkArtifactClient(settings([]))).resolves.toBeUndefined()
    expect(results.requests).toEqual([])
  })

  it("passes on the client's own reason when it refuses for another one", async () => {
    const serverUrl = 'https://github.acme-corp.example'
    process.env.GITHUB_SERVER_URL = serverUrl
    const error = await failureOf(
      checkArtifactClient(settings(['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'], serverUrl))
    )
    expect(error.message).toContain(`GitHub Enterprise Server (${serverUrl}) is not supported`)
    expect(error.message).toMatch(/`publish: none`/)
  })
})
