/**
 * The stand-in's switches for faults of the wire, the token endpoint and the workspace, seen
 * from a plain HTTP client, so that the fault suite can trust what each switch does.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { startStandIn, type StandIn } from '../../local-altium/index.js'
import { requestRefreshGrant } from '../helpers/stand-in-client.js'

const NAMES = '{ desLibrary { components(first: 3) { nodes { name } } } }'

/** The fields these tests read from GraphQL and OAuth answers. */
interface Answer {
  data?: { desWorkspaceInfos: { url: string; location: { apiServiceUrl: string } }[] } | null
  errors: { extensions: { code: string } }[]
  extensions?: { requestId?: string }
  access_token: string
  refresh_token: string
  error?: string
}

function answer(reply: Response): Promise<Answer> {
  return reply.json() as Promise<Answer>
}

let altium: StandIn
beforeAll(async () => {
  altium = await startStandIn({ seed: 5, componentCount: 12 })
})
afterEach(() => {
  altium.setOptions({
    faults: undefined,
    authStyle: undefined,
    tokenExpiresAfterCalls: undefined
  })
  altium.resetStats()
})
afterAll(() => altium.close())

function query(url = altium.apiUrl, timeoutMs = 5000): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${altium.credentials.accessToken}`
    },
    body: JSON.stringify({ query: NAMES }),
    signal: AbortSignal.timeout(timeoutMs)
  })
}

function refresh(server: StandIn = altium, refreshToken?: string): Promise<Response> {
  return requestRefreshGrant(server, refreshToken)
}

describe('faults of the wire', () => {
  it.each([500, 502, 503] as const)('answers HTTP %i with an HTML error page', async (status) => {
    altium.setOptions({ faults: { unavailableRate: 1, unavailableStatus: status } })
    const reply = await query()
    expect(reply.status).toBe(status)
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await reply.text()).toContain(`<title>${status} `)
  })

  it('sends the configured Retry-After with 429 LIMIT_EXCEEDED', async () => {
    altium.setOptions({ faults: { rateLimitRate: 1, retryAfter: '7' } })
    const reply = await query()
    expect(reply.status).toBe(429)
    expect(reply.headers.get('retry-after')).toBe('7')
    expect((await answer(reply)).errors[0].extensions.code).toBe('LIMIT_EXCEEDED')
  })

  it('answers LIMIT_EXCEEDED in HTTP 200 with a request id', async () => {
    altium.setOptions({ faults: { limitExceededRate: 1 } })
    const reply = await query()
    const body = await answer(reply)
    expect(reply.status).toBe(200)
    expect(body).toMatchObject({
      data: null,
      errors: [{ extensions: { code: 'LIMIT_EXCEEDED' } }],
      extensions: { requestId: expect.any(String) }
    })
  })

  it('keeps a hanging request silent until the client gives up', async () => {
    altium.setOptions({ faults: { hangRate: 1 } })
    await expect(query(altium.apiUrl, 300)).rejects.toThrow(/aborted/i)
    expect(altium.stats.requests.at(-1)?.status).toBe(0)
  })

  it('resets the connection in the middle of the body', async () => {
    altium.setOptions({ faults: { resetRate: 1 } })
    const reply = await query()
    expect(reply.status).toBe(200)
    await expect(reply.text()).rejects.toThrow(/terminated/)
  })

  it('sends a JSON body cut short, or an HTML page, with HTTP 200', async () => {
    altium.setOptions({ faults: { truncatedRate: 1 } })
    const cut = await query()
    expect(cut.status).toBe(200)
    await expect(cut.json()).rejects.toThrow()

    altium.setOptions({ faults: { notJsonRate: 1 } })
    const page = await query()
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await page.text()).toMatch(/^<!DOCTYPE html>/)
  })

  it('redirects to the configured address', async () => {
    altium.setOptions({ faults: { redirectTo: 'http://127.0.0.1:9/elsewhere' } })
    const reply = await query()
    expect(reply.status).toBe(307)
    expect(reply.headers.get('location')).toBe('http://127.0.0.1:9/elsewhere')
  })

  it('strikes only the endpoint chosen, and stops after the fault budget', async () => {
    altium.setOptions({ faults: { notJsonRate: 1, transportFaultsOn: 'token', faultBudget: 2 } })
    expect((await query()).headers.get('content-type')).toMatch(/json/)
    expect((await refresh()).headers.get('content-type')).toMatch(/^text\/html/)
    expect((await refresh()).headers.get('content-type')).toMatch(/^text\/html/)
    const third = await refresh()
    expect(third.status).toBe(200)
    expect((await answer(third)).access_token).toEqual(expect.any(String))
    expect(altium.stats.faultsInjected).toBe(2)
  })
})

describe('faults of the token endpoint', () => {
  it.each(['invalid_grant', 'invalid_client', 'unauthorized_client', 'access_denied'] as const)(
    'refuses with %s after the configured number of grants',
    async (error) => {
      altium.setOptions({ faults: { tokenError: error, tokenErrorAfterGrants: 1 } })
      expect((await refresh()).status).toBe(200)
      const refused = await refresh()
      expect(refused.status).toBe(400)
      expect((await answer(refused)).error).toBe(error)
    }
  )

  it('records the refresh tokens it hands out when rotating', async () => {
    // A stand-in of its own: rotation invalidates the stored refresh token for good.
    const rotating = await startStandIn({ seed: 5, componentCount: 3, rotateRefreshTokens: true })
    try {
      const rotated = (await answer(await refresh(rotating))).refresh_token
      expect(rotating.stats.issuedRefreshTokens).toEqual([rotated])
      expect((await refresh(rotating)).status).toBe(400)
      expect((await refresh(rotating, rotated)).status).toBe(200)
    } finally {
      await rotating.close()
    }
  })
})

describe('how the gateway refuses a token', () => {
  async function expiredAnswer(): Promise<{ status: number; code: string }> {
    const granted = (await answer(await refresh())).access_token
    const ask = () =>
      fetch(altium.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${granted}` },
        body: JSON.stringify({ query: NAMES })
      })
    await ask()
    const reply = await ask()
    return { status: reply.status, code: (await answer(reply)).errors[0].extensions.code }
  }

  it.each([
    [{}, 401, 'AUTH_EXPIRED_TOKEN'],
    [{ authErrorStatus: 200 as const }, 200, 'AUTH_EXPIRED_TOKEN'],
    [{ authErrorSpelling: 'pascal' as const }, 401, 'AuthExpiredToken'],
    [
      { authErrorStatus: 200 as const, authErrorSpelling: 'pascal' as const },
      200,
      'AuthExpiredToken'
    ]
  ])('answers an expired token, with %j, as HTTP %i %s', async (faults, status, code) => {
    altium.setOptions({ tokenExpiresAfterCalls: 1, faults })
    expect(await expiredAnswer()).toEqual({ status, code })
  })
})

describe('faults of the workspace', () => {
  it('denies the home workspace with AUTH_WORKSPACE_ACCESS when its access is withdrawn', async () => {
    altium.setOptions({ faults: { workspaceAccessDenied: true } })
    const body = await answer(await query())
    expect(body.data).toBeNull()
    expect(body.errors[0].extensions.code).toBe('AUTH_WORKSPACE_ACCESS')
  })

  it('lists the configured apiServiceUrl for the home workspace', async () => {
    altium.setOptions({ faults: { discoveredApiUrl: 'https://api.attacker.example/graphql' } })
    const reply = await fetch(altium.apiUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${altium.credentials.accessToken}`
      },
      body: JSON.stringify({ query: '{ desWorkspaceInfos { url location { apiServiceUrl } } }' })
    })
    const listed = (await answer(reply)).data?.desWorkspaceInfos ?? []
    expect(listed.find((w) => w.url === altium.workspaceUrl)?.location.apiServiceUrl).toBe(
      'https://api.attacker.example/graphql'
    )
  })
})

describe('hostile answers', () => {
  const INFOS = '{ desWorkspaceInfos { url name location { apiServiceUrl name } } }'
  const HOSTILE = '\n::stop-commands::pwned'

  function ask(document: string): Promise<Response> {
    return fetch(altium.apiUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${altium.credentials.accessToken}`,
        'accept-encoding': 'identity'
      },
      body: JSON.stringify({ query: document })
    })
  }

  it('puts the hostile text into the workspace and region names and the error messages', async () => {
    altium.setOptions({ faults: { hostileText: HOSTILE } })
    const infos = (await (await ask(INFOS)).json()) as {
      data: { desWorkspaceInfos: { url: string; name: string; location: { name: string } }[] }
    }
    const home = infos.data.desWorkspaceInfos.find((w) => w.url === altium.workspaceUrl)
    expect(home?.name).toBe(`Acme Hardware${HOSTILE}`)
    expect(home?.location.name).toBe(`Europe${HOSTILE}`)

    altium.setOptions({ faults: { hostileText: HOSTILE, workspaceAccessDenied: true } })
    const denied = (await (await ask(NAMES)).json()) as { errors: { message: string }[] }
    expect(denied.errors[0].message).toBe(`The workspace cannot be accessed.${HOSTILE}`)

    altium.setOptions({ faults: { hostileText: HOSTILE, tokenError: 'invalid_grant' } })
    const refused = (await (await refresh()).json()) as { error_description: string }
    expect(refused.error_description).toMatch(new RegExp(`revoked\\.${HOSTILE}$`))
  })

  it('echoes the whole form body in the token error when told to', async () => {
    altium.setOptions({ faults: { tokenEchoesForm: true } })
    const reply = await refresh()
    expect(reply.status).toBe(400)
    const body = (await reply.json()) as { error: string; error_description: string }
    expect(body.error).toBe('invalid_request')
    expect(body.error_description).toContain(
      `client_secret=${encodeURIComponent(altium.credentials.clientSecret)}`
    )
  })

  it('answers with a gzip bomb of the size asked for', async () => {
    altium.setOptions({ faults: { gzipBombRate: 1, gzipBombBytes: 40 * 1024 * 1024 } })
    const reply = await ask(NAMES)
    expect(reply.headers.get('content-encoding')).toBe('gzip')
    expect(Number(reply.headers.get('content-length'))).toBeLessThan(200 * 1024)
    // fetch decompresses: the body is the whole 40 MiB of zeros.
    expect((await reply.arrayBuffer()).byteLength).toBe(40 * 1024 * 1024)
  })

  it('accepts the credentials it is given instead of the seeded ones', async () => {
    const chosen = await startStandIn({
      seed: 5,
      componentCount: 3,
      credentials: {
        clientSecret: 'cs-Alpha7',
        password: 'cs-Alpha7-Winter2025!',
        username: 'acme'
      }
    })
    try {
      expect(chosen.credentials).toMatchObject({ clientSecret: 'cs-Alpha7', username: 'acme' })
      const c = chosen.credentials
      const granted = await fetch(chosen.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          username: 'acme',
          password: 'cs-Alpha7-Winter2025!',
          client_id: c.clientId,
          client_secret: 'cs-Alpha7',
          scope: 'design.domain'
        })
      })
      expect(granted.status).toBe(200)
    } finally {
      await chosen.close()
    }
  })
})
