/**
 * What a failed Jira request becomes: its kind (what callers decide on), whether it is worth trying
 * again later, and its message, which the waiting scan's operator log line carries.
 */
import { JiraError, kindForStatus, messagesFromErrorBody, type JiraErrorKind } from './errors';

describe('the kind of a failure', () => {
  it.each([
    [400, 'bad-request'],
    [401, 'unauthorized'],
    [402, 'bad-request'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [405, 'bad-request'],
    [409, 'conflict'],
    [410, 'bad-request'],
    [429, 'rate-limited'],
    [499, 'bad-request'],
    [500, 'server'],
    [501, 'server'],
    [504, 'server'],
  ] as const)('%p is %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
  });

  it.each<[JiraErrorKind, boolean]>([
    ['rate-limited', true],
    ['server', true],
    ['network', true],
    ['timeout', true],
    ['unauthorized', false],
    ['forbidden', false],
    ['not-found', false],
    ['bad-request', false],
    ['conflict', false],
  ])('a %s failure is transient: %p', (kind, transient) => {
    expect(new JiraError(kind, null, 'GET', '/rest/api/3/myself').isTransient).toBe(transient);
  });
});

describe('the message of a failure', () => {
  it('names the request, the status and the kind, then what Jira said', () => {
    const failure = new JiraError('bad-request', 400, 'POST', '/rest/api/3/issue/SUP-1/transitions', [
      'Field required',
      'resolution: invalid',
    ]);
    expect(failure.message).toBe(
      'POST /rest/api/3/issue/SUP-1/transitions failed: 400 bad-request (Field required; resolution: invalid)',
    );
    expect(failure.name).toBe('JiraError');
    expect(failure).toBeInstanceOf(Error);
    expect(failure.jiraMessages).toEqual(['Field required', 'resolution: invalid']);
  });

  it('says when there was no answer, and adds nothing when Jira said nothing', () => {
    const failure = new JiraError('timeout', null, 'GET', '/rest/servicedeskapi/request/SUP-1');
    expect(failure.message).toBe('GET /rest/servicedeskapi/request/SUP-1 failed: no response timeout');
    expect(failure.jiraMessages).toEqual([]);
    expect(new JiraError('server', 503, 'GET', '/x', []).message).toBe('GET /x failed: 503 server');
  });
});

describe("Jira's messages in an error body", () => {
  it('keeps the strings of errorMessages, the fields of errors and the JSM errorMessage, in that order', () => {
    expect(
      messagesFromErrorBody({
        errorMessage: 'Request not found',
        errors: { summary: 'required', priority: 'invalid' },
        errorMessages: ['Issue does not exist', 'Try again'],
      }),
    ).toEqual([
      'Issue does not exist',
      'Try again',
      'summary: required',
      'priority: invalid',
      'Request not found',
    ]);
  });

  it('skips what is not a string', () => {
    expect(
      messagesFromErrorBody({
        errorMessages: ['kept', 3, null, { text: 'x' }],
        errors: { a: 1, b: 'kept too', c: null },
        errorMessage: 42,
      }),
    ).toEqual(['kept', 'b: kept too']);
  });

  it.each([null, undefined, 'Bad Request', 404, true])('reads nothing from %p', (body) => {
    expect(messagesFromErrorBody(body)).toEqual([]);
  });

  it('reads nothing from fields of the wrong shape', () => {
    expect(messagesFromErrorBody({ errorMessages: 'not a list', errors: 'not an object' })).toEqual([]);
    expect(messagesFromErrorBody({ errors: null, errorMessages: null })).toEqual([]);
    expect(messagesFromErrorBody({})).toEqual([]);
  });
});
