import { Input } from '../constants.js'
import { InputError } from '../input-error.js'

// The readers every input shares: lines, choices, booleans and numbers, each with an error that
// names the input and says what it accepts.

export function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

export function readChoice<T extends string>(
  input: Input,
  value: string,
  accepted: readonly T[]
): T {
  if ((accepted as readonly string[]).includes(value)) return value as T
  throw new InputError(
    `Input '${input}': "${value}" is not accepted. Accepted: ${accepted.join(', ')}.`
  )
}

export function readBoolean(input: Input, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input '${input}': "${value}" is not accepted. Accepted: true, false.`)
}

/** A whole number in [min, max]; `alternative` names another accepted word, for the message. */
export function readWholeNumber(
  input: Input,
  value: string,
  min: number,
  max: number,
  alternative?: string
): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN
  if (Number.isInteger(number) && number >= min && number <= max) return number
  throw new InputError(
    `Input '${input}': "${value}" is not accepted. Accepted: ` +
      `${alternative ? `${alternative}, or ` : ''}a whole number from ${min} to ${max}.`
  )
}

/** A positive number of minutes, decimals allowed (`0.5`), as milliseconds. */
export function readMinutes(input: Input, value: string, max: number): number {
  const minutes = /^\d+(\.\d+)?$|^\.\d+$/.test(value) ? Number(value) : NaN
  if (minutes > 0 && minutes <= max) return Math.round(minutes * 60_000)
  throw new InputError(
    `Input '${input}': "${value}" is not accepted. Accepted: a number of minutes more than 0 ` +
      `and up to ${max}, e.g. 20 or 0.5.`
  )
}
