// Generated from action.yml by scripts/cli-inputs.ts (npm run bundle). Do not edit.

import type { ActionInput } from './action-input.js'

export const ACTION_INPUTS: readonly ActionInput[] = [
  {
    name: 'workspace-url',
    description:
      'The workspace address, e.g. https://acme.365.altium.com/ (trailing slash optional).',
    default: '',
    required: true
  },
  {
    name: 'realm',
    description:
      'Which API generation: nexar, altium-365 or altium-365-gov. Picks the default token-url and api-url.',
    default: 'nexar',
    required: false
  },
  {
    name: 'api-url',
    description:
      'GraphQL endpoint. Empty: https://api.nexar.com/graphql for nexar, <workspace-url>api/graphql for the Altium 365 realms.',
    default: '',
    required: false
  },
  {
    name: 'discover-endpoint',
    description:
      "Ask api-url for desWorkspaceInfos first and send the export to the workspace's regional endpoint (location.apiServiceUrl). auto, true or false; auto discovers for realm nexar only (an Altium 365 realm's default api-url is the workspace's own host already). An address the token may not go to is refused with a notice, and the export stays on api-url.",
    default: 'auto',
    required: false
  },
  {
    name: 'token-url',
    description: "Token endpoint override. Empty uses the realm's.",
    default: '',
    required: false
  },
  {
    name: 'access-token',
    description:
      'Credential set 1, a ready bearer token (Altium 365 long-lived token, Nexar portal token). Falls back to the ALTIUM_ACCESS_TOKEN environment variable.',
    default: '',
    required: false
  },
  {
    name: 'client-id',
    description: "Credential sets 2 and 3, the app's client id. Falls back to ALTIUM_CLIENT_ID.",
    default: '',
    required: false
  },
  {
    name: 'client-secret',
    description:
      "Credential sets 2 and 3, the app's client secret. Falls back to ALTIUM_CLIENT_SECRET.",
    default: '',
    required: false
  },
  {
    name: 'refresh-token',
    description: 'Credential set 2, a refresh token. Falls back to ALTIUM_REFRESH_TOKEN.',
    default: '',
    required: false
  },
  {
    name: 'username',
    description: 'Credential set 3 (password grant), the user name. Falls back to ALTIUM_USERNAME.',
    default: '',
    required: false
  },
  {
    name: 'password',
    description: 'Credential set 3 (password grant), the password. Falls back to ALTIUM_PASSWORD.',
    default: '',
    required: false
  },
  {
    name: 'scope',
    description: 'Scope sent with the password grant.',
    default: 'openid profile email user.access design.domain offline_access',
    required: false
  },
  {
    name: 'request-timeout',
    description: 'Seconds one request may take (1 to 600) before it is abandoned and retried.',
    default: '60',
    required: false
  },
  {
    name: 'deadline-minutes',
    description:
      "Minutes the whole run may take (more than 0, up to 360; decimals allowed). Past it the step fails with a message; keep the step's timeout-minutes above it.",
    default: '20',
    required: false
  },
  {
    name: 'columns',
    description:
      'Column ids, one a line, in order; `Header=column-id` renames. Empty: the default set.',
    default: '',
    required: false
  },
  {
    name: 'parameters',
    description:
      'Component parameter names, one a line; each becomes a column (case-insensitive match, missing gives an empty cell).',
    default: '',
    required: false
  },
  {
    name: 'part-choices',
    description: 'How many manufacturer/MPN pairs become columns (0 to 20).',
    default: '3',
    required: false
  },
  {
    name: 'filter',
    description:
      'Lines of name=…, comment=…, description=… (exact match on the server) and folder=… (folder path prefix).',
    default: '',
    required: false
  },
  {
    name: 'page-size',
    description:
      'Components per request. auto starts at 100 and grows up to 1000 while the server accepts larger pages; a number (1 to 1000) fixes it. Either is lowered when the server refuses it.',
    default: 'auto',
    required: false
  },
  {
    name: 'concurrency',
    description:
      'Requests in flight at once (1 to 16). Above 1, the export may list the library and fetch details by id in parallel batches, when it measures that faster than plain paging; 1 pages through the library one request at a time.',
    default: '4',
    required: false
  },
  {
    name: 'path',
    description: 'The CSV file, relative to the workspace; must stay inside it.',
    default: 'library_components.csv',
    required: false
  },
  {
    name: 'delimiter',
    description: 'The field separator, one character (`tab` for a tab).',
    default: ',',
    required: false
  },
  {
    name: 'bom',
    description: 'Write a UTF-8 byte order mark (for Excel).',
    default: 'false',
    required: false
  },
  {
    name: 'escape-formulas',
    description: 'Prefix cells that start with =, +, -, @, tab or CR with an apostrophe.',
    default: 'true',
    required: false
  },
  {
    name: 'baseline',
    description:
      "The previous CSV to report changes against. Empty: the file at `path` as it was before the export. A path inside the workspace, git:<ref> for the file at `path` in that commit (e.g. git:main, or a pull request's base commit), or artifact for the CSV in the newest unexpired artifact of the same `artifact-name` from an earlier run on the same branch (needs `actions: read`). No baseline: a first export.",
    default: '',
    required: false
  },
  {
    name: 'key-column',
    description:
      'The column (header or column id) that identifies a component across exports; changes are matched on it. `name` falls back to the first column when the columns leave it out.',
    default: 'name',
    required: false
  },
  {
    name: 'audit',
    description:
      'Audit rules, one a line: `<rule> [arguments] [: error|warning]`. `recommended` expands to the recommended set. Empty: no audit. See docs/changes-and-audit.md for every rule.',
    default: '',
    required: false
  },
  {
    name: 'audit-scope',
    description: 'Which components the audit checks, `all` or `changed` (only added and modified).',
    default: 'all',
    required: false
  },
  {
    name: 'fail-on',
    description:
      'When the step fails, after the files are written: never, error (audit errors), warning (audit errors or warnings), or change (any of those, or anything changed since the baseline).',
    default: 'error',
    required: false
  },
  {
    name: 'comment-on-pr',
    description:
      "true: on pull_request and pull_request_target events, post one comment on the pull request with the change summary (and the audit's counts), and update that same comment on every later run. Needs `pull-requests: write`. Other events: a warning, no comment.",
    default: 'false',
    required: false
  },
  {
    name: 'comment-author',
    description:
      "The GitHub login whose comments `comment-on-pr` may update, e.g. `my-app[bot]` for a GitHub App's token. Empty: the account `github-token` belongs to (asked from the API), or `github-actions[bot]` for the job's own token. A comment by anyone else is never edited, even when it carries the action's marker; a new one is posted instead.",
    default: '',
    required: false
  },
  {
    name: 'publish',
    description:
      'Where the files go after the export. `artifact`: uploaded as a workflow artifact. `commit`: pushed to a branch. `pull-request`: a pull request is opened or updated. `none`: they stay in the workspace only (use this outside GitHub or in a `run:` step).',
    default: 'artifact',
    required: false
  },
  {
    name: 'artifact-name',
    description:
      "The artifact's name; must be unique in the workflow run (one per job or matrix entry). With artifact-archive false the artifact is named after the CSV file instead.",
    default: 'library-components',
    required: false
  },
  {
    name: 'artifact-retention-days',
    description: "Days to keep the artifact, 1 to 90. Empty uses the repository's default.",
    default: '',
    required: false
  },
  {
    name: 'artifact-archive',
    description:
      'true: one zip holding the CSV and the JSON report. false: the CSV alone, unzipped, so it opens in the browser; the artifact is then named after the file.',
    default: 'true',
    required: false
  },
  {
    name: 'github-token',
    description:
      'Token for git fetch and push over https and for the GitHub API (commit and pull-request modes). Passed to git for one command at a time, never stored.',
    default: '${{ github.token }}',
    required: false
  },
  {
    name: 'commit-message',
    description: 'Message of the commit (commit and pull-request modes).',
    default: 'chore(library): update Altium library export',
    required: false
  },
  {
    name: 'branch',
    description:
      "Commit mode, the branch to push to. Empty: the checked-out branch, or on a detached HEAD the pull request's head branch (GITHUB_HEAD_REF).",
    default: '',
    required: false
  },
  {
    name: 'commit-author',
    description:
      'Author and committer as `Name <email>`. Empty: github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>.',
    default: '',
    required: false
  },
  {
    name: 'pr-branch',
    description: 'Pull-request mode, the branch the action force-updates with the export.',
    default: 'altium-library/update',
    required: false
  },
  {
    name: 'pr-base',
    description:
      'Pull-request mode, the branch the pull request goes into. Empty, the default branch.',
    default: '',
    required: false
  },
  {
    name: 'pr-title',
    description: 'Pull-request mode, the title of the pull request.',
    default: 'Update Altium library export',
    required: false
  },
  {
    name: 'pr-labels',
    description: 'Pull-request mode, labels to add, one a line.',
    default: '',
    required: false
  }
]
