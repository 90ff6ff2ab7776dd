import { expect } from '@jest/globals'
import { InputError } from '../../src/input-error.js'
import { readInputs, type Inputs } from '../../src/inputs/inputs.js'

export interface InputReader {
  /** The environment the runner would give: each input as `INPUT_<NAME>`, over the defaults. */
  env(inputs: Record<string, string>, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv
  read(inputs: Record<string, string>, extra?: NodeJS.ProcessEnv): Inputs
  /** The message of the input error the inputs give; fails the test when they give none. */
  errorOf(inputs: Record<string, string>, extra?: NodeJS.ProcessEnv): string
}

/**
 * Reads inputs the way the runner passes them, for the tests of the inputs stage: `defaults` are
 * the inputs every read starts from, `runner` the variables every environment holds.
 */
export function inputReader(
  defaults: Record<string, string>,
  runner: NodeJS.ProcessEnv
): InputReader {
  const env = (inputs: Record<string, string>, extra: NodeJS.ProcessEnv = {}) => {
    const variables: NodeJS.ProcessEnv = { ...runner, ...extra }
    for (const [name, value] of Object.entries({ ...defaults, ...inputs })) {
      variables[`INPUT_${name.toUpperCase()}`] = value
    }
    return variables
  }
  const read = (inputs: Record<string, string>, extra?: NodeJS.ProcessEnv) =>
    readInputs(env(inputs, extra), () => {})
  const errorOf = (inputs: Record<string, string>, extra?: NodeJS.ProcessEnv) => {
    try {
      read(inputs, extra)
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      return (error as Error).message
    }
    throw new Error('expected an input error')
  }
  return { env, read, errorOf }
}
