/** The contract layer on its own: operation matching, parameter coercion, response checks. */
import { findOperation, validateRequest, validateResponse, type OperationMatch } from './spec';

function match(method: string, path: string): OperationMatch {
  const found = findOperation(method, path);
  if (!found) throw new Error(`no operation for ${method} ${path}`);
  return found;
}

const request = (query = '', body?: unknown) => ({
  query: new URLSearchParams(query),
  headers: body === undefined ? {} : { 'content-type': 'application/json' },
  rawBody: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
});

describe('operation matching', () => {
  it('prefers a literal segment over a template', () => {
    expect(match('GET', '/rest/api/3/issue/picker').operation.operationId).toBe('getIssuePickerResource');
    expect(match('GET', '/rest/api/3/issue/SUP-1').operation.operationId).toBe('getIssue');
  });

  it('decodes path parameters and tells the families apart', () => {
    const m = match('PUT', '/rest/api/3/issue/SUP-1/properties/guide%2Fstate');
    expect(m.operation.operationId).toBe('setIssueProperty');
    expect(m.pathParams).toEqual({ issueIdOrKey: 'SUP-1', propertyKey: 'guide/state' });
    expect(m.operation.family).toBe('platform');
    expect(match('GET', '/rest/servicedeskapi/request/SUP-1').operation.family).toBe('jsm');
  });

  it('finds nothing for a path or method the specs do not describe', () => {
    expect(findOperation('GET', '/rest/api/3/nothing/here')).toBeUndefined();
    expect(findOperation('GET', '/rest/api/3/issue//comment')).toBeUndefined();
    expect(findOperation('PATCH', '/rest/api/3/issue/SUP-1')).toBeUndefined();
  });
});

describe('request validation', () => {
  it('coerces query strings to their declared types before checking them', () => {
    const ok = validateRequest(
      match('GET', '/rest/api/3/issue/SUP-1/changelog'),
      request('startAt=5&maxResults=10'),
    );
    expect(ok.problems).toEqual([]);
    expect(ok.query).toEqual({ startAt: 5, maxResults: 10 });
    const bad = validateRequest(match('GET', '/rest/api/3/issue/SUP-1/changelog'), request('startAt=five'));
    expect(bad.problems).toEqual(["query parameter 'startAt' must be integer"]);
  });

  it('reads array parameters from repeated names (form, explode)', () => {
    const r = validateRequest(
      match('GET', '/rest/api/3/issue/SUP-1'),
      request('fields=summary,status&fields=reporter&updateHistory=true'),
    );
    expect(r.problems).toEqual([]);
    expect(r.query).toEqual({ fields: ['summary,status', 'reporter'], updateHistory: true });
  });

  it('flags a repeated scalar, a missing required parameter and an unknown one', () => {
    const repeated = validateRequest(
      match('GET', '/rest/api/3/issue/SUP-1/transitions'),
      request('transitionId=1&transitionId=2'),
    );
    expect(repeated.problems).toEqual([
      "query parameter 'transitionId' is given 2 times but is not an array",
    ]);
    const missing = validateRequest(match('GET', '/rest/api/3/mypreferences'), request(''));
    expect(missing.problems).toEqual(["query parameter 'key' is required"]);
    const unknown = validateRequest(match('GET', '/rest/api/3/myself'), request('expnad=groups'));
    expect(unknown.problems).toEqual(["query parameter 'expnad' is not defined for getCurrentUser"]);
  });

  it('closes objects the spec leaves open, at the top level and inside transition', () => {
    const r = validateRequest(
      match('POST', '/rest/api/3/issue/SUP-1/transitions'),
      request('', { transition: { id: '11', nmae: 'x' }, comment: 'hello' }),
    );
    expect(r.problems).toEqual([
      expect.stringContaining("request body: / must NOT have additional property 'comment'"),
      expect.stringContaining("request body: /transition must NOT have additional property 'nmae'"),
    ]);
  });

  it('requires a body where the spec does, and rejects one where it takes none', () => {
    expect(
      validateRequest(match('POST', '/rest/api/3/issue/SUP-1/transitions'), request('')).problems,
    ).toEqual(['request body is required']);
    expect(validateRequest(match('GET', '/rest/api/3/myself'), request('', { a: 1 })).problems).toEqual([
      'request body: getCurrentUser takes no request body',
    ]);
  });
});

describe('response validation', () => {
  const statusOp = match('GET', '/rest/servicedeskapi/request/SUP-1/status').operation;

  it('checks a body against the declared schema and names the field', () => {
    expect(validateResponse(statusOp, 200, { values: [{ status: 'Ouvert' }] })).toEqual([]);
    expect(validateResponse(statusOp, 200, { values: [{ status: 5 }] })).toEqual([
      'response body: /values/0/status must be string',
    ]);
    expect(validateResponse(statusOp, 200, { values: [], total: 3 })).toEqual([
      "response body: / must NOT have additional property 'total'",
    ]);
  });

  it('allows statuses Jira sends but the spec omits, in the family error shape only', () => {
    const getIssue = match('GET', '/rest/api/3/issue/SUP-1').operation;
    expect(validateResponse(getIssue, 429, { errorMessages: ['Rate limit exceeded.'], errors: {} })).toEqual(
      [],
    );
    expect(validateResponse(getIssue, 429, { errorMessage: 'JSM shape on a platform call' })).not.toEqual([]);
    expect(validateResponse(statusOp, 503, { errorMessage: 'Service unavailable' })).toEqual([]);
    expect(validateResponse(getIssue, 418, { errorMessages: [] })).toEqual([
      'status 418 is not declared for getIssue',
    ]);
  });

  it('rejects a body on 204', () => {
    const doTransition = match('POST', '/rest/api/3/issue/SUP-1/transitions').operation;
    expect(validateResponse(doTransition, 204, undefined)).toEqual([]);
    expect(validateResponse(doTransition, 204, {})).toEqual(['response body: 204 must not have a body']);
  });
});
