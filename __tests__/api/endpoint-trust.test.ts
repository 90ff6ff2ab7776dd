import { describe, expect, it } from '@jest/globals'
import { trustedEndpoint } from '../../src/api/discovery.js'
import { isTrustedDiscoveredEndpoint, providerDomain } from '../../src/api/endpoints.js'

const trusted = (discovered: string, configured: string) =>
  isTrustedDiscoveredEndpoint(new URL(discovered), new URL(configured))

describe('where a discovered endpoint may take the token', () => {
  it.each([
    ['https://uw.api.nexar.com/graphql', 'https://api.nexar.com/graphql'],
    ['https://eu.api.nexar.com/graphql', 'https://api.nexar.com/graphql'],
    ['https://eur.365.altium.com/api/graphql', 'https://acme.365.altium.com/api/graphql'],
    ['https://use.365-gov.altium.com/api/graphql', 'https://acme.365-gov.altium.com/api/graphql'],
    ['https://EUR.365.ALTIUM.COM/api/graphql', 'https://acme.365.altium.com/api/graphql'],
    ['https://proxy.example.com/other/graphql', 'https://proxy.example.com/graphql'],
    ['http://127.0.0.1:4000/regional/eur/api/graphql', 'http://127.0.0.1:3999/graphql'],
    ['http://localhost:4000/graphql', 'http://127.0.0.1:3999/graphql']
  ])('sends it to %s found through %s', (discovered, configured) => {
    expect(trusted(discovered, configured)).toBe(true)
  })

  it.each([
    ['http://uw.api.nexar.com/graphql', 'https://api.nexar.com/graphql', 'plain http'],
    ['https://eur.365.altium.com/api/graphql', 'https://api.nexar.com/graphql', 'another provider'],
    [
      'https://uw.api.nexar.com/graphql',
      'https://acme.365.altium.com/api/graphql',
      'another provider'
    ],
    ['https://api.attacker.example/graphql', 'https://api.nexar.com/graphql', 'a stranger'],
    [
      'https://api.nexar.com.attacker.example/graphql',
      'https://api.nexar.com/graphql',
      'a look-alike'
    ],
    ['https://evilnexar.com/graphql', 'https://api.nexar.com/graphql', 'a look-alike'],
    ['https://user:pw@uw.api.nexar.com/graphql', 'https://api.nexar.com/graphql', 'credentials'],
    ['https://other.example.com/graphql', 'https://proxy.example.com/graphql', 'another host'],
    [
      'http://127.0.0.1:4000/graphql',
      'https://api.nexar.com/graphql',
      'loopback from a real service'
    ]
  ])('refuses %s found through %s (%s)', (discovered, configured) => {
    expect(trusted(discovered, configured)).toBe(false)
  })

  it('treats the Altium and Nexar domains as providers, any other host as its own', () => {
    expect(providerDomain('eur.365.altium.com')).toBe('altium.com')
    expect(providerDomain('altium.com')).toBe('altium.com')
    expect(providerDomain('uw.api.nexar.com')).toBe('nexar.com')
    expect(providerDomain('notaltium.com')).toBe('notaltium.com')
  })
})

describe('the discovered address the export uses', () => {
  const configured = 'https://api.nexar.com/graphql'

  it('is the parsed address, written out afresh without its fragment', () => {
    expect(
      trustedEndpoint('https://EU.api.nexar.com:443/graphql#<b>@octocat</b>', configured)
    ).toBe('https://eu.api.nexar.com/graphql')
  })

  it.each([
    ['https://eu.api.nexar.com/graphql#\n::warning title=Forged::x', /white space or control/],
    ['https://eu.api.nexar.com/graph ql', /white space or control/],
    ['https://eu.api.nexar.com/graphql\u0000', /white space or control/],
    ['eu.api.nexar.com/graphql', /not a URL/],
    ['', /no address/],
    [42, /no address/],
    [null, /no address/],
    [
      'https://eur.365.altium.com/api/graphql',
      /^https:\/\/eur\.365\.altium\.com\/api\/graphql, which is not an https address under the same provider as api\.nexar\.com$/
    ],
    ['http://eu.api.nexar.com/graphql', /not an https address/]
  ])('is refused for %j', (discovered, why) => {
    const answer = trustedEndpoint(discovered, configured)
    expect(typeof answer).toBe('object')
    expect((answer as { refused: string }).refused).toMatch(why)
  })
})
