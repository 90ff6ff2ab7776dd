/** Every input name of action.yml, spelled once. */
export enum Input {
  WorkspaceUrl = 'workspace-url',
  Realm = 'realm',
  ApiUrl = 'api-url',
  DiscoverEndpoint = 'discover-endpoint',
  TokenUrl = 'token-url',
  AccessToken = 'access-token',
  ClientId = 'client-id',
  ClientSecret = 'client-secret',
  RefreshToken = 'refresh-token',
  Username = 'username',
  Password = 'password',
  Scope = 'scope',
  Columns = 'columns',
  Parameters = 'parameters',
  PartChoices = 'part-choices',
  Filter = 'filter',
  PageSize = 'page-size',
  Path = 'path',
  Delimiter = 'delimiter',
  Bom = 'bom',
  EscapeFormulas = 'escape-formulas',
  Publish = 'publish',
  Audit = 'audit',
  AuditScope = 'audit-scope',
  FailOn = 'fail-on'
}

/** Every output name of action.yml. */
export enum Output {
  CsvPath = 'csv-path',
  ReportPath = 'report-path',
  ComponentCount = 'component-count',
  ApiUrl = 'api-url',
  AuditErrors = 'audit-errors',
  AuditWarnings = 'audit-warnings'
}

export const DEFAULT_SCOPE = 'openid profile email user.access design.domain offline_access'
export const DEFAULT_PAGE_SIZE = 100
export const DEFAULT_PATH = 'library_components.csv'
/** Seconds one HTTP request may take before it is abandoned and retried. */
export const REQUEST_TIMEOUT_MS = 60_000
/** GitHub refuses a job summary above 1 MiB per step. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024
