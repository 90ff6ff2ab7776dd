/**
 * Publishing the written files failed. The files stay in the workspace; the message says what
 * happened, to which artifact, branch or pull request, and what to do.
 */
export class PublishError extends Error {
  override name = 'PublishError'
}
