// POST <graphql path>: faults, bearer auth, region rule, then graphql-js against the gateway schema.
import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { graphql, type GraphQLSchema } from 'graphql'
import { authErrorCode, authErrorStyle } from './auth-faults.js'
import { json, type Reply } from './http-io.js'
import { underLatencyModel } from './latency-model.js'
import { graphqlFault } from './transport-faults.js'
import { describeOperation, isDiscoveryShape, needsWorkspace } from './operation-shape.js'
import { createRootValue, fieldResolver } from './resolvers.js'
import type { StandInState } from './state.js'
import type { StandInRequestRecord } from './stats.js'
import { HOME_REGION } from './workspaces.js'

interface GraphQLRequestBody {
  query?: unknown
  variables?: unknown
  operationName?: unknown
}

const rootValue = createRootValue()

const TOKEN_VALIDATION_FAILED = 'Token validation failed. Please provide a valid access token.'

function errorBody(requestId: string, message: string, code: string) {
  return { errors: [{ message, extensions: { code } }], extensions: { requestId } }
}

function bearerToken(headers: IncomingHttpHeaders, acceptTokenHeader: boolean): string | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')
  if (bearer) return bearer[1]
  // Nexar's own Python samples send the token in a "token" header instead.
  const token = headers.token
  return acceptTokenHeader && typeof token === 'string' && token ? token : null
}

function authFailure(
  state: StandInState,
  requestId: string,
  expired: boolean,
  missing: boolean
): Reply {
  const style = authErrorStyle(state)
  const code = authErrorCode(style, expired)
  const message =
    style.spelling === 'pascal'
      ? expired
        ? 'The access token has expired'
        : TOKEN_VALIDATION_FAILED
      : expired
        ? 'The access token has expired.'
        : missing
          ? 'No access token was provided.'
          : 'The access token is invalid.'
  if (style.status === 200) return json(200, errorBody(requestId, message, code))
  const challenge = expired
    ? 'Bearer error="invalid_token", error_description="The access token expired"'
    : missing
      ? 'Bearer'
      : 'Bearer error="invalid_token"'
  return json(401, errorBody(requestId, message, code), { 'www-authenticate': challenge })
}

export async function handleGraphQLRequest(
  state: StandInState,
  schema: GraphQLSchema,
  headers: IncomingHttpHeaders,
  rawBody: string,
  region: string | null,
  log: StandInRequestRecord
): Promise<Reply> {
  const { options, stats } = state
  const requestId = randomUUID()
  stats.graphqlRequests++

  let body: GraphQLRequestBody
  try {
    body = JSON.parse(rawBody) as GraphQLRequestBody
  } catch {
    return json(400, errorBody(requestId, 'The request body is not valid JSON.', 'INVALID_REQUEST'))
  }
  if (typeof body?.query !== 'string' || body.query.trim() === '') {
    return json(400, errorBody(requestId, 'The GraphQL request has no query.', 'INVALID_REQUEST'))
  }
  const variables =
    body.variables && typeof body.variables === 'object'
      ? (body.variables as Record<string, unknown>)
      : {}
  const operationName = typeof body.operationName === 'string' ? body.operationName : undefined

  const shape = describeOperation(body.query, operationName, variables)
  log.query = body.query
  log.operationName = shape?.operationName ?? operationName
  if (shape?.first !== undefined) log.first = shape.first
  if (shape?.after !== undefined) log.after = shape.after
  if (shape?.touchesLibraryComponents) stats.libraryRequests++
  if (shape && isDiscoveryShape(shape)) stats.discoveryRequests++

  // One roll per request, so a seed gives the same fault sequence every run.
  const fault = graphqlFault(state, requestId)
  if (fault) return fault

  const token = bearerToken(headers, options.authStyle === 'nexar')
  const verdict = state.tokens.use(token, options.tokenExpiresAfterCalls)
  if (verdict !== 'valid')
    return authFailure(state, requestId, verdict === 'expired', token === null)

  if (options.requireRegionalEndpoint && region !== HOME_REGION && shape && needsWorkspace(shape)) {
    // The gateway of another region does not know the workspace and rejects its token.
    return json(200, errorBody(requestId, TOKEN_VALIDATION_FAILED, 'AuthInvalidToken'))
  }

  const query = body.query
  const result = await underLatencyModel(state, query, variables, operationName, log, () =>
    graphql({
      schema,
      source: query,
      rootValue,
      variableValues: variables,
      operationName,
      contextValue: { state, region, request: ++state.executedRequests },
      fieldResolver
    })
  )
  const response = { ...result, extensions: { ...result.extensions, requestId } }
  // GraphQL-over-HTTP: a request that never executed is a 400 for graphql-response+json clients.
  const wantsGraphQLResponse = (headers.accept ?? '').includes('application/graphql-response+json')
  if (wantsGraphQLResponse) {
    return json(!('data' in result) ? 400 : 200, response, {
      'content-type': 'application/graphql-response+json; charset=utf-8'
    })
  }
  return json(200, response)
}
