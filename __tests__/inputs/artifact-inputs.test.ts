import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { readInputs } from '../../src/inputs/inputs.js'
import { inputReader } from '../helpers/input-reader.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'artifact-inputs-'))

/** The runner's environment for an action step on GitHub, with a ready token. */
const ON_GITHUB = {
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-value',
  ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/',
  GITHUB_REPOSITORY: 'acme/hardware',
  GITHUB_RUN_ID: '4242'
}

const reader = inputReader(
  { 'workspace-url': 'https://acme.365.altium.com', 'access-token': 'tok-123' },
  { GITHUB_WORKSPACE: workspace }
)
/** On GitHub unless `runner` says otherwise. */
const env = (inputs: Record<string, string>, runner: NodeJS.ProcessEnv = ON_GITHUB) =>
  reader.env(inputs, runner)
const read = (inputs: Record<string, string>, runner: NodeJS.ProcessEnv = ON_GITHUB) =>
  reader.read(inputs, runner)
const errorOf = (inputs: Record<string, string>, runner: NodeJS.ProcessEnv = ON_GITHUB) =>
  reader.errorOf(inputs, runner)

describe('artifact publishing inputs', () => {
  it('publishes one zip named library-components, kept for the repository default, by default', () => {
    const inputs = read({})
    expect(inputs.publish).toBe('artifact')
    expect(inputs.artifact).toEqual({
      name: 'library-components',
      retentionDays: undefined,
      archive: true,
      repositoryRetentionDays: undefined,
      run: { serverUrl: 'https://github.com', repository: 'acme/hardware', runId: '4242' },
      missingRuntime: []
    })
  })

  it('reads the name, retention days, archive flag, server URL and repository limit', () => {
    const inputs = read(
      {
        'artifact-name': 'library-eu',
        'artifact-retention-days': '14',
        'artifact-archive': 'true'
      },
      { ...ON_GITHUB, GITHUB_SERVER_URL: 'https://acme.ghe.com/', GITHUB_RETENTION_DAYS: '30' }
    )
    expect(inputs.artifact).toMatchObject({
      name: 'library-eu',
      retentionDays: 14,
      archive: true,
      repositoryRetentionDays: 30,
      run: { serverUrl: 'https://acme.ghe.com' }
    })
  })

  it('names an unzipped artifact after the CSV file, as the artifact client does', () => {
    const inputs = read({ 'artifact-archive': 'false', path: 'exports/eu-library.csv' })
    expect(inputs.artifact.name).toBe('eu-library.csv')
    expect(inputs.artifact.archive).toBe(false)
  })

  it('masks the runtime token as soon as it is read', () => {
    const masked: string[] = []
    readInputs(env({}), (value) => masked.push(value))
    expect(masked).toContain('runtime-token-value')
  })

  it.each([
    [{ 'artifact-name': 'library/components' }, /'artifact-name'.*contains a slash/],
    [{ 'artifact-name': 'a:b' }, /'artifact-name'.*contains a colon/],
    [{ 'artifact-name': 'why?' }, /'artifact-name'.*contains a question mark.*Accepted: a name/],
    [
      { 'artifact-name': 'two\nlines' },
      /'artifact-name': the artifact name "two lines".*line break/
    ],
    [
      { 'artifact-archive': 'false', path: 'lib*.csv' },
      /Input 'path' \(with 'artifact-archive: false' the artifact is named after the file\).*asterisk/
    ],
    [{ 'artifact-retention-days': '0' }, /'artifact-retention-days': "0".*from 1 to 90, or empty/],
    [{ 'artifact-retention-days': '91' }, /'artifact-retention-days'/],
    [{ 'artifact-retention-days': '7d' }, /'artifact-retention-days'/],
    [{ 'artifact-archive': 'zip' }, /'artifact-archive'.*Accepted: true, false/]
  ])('refuses %j before any request, naming the input', (inputs, message) => {
    expect(errorOf(inputs)).toMatch(message)
  })

  it('checks the artifact inputs even when publishing is off', () => {
    expect(errorOf({ publish: 'none', 'artifact-retention-days': '365' })).toMatch(
      /'artifact-retention-days'/
    )
  })

  it('notes which of the runner artifact variables are missing, for the client check', () => {
    // Whether the run can upload without them is the artifact client's to say (checkArtifactClient).
    expect(read({}, { GITHUB_REPOSITORY: 'acme/hardware' }).artifact.missingRuntime).toEqual([
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_RESULTS_URL'
    ])
    expect(
      read({}, { ACTIONS_RUNTIME_TOKEN: 'runtime-token-value' }).artifact.missingRuntime
    ).toEqual(['ACTIONS_RESULTS_URL'])
    expect(read({ publish: 'none' }, {}).publish).toBe('none')
  })
})
