/** A bad input, found before any request is made. The message names the input and what it accepts. */
export class InputError extends Error {
  override name = 'InputError'
}
