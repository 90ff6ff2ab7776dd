/** One input of action.yml, as the command line offers it as a flag. */
export interface ActionInput {
  name: string
  /** action.yml's description, on one line. */
  description: string
  /** action.yml's default; `${{ … }}` expressions are the runner's, not the command line's. */
  default: string
  required: boolean
}
