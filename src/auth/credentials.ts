import { Input } from '../constants.js'
import { InputError } from '../input-error.js'

/** The three ways to authenticate (docs/credentials.md#the-credential-sets). */
export type Credentials =
  | { kind: 'access-token'; accessToken: string }
  | { kind: 'refresh-token'; clientId: string; clientSecret: string; refreshToken: string }
  | {
      kind: 'password'
      clientId: string
      clientSecret: string
      username: string
      password: string
    }

export type CredentialInput =
  | Input.AccessToken
  | Input.ClientId
  | Input.ClientSecret
  | Input.RefreshToken
  | Input.Username
  | Input.Password

export const CREDENTIAL_INPUTS: CredentialInput[] = [
  Input.AccessToken,
  Input.ClientId,
  Input.ClientSecret,
  Input.RefreshToken,
  Input.Username,
  Input.Password
]

/** The credentials that are secret; `client-id` and `username` only say who is asking. */
export const SECRET_CREDENTIAL_INPUTS: CredentialInput[] = [
  Input.AccessToken,
  Input.ClientSecret,
  Input.RefreshToken,
  Input.Password
]

const CREDENTIAL_SETS: { kind: Credentials['kind']; inputs: CredentialInput[] }[] = [
  { kind: 'access-token', inputs: [Input.AccessToken] },
  { kind: 'refresh-token', inputs: [Input.ClientId, Input.ClientSecret, Input.RefreshToken] },
  { kind: 'password', inputs: [Input.ClientId, Input.ClientSecret, Input.Username, Input.Password] }
]

const SETS_HELP =
  'Give exactly one credential set: `access-token`; or `client-id`, `client-secret` and ' +
  '`refresh-token`; or `client-id`, `client-secret`, `username` and `password`. Each input may ' +
  'instead come from an environment variable such as ALTIUM_CLIENT_SECRET.'

/**
 * Picks the one complete credential set among the values given. Values are never echoed: a
 * message names inputs only.
 */
export function selectCredentials(values: Partial<Record<CredentialInput, string>>): Credentials {
  const given = CREDENTIAL_INPUTS.filter((input) => values[input])
  const complete = CREDENTIAL_SETS.filter((set) => set.inputs.every((input) => values[input]))
  if (given.length === 0) throw new InputError(`No Altium credentials were given. ${SETS_HELP}`)
  if (complete.length === 0) {
    // The sets the given inputs could belong to, and what each still lacks.
    const completions = CREDENTIAL_SETS.filter((set) =>
      given.every((input) => set.inputs.includes(input))
    )
      .map((set) => set.inputs.filter((input) => !values[input]))
      .sort((a, b) => a.length - b.length)
      .map((missing) => missing.map(quote).join(' and '))
    const lacking = completions.length
      ? `${completions.join(', or ')} missing`
      : 'and they do not belong to one set'
    throw new InputError(
      `The credentials are incomplete: ${given.map(quote).join(', ')} given, ${lacking}. ${SETS_HELP}`
    )
  }
  const chosen = complete.find((set) => given.every((input) => set.inputs.includes(input)))
  if (complete.length > 1 || !chosen) {
    throw new InputError(
      `The credentials are ambiguous: ${given.map(quote).join(', ')} were all given. ${SETS_HELP}`
    )
  }
  const v = values as Record<CredentialInput, string>
  switch (chosen.kind) {
    case 'access-token':
      return { kind: 'access-token', accessToken: v[Input.AccessToken] }
    case 'refresh-token':
      return {
        kind: 'refresh-token',
        clientId: v[Input.ClientId],
        clientSecret: v[Input.ClientSecret],
        refreshToken: v[Input.RefreshToken]
      }
    case 'password':
      return {
        kind: 'password',
        clientId: v[Input.ClientId],
        clientSecret: v[Input.ClientSecret],
        username: v[Input.Username],
        password: v[Input.Password]
      }
  }
}

/** How the credential set is named in messages, e.g. after a token endpoint rejection. */
export function describeCredentials(credentials: Credentials): string {
  switch (credentials.kind) {
    case 'access-token':
      return 'the ready access token (`access-token`)'
    case 'refresh-token':
      return 'the refresh-token set (`client-id`, `client-secret`, `refresh-token`)'
    case 'password':
      return 'the password set (`client-id`, `client-secret`, `username`, `password`)'
  }
}

function quote(input: string): string {
  return `\`${input}\``
}
