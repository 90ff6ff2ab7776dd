/**
 * The results-service stand-in on its own, spoken to with plain HTTP: what the artifact client
 * never does on purpose (out-of-order blocks, wrong tokens, unknown routes) but a stand-in must
 * get right for the tests built on it to mean anything.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startResultsService, type ResultsService } from '../../local-github/results-service.js'

let results: ResultsService

beforeAll(async () => {
  results = await startResultsService({ runBackendId: 'run-1', jobBackendId: 'job-1' })
})
afterAll(() => results.close())
beforeEach(() => results.reset())

async function call(
  method: string,
  body: Record<string, unknown>,
  token = results.runtimeToken
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(
    new URL(`twirp/github.actions.results.api.v1.ArtifactService/${method}`, results.resultsUrl),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        workflow_run_backend_id: 'run-1',
        workflow_job_run_backend_id: 'job-1',
        ...body
      })
    }
  )
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

function put(url: string, query: string, body: string): Promise<Response> {
  return fetch(`${url}&${query}`, { method: 'PUT', body })
}

describe('the results-service stand-in', () => {
  it('mints a runtime token whose scp names the run and the job', () => {
    const payload = JSON.parse(
      Buffer.from(results.runtimeToken.split('.')[1], 'base64url').toString('utf8')
    ) as { scp: string }
    expect(payload.scp.split(' ')).toContain('Actions.Results:run-1:job-1')
  })

  it('commits blocks in block-list order, whatever order they arrived in', async () => {
    const created = await call('CreateArtifact', { name: 'lib', mime_type: 'text/csv', version: 7 })
    expect(created.body.ok).toBe(true)
    const url = created.body.signed_upload_url as string
    const first = Buffer.from('block-1').toString('base64')
    const second = Buffer.from('block+2').toString('base64')
    expect(
      (await put(url, `comp=block&blockid=${encodeURIComponent(second)}`, 'world')).status
    ).toBe(201)
    expect(
      (await put(url, `comp=block&blockid=${encodeURIComponent(first)}`, 'hello ')).status
    ).toBe(201)
    const list = `<?xml version="1.0"?><BlockList><Latest>${first}</Latest><Latest>${second}</Latest></BlockList>`
    expect((await put(url, 'comp=blocklist', list)).status).toBe(201)
    const finalized = await call('FinalizeArtifact', { name: 'lib', size: '11', hash: 'sha256:x' })
    expect(finalized.body).toEqual({ ok: true, artifact_id: String(results.artifacts[0].id) })
    expect(results.artifacts[0]).toMatchObject({
      name: 'lib',
      mimeType: 'text/csv',
      finalized: true,
      size: 11,
      hash: 'sha256:x'
    })
    expect(results.artifacts[0].bytes?.toString()).toBe('hello world')
  })

  it('refuses a block list naming a block never uploaded, and a wrong signature', async () => {
    const created = await call('CreateArtifact', { name: 'lib', version: 7 })
    const url = created.body.signed_upload_url as string
    const list = '<BlockList><Latest>bm9wZQ==</Latest></BlockList>'
    expect((await put(url, 'comp=blocklist', list)).status).toBe(400)
    const forged = url.replace(/sig=[0-9a-f]+/, 'sig=0000')
    expect((await put(forged, 'comp=block&blockid=YQ%3D%3D', 'x')).status).toBe(403)
  })

  it('answers every refusal as JSON with a Twirp code', async () => {
    expect(await call('CreateArtifact', { name: 'lib' }, 'not-the-token')).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' }
    })
    expect(await call('GetSignedArtifactURL', { name: 'lib' })).toMatchObject({
      status: 404,
      body: { code: 'bad_route' }
    })
    expect(
      await call('CreateArtifact', { name: 'lib', workflow_run_backend_id: 'run-2' })
    ).toMatchObject({
      status: 400,
      body: { code: 'invalid_argument' }
    })
    await call('CreateArtifact', { name: 'lib' })
    expect(await call('CreateArtifact', { name: 'lib' })).toEqual({
      status: 409,
      body: {
        code: 'already_exists',
        msg: 'an artifact with this name already exists on the workflow run'
      }
    })
    const unknown = await fetch(new URL('nowhere', results.resultsUrl))
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ code: 'bad_route' })
  })

  it('lists and deletes finalized artifacts of the run by name', async () => {
    for (const name of ['a', 'b']) {
      await call('CreateArtifact', { name })
      await call('FinalizeArtifact', { name, size: '3' })
    }
    const listed = await call('ListArtifacts', { name_filter: 'b' })
    expect((listed.body.artifacts as { name: string }[]).map((a) => a.name)).toEqual(['b'])
    expect((await call('DeleteArtifact', { name: 'a' })).body.ok).toBe(true)
    expect(results.artifacts.map((a) => a.name)).toEqual(['b'])
    expect((await call('DeleteArtifact', { name: 'a' })).status).toBe(404)
  })

  it('fails the next calls as switched, then recovers', async () => {
    results.setFaults({ failNext: { status: 503, count: 2, method: 'CreateArtifact' } })
    expect((await call('ListArtifacts', {})).status).toBe(200)
    expect((await call('CreateArtifact', { name: 'x' })).status).toBe(503)
    expect((await call('CreateArtifact', { name: 'x' })).status).toBe(503)
    expect((await call('CreateArtifact', { name: 'x' })).status).toBe(200)
    results.setFaults({ notOk: ['FinalizeArtifact'] })
    expect((await call('FinalizeArtifact', { name: 'x' })).body).toEqual({ ok: false })
    expect(results.requests.map((r) => r.status)).toEqual([200, 503, 503, 200, 200])
  })
})
