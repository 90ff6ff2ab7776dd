// How the gateway answers a bad token: HTTP 401 or 200, codes in AUTH_EXPIRED_TOKEN or
// AuthExpiredToken spelling. `authStyle` picks the usual pair; the fault switches mix them.
import type { StandInState } from './state.js'

export interface AuthErrorStyle {
  status: 200 | 401
  spelling: 'upper-snake' | 'pascal'
}

export function authErrorStyle(state: StandInState): AuthErrorStyle {
  const { authStyle, faults } = state.options
  const nexar = authStyle === 'nexar'
  return {
    status: faults.authErrorStatus ?? (nexar ? 200 : 401),
    spelling: faults.authErrorSpelling ?? (nexar ? 'pascal' : 'upper-snake')
  }
}

export function authErrorCode(style: AuthErrorStyle, expired: boolean): string {
  if (style.spelling === 'pascal') return expired ? 'AuthExpiredToken' : 'AuthInvalidToken'
  return expired ? 'AUTH_EXPIRED_TOKEN' : 'AUTH_INVALID_TOKEN'
}
