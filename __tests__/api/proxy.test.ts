import { afterEach, describe, expect, it } from '@jest/globals'
import { checkBypass, getProxyUrl } from '@actions/http-client/lib/proxy'
import { checkProxyRoute, describeProxyUse, proxyFor } from '../../src/api/proxy.js'
import { readProxySettings } from '../../src/inputs/proxy-inputs.js'

const PROXY_NAMES = [
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy'
]
const saved = Object.fromEntries(PROXY_NAMES.map((name) => [name, process.env[name]]))
afterEach(() => {
  for (const name of PROXY_NAMES) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
})

const read = (env: NodeJS.ProcessEnv, masked: string[] = []) =>
  readProxySettings(env, (value) => masked.push(value))

describe('which requests go through the proxy', () => {
  const cases: [string, NodeJS.ProcessEnv][] = [
    ['https://api.nexar.com/graphql', { HTTPS_PROXY: 'http://proxy.corp:3128' }],
    ['https://api.nexar.com/graphql', { https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2' }],
    ['https://api.nexar.com/graphql', { HTTP_PROXY: 'http://proxy.corp:3128' }],
    ['https://api.nexar.com/graphql', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'nexar.com' }],
    ['https://api.nexar.com/graphql', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.nexar.com' }],
    ['https://api.nexar.com/graphql', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'api.nexar.com:443' }],
    [
      'https://api.nexar.com/graphql',
      { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'api.nexar.com:8443' }
    ],
    ['https://api.nexar.com/graphql', { HTTPS_PROXY: 'http://p:1', NO_PROXY: ' * ' }],
    ['https://api.nexar.com/graphql', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'evilnexar.com' }],
    [
      'https://api.nexar.com/graphql',
      { HTTPS_PROXY: 'http://p:1', no_proxy: 'x.org', NO_PROXY: '*' }
    ],
    ['https://API.NEXAR.COM/graphql', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'Nexar.Com' }],
    ['https://127.0.0.1:8443/graphql', { HTTPS_PROXY: 'http://p:1' }],
    ['https://localhost/graphql', { HTTPS_PROXY: 'http://p:1' }],
    ['https://[::1]:8443/graphql', { HTTPS_PROXY: 'http://p:1' }],
    ['http://127.0.0.1:3000/graphql', { HTTP_PROXY: 'http://p:1' }],
    ['http://altium.test/graphql', { HTTP_PROXY: 'http://p:1', NO_PROXY: 'altium.test:80' }]
  ]

  it.each(cases)('decides %s with %j as @actions/http-client does', (url, env) => {
    for (const name of PROXY_NAMES) delete process.env[name]
    Object.assign(process.env, env)
    const target = new URL(url)
    const theirs = checkBypass(target) ? undefined : getProxyUrl(target)?.href

    expect(proxyFor(target, read(env))?.url.href).toBe(theirs)
  })
})

describe('the proxy variables', () => {
  it('masks the password, as written and decoded, and shows the proxy without it', () => {
    const masked: string[] = []
    const settings = read({ HTTPS_PROXY: 'http://builder:s3cret%40pass@proxy.corp:3128' }, masked)

    expect(masked).toEqual(['s3cret%40pass', 's3cret@pass'])
    expect(settings.https?.shown).toBe('http://proxy.corp:3128')
    expect(settings.https?.variable).toBe('HTTPS_PROXY')
    expect(masked).not.toContain('builder')
  })

  it('takes a bare host:port as an http proxy', () => {
    expect(read({ https_proxy: 'proxy.corp:3128' }).https?.url.href).toBe('http://proxy.corp:3128/')
  })

  it.each([
    ['http://[proxy', 'is not a proxy address'],
    ['socks5://proxy.corp:1080', 'is a socks5 proxy, which the action does not speak'],
    ['http://:8080', 'is not a proxy address']
  ])('refuses %s, naming the variable', (value, says) => {
    expect(() => read({ http_proxy: value })).toThrow(`http_proxy: "${value}" ${says}`)
  })

  it('does not repeat a value that may hold a password', () => {
    expect(() => read({ HTTPS_PROXY: 'http://u:hidden-pw@proxy corp' })).toThrow(
      /^HTTPS_PROXY: its value is not a proxy address/
    )
    expect(() => read({ HTTPS_PROXY: 'http://u:hidden-pw@proxy corp' })).not.toThrow(/hidden-pw/)
  })
})

describe('a request the proxy would read in clear', () => {
  it('is refused, naming the variable and what to do', () => {
    const settings = read({ HTTP_PROXY: 'http://user:pw-in-url@proxy.corp:3128' })

    expect(() => checkProxyRoute(new URL('http://altium.test/connect/token'), settings)).toThrow(
      'HTTP_PROXY sends http://altium.test through the proxy http://proxy.corp:3128 in clear'
    )
    expect(() =>
      checkProxyRoute(new URL('http://altium.test/connect/token'), settings)
    ).not.toThrow(/pw-in-url/)
  })

  it('is not refused when it is https (tunnelled) or bypasses the proxy', () => {
    const settings = read({
      HTTP_PROXY: 'http://p:1',
      HTTPS_PROXY: 'http://p:1',
      NO_PROXY: 'b.test'
    })

    expect(checkProxyRoute(new URL('https://a.test/'), settings)?.variable).toBe('HTTPS_PROXY')
    expect(checkProxyRoute(new URL('http://b.test/'), settings)).toBeUndefined()
  })
})

describe('the log line', () => {
  it('names each proxy in use once, without credentials', () => {
    const settings = read({
      HTTPS_PROXY: 'http://u:secret-pw@proxy.corp:3128',
      NO_PROXY: 'auth.test'
    })

    expect(
      describeProxyUse(
        ['https://auth.test/t', 'https://api.test/g', 'https://eu.api.test/g'],
        settings
      )
    ).toBe('The Altium requests go through the proxy http://proxy.corp:3128 (HTTPS_PROXY).')
    expect(describeProxyUse(['https://auth.test/t'], settings)).toBeUndefined()
  })
})
