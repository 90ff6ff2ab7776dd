import { describe, expect, it } from '@jest/globals'
import { AltiumApiError, DeadlineExceededError } from '../src/api/errors.js'
import { FileWriteError } from '../src/csv/atomic-write.js'
import { describeFailure } from '../src/failure-message.js'
import { InputError } from '../src/input-error.js'

const WORKSPACE = 'https://acme.365.altium.com/'

describe('the message a failed run ends with', () => {
  it('adds the workspace, the endpoint and the request id to a service failure', () => {
    const error = new AltiumApiError('The workspace cannot be accessed. Check `workspace-url`.', {
      endpoint: 'https://eur.365.altium.com/api/graphql',
      requestId: 'b1946ac9'
    })
    expect(describeFailure(error, WORKSPACE).message).toBe(
      'The workspace cannot be accessed. Check `workspace-url`. (workspace ' +
        'https://acme.365.altium.com/, endpoint https://eur.365.altium.com/api/graphql, ' +
        'request id b1946ac9)'
    )
  })

  it('says when the service gave no request id', () => {
    const error = new DeadlineExceededError('Out of time.', { endpoint: 'https://x.altium.com/t' })
    expect(describeFailure(error, WORKSPACE).message).toMatch(/, no request id\)$/)
  })

  it('keeps the request id with the endpoint that gave it', () => {
    const fromTokenEndpoint = new AltiumApiError('invalid_grant.', {
      endpoint: 'https://auth.altium.com/connect/token'
    }).within({ endpoint: 'https://eur.365.altium.com/api/graphql', requestId: 'graphql-answer' })
    expect(fromTokenEndpoint.context).toEqual({ endpoint: 'https://auth.altium.com/connect/token' })

    const fromRenewal = new AltiumApiError('cannot be renewed.', { requestId: 'r-1' }).within({
      endpoint: 'https://eur.365.altium.com/api/graphql',
      requestId: 'older'
    })
    expect(fromRenewal.context).toEqual({
      endpoint: 'https://eur.365.altium.com/api/graphql',
      requestId: 'r-1'
    })
  })

  it('passes input and file errors through as they are', () => {
    expect(describeFailure(new InputError("Input 'bom': no."), WORKSPACE).message).toBe(
      "Input 'bom': no."
    )
    const write = new FileWriteError(
      [{ path: '/w/lib.csv', content: '' }],
      [],
      Object.assign(new Error('nope'), { code: 'ENOSPC' })
    )
    expect(describeFailure(write).message).toBe(
      'Could not write /w/lib.csv (ENOSPC). The previous files are unchanged. Check that the ' +
        'folder is writable and the disk has space.'
    )
  })

  it('calls anything else a fault of the action, keeping the stack for the debug log', () => {
    const report = describeFailure(
      new TypeError("Cannot read properties of undefined (reading 'x')")
    )
    expect(report.message).toMatch(/^Unexpected error: Cannot read .*please report it/)
    expect(report.stack).toContain('TypeError')
  })
})
