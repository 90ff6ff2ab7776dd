/**
 * The GitHub REST client honours HTTPS_PROXY through @actions/github's own proxy support, which
 * reads the runner's environment when the client is first loaded (docs/proxy.md).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { Deadline } from '../../src/api/deadline.js'
import { Logger } from '../../src/logger.js'
import { GitHubApi } from '../../src/publish/github-api.js'
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js'

let proxy: ConnectProxy
beforeAll(async () => {
  proxy = await startConnectProxy()
  // Set before the client is loaded: @actions/github decides its proxy then.
  process.env.GITHUB_API_URL = 'https://github.test'
  process.env.HTTPS_PROXY = `http://127.0.0.1:${proxy.port}`
})
afterAll(async () => {
  delete process.env.GITHUB_API_URL
  delete process.env.HTTPS_PROXY
  await proxy.close()
})

it('sends the GitHub API requests through the proxy, tunnelled', async () => {
  const github = await GitHubApi.connect({
    token: 'ghs_not-a-real-token-0123456789',
    apiUrl: 'https://github.test',
    repository: 'acme/parts',
    logger: new Logger(),
    deadline: new Deadline(2_000)
  })

  // The proxy refuses every host but the stand-in's, so the call fails after it asked.
  await expect(github.defaultBranch()).rejects.toThrow()
  expect(proxy.record.connects[0]).toBe('github.test:443')
  expect(proxy.record.plainRequests).toEqual([])
  expect(Buffer.concat(proxy.record.received).toString('latin1')).not.toContain('ghs_not-a-real')
})
