/**
 * The request pipeline: log → match the operation → validate the request → injected faults →
 * caller identity → handler → validate the response → send. Every step that finds a contract
 * problem records a violation; request problems also answer 400 so the calling code fails loudly.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './faults';
import { HANDLERS, READ_ONLY_POST_OPERATIONS } from './routes';
import { JiraHttpError, type Caller, type HandlerResult } from './routes/context';
import {
  findOperation,
  familyOfPath,
  missingScopes,
  validateErrorShape,
  validateRequest,
  validateResponse,
  type ApiFamily,
  type SpecOperation,
} from './spec';
import { findUser, type DoubleState } from './state';
import type { ContractViolation, RequestLogEntry, ViolationKind } from './types';

export interface PipelineDeps {
  /** Read at every request, so a test may swap the whole state. */
  state: () => DoubleState;
  baseUrl: () => string;
  log: RequestLogEntry[];
  violations: ContractViolation[];
  faults: Faults;
  /** The app's scopes; when absent, scopes are not checked. */
  grantedScopes?: ReadonlySet<string>;
}

interface Answer extends HandlerResult {
  /** The operation whose declared responses the answer is checked against (else the family error shape). */
  operation?: SpecOperation;
  /** No answer: the connection is reset instead (an injected `drop` fault). */
  drop?: boolean;
  /** An injected empty answer, which no spec describes: not checked. */
  unchecked?: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Renders an error in the API family's shape: platform ErrorCollection, JSM ErrorResponse. */
export function errorBody(
  family: ApiFamily,
  messages: string[],
  fieldErrors: Record<string, string> = {},
): unknown {
  if (family === 'platform') return { errorMessages: messages, errors: fieldErrors };
  return { errorMessage: [...messages, ...Object.values(fieldErrors)].join(' ') };
}

function errorAnswer(
  family: ApiFamily,
  status: number,
  messages: string[],
  operation?: SpecOperation,
): Answer {
  return { status, body: errorBody(family, messages), ...(operation ? { operation } : {}) };
}

/**
 * Caller identity from the Forge harness header: `app` (asApp) or `user:<accountId>` (asUser).
 * Anything else, or an account the site does not know or has deactivated, is unauthenticated.
 */
function resolveCaller(state: DoubleState, header: string): Caller | undefined {
  if (header === 'app') {
    const user = findUser(state, state.appAccountId);
    return user ? { principal: 'app', user } : undefined;
  }
  if (header.startsWith('user:')) {
    const user = findUser(state, header.slice('user:'.length));
    return user && user.active ? { principal: 'user', user } : undefined;
  }
  return undefined;
}

/** The request's Accept and Content-Type headers, for the log (only those sent). */
function headerFields(req: IncomingMessage): Pick<RequestLogEntry, 'accept' | 'contentType'> {
  const { accept, 'content-type': contentType } = req.headers;
  return {
    ...(accept !== undefined ? { accept } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

/** A request body for the log: its JSON value, or its text when it is not JSON. */
function parsedBody(rawBody: Buffer): unknown {
  const text = rawBody.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const PORTAL_ONLY_FORBIDDEN =
  'Portal-only customer accounts cannot make requests on their own behalf (asUser); the app must act as itself (asApp).';

export async function handleRequest(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const arrived = performance.now();
  const rawBody = await readBody(req);
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  const principalHeader = String(req.headers['x-forge-principal'] ?? '');
  const match = findOperation(method, path);
  const operationId = match?.operation.operationId;
  const entry: RequestLogEntry = {
    method,
    path,
    query: url.search.replace(/^\?/, ''),
    principal: principalHeader,
    status: 0,
    kind:
      method === 'GET' ||
      method === 'HEAD' ||
      (method === 'POST' && operationId !== undefined && READ_ONLY_POST_OPERATIONS.has(operationId))
        ? 'read'
        : 'write',
    requestBytes: rawBody.length,
    responseBytes: 0,
    ...(operationId ? { operationId } : {}),
    ...headerFields(req),
    ...(rawBody.length > 0 ? { body: parsedBody(rawBody) } : {}),
  };
  deps.log.push(entry);
  const violate = (direction: ContractViolation['direction'], message: string, kind: ViolationKind): void => {
    deps.violations.push({ direction, method, path, message, kind });
  };

  let answer: Answer;
  try {
    answer = await decide();
  } catch (error) {
    // A handler that throws anything but a JiraHttpError is a bug in the double.
    violate(
      'response',
      `the double failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      'schema',
    );
    answer = errorAnswer(match?.operation.family ?? familyOfPath(path), 500, ['[double] internal error']);
  }

  if (answer.drop) {
    // Nothing is sent: the log keeps status 0, and the app's request fails without a status.
    entry.durationMs = Math.round((performance.now() - arrived) * 10) / 10;
    req.socket.destroy();
    return;
  }

  const family = match?.operation.family ?? familyOfPath(path);
  const problems = answer.unchecked
    ? []
    : answer.operation
      ? validateResponse(answer.operation, answer.status, answer.body)
      : answer.status >= 400
        ? validateErrorShape(family, answer.body)
        : [];
  for (const p of problems) violate('response', `${answer.status}: ${p}`, 'schema');

  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  const headers: Record<string, string | number> = {
    ...answer.headers,
    'Content-Length': Buffer.byteLength(text),
  };
  if (text !== '') headers['Content-Type'] = 'application/json;charset=UTF-8';
  entry.status = answer.status;
  entry.responseBytes = Buffer.byteLength(text);
  entry.durationMs = Math.round((performance.now() - arrived) * 10) / 10;
  res.writeHead(answer.status, headers);
  res.end(text);

  async function decide(): Promise<Answer> {
    if (!match) {
      violate('request', `no operation in the specs for ${method} ${path}`, 'unknown-operation');
      return errorAnswer(familyOfPath(path), 404, [
        `[double] no operation in the specs for ${method} ${path}`,
      ]);
    }
    const op = match.operation;
    const checked = validateRequest(match, { query: url.searchParams, headers: req.headers, rawBody });
    for (const p of checked.problems) violate('request', p, 'schema');

    // The Forge proxy refuses a product call the app has no scope for, before Jira sees it.
    const lacking = deps.grantedScopes ? missingScopes(op, deps.grantedScopes) : [];
    if (lacking.length > 0) {
      const needed = lacking.map((set) => set.join(' + ')).join(' or ');
      violate('request', `${op.operationId} needs a scope the app lacks: ${needed}`, 'scope');
      return errorAnswer(op.family, 403, [`[double] the app lacks the scope ${needed}`], op);
    }

    const fault = deps.faults.take(method, path);
    if (fault?.delayMs) await sleep(fault.delayMs);
    fault?.meanwhile?.();
    if (fault?.drop && !fault.afterApply) return { status: 0, drop: true };
    if (fault?.reply) {
      const { status, body, headers } = fault.reply;
      if (body === undefined) return { status, unchecked: true, ...(headers ? { headers } : {}) };
      return { status, body, operation: op, ...(headers ? { headers } : {}) };
    }
    if (fault?.status && !fault.afterApply) {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined || fault.status === 429)
        headers['Retry-After'] = String(fault.retryAfterSeconds ?? 1);
      // Atlassian names the limit that was hit; a burst limit is the common one for apps.
      if (fault.status === 429) headers['RateLimit-Reason'] = 'jira-burst-based';
      const message = fault.status === 429 ? 'Rate limit exceeded.' : '[double] injected fault';
      return { ...errorAnswer(op.family, fault.status, [message], op), headers };
    }

    const state = deps.state();
    const caller = resolveCaller(state, principalHeader);
    if (!caller)
      return errorAnswer(op.family, 401, ['Client must be authenticated to access this resource.'], op);
    // ECO-838: portal-only customers cannot make asUser calls; every call is refused.
    if (caller.user.accountType === 'customer')
      return errorAnswer(op.family, 403, [PORTAL_ONLY_FORBIDDEN], op);

    if (checked.problems.length > 0)
      return errorAnswer(
        op.family,
        400,
        checked.problems.map((p) => `[double] ${p}`),
        op,
      );
    if (checked.missingExperimentalHeader) {
      violate(
        'request',
        `${op.operationId} is experimental and needs the header X-ExperimentalApi: opt-in`,
        'schema',
      );
      return errorAnswer(
        op.family,
        412,
        [
          'This API is experimental. Experimental APIs are not guaranteed to be stable. Set the X-ExperimentalApi: opt-in header to use it.',
        ],
        op,
      );
    }

    const handler = HANDLERS[op.operationId];
    if (!handler) {
      violate(
        'request',
        `unimplemented: the double does not serve ${op.operationId} (${method} ${op.template})`,
        'unimplemented',
      );
      return errorAnswer(
        op.family,
        404,
        [`[double] ${op.operationId} is not implemented by the test double`],
        op,
      );
    }
    try {
      const applied = {
        ...handler({
          state,
          caller,
          baseUrl: deps.baseUrl(),
          operation: op,
          pathParams: checked.pathParams,
          query: checked.query,
          body: checked.body,
        }),
        operation: op,
      };
      if (fault?.drop) return { status: 0, drop: true };
      if (fault?.afterApply) {
        // Applied, then the answer lost on the way back: a gateway's answer, not one the spec describes.
        return errorAnswer(op.family, fault.status ?? 504, ['[double] answer lost after applying']);
      }
      return applied;
    } catch (error) {
      if (error instanceof JiraHttpError) {
        return {
          status: error.status,
          body: errorBody(op.family, error.messages, error.fieldErrors),
          operation: op,
        };
      }
      throw error;
    }
  }
}
