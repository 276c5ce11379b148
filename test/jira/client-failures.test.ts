/**
 * How the client fails and what it makes of sparse answers: no answer, time up, an empty or
 * off-JSON body, Jira's error messages, retries that the invocation's deadline leaves no room for,
 * and the lists Jira may leave out.
 */
import { Deadline } from '../../src/jira/deadline';
import { DEMO_USERS } from '../double/state';
import type { TestApp } from '../support/app';
import { jiraFailure, useClientTestApp, withJira } from '../support/client';

let app: TestApp;
useClientTestApp((started) => (app = started));

/** Records waits instead of sleeping them. */
function recorder(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => Promise.resolve(void waits.push(ms)) };
}

/** A deadline `ms` from a clock that stands still: retries never use up any time. */
const frozenDeadline = (ms: number): Deadline => {
  const now = Date.now();
  return new Deadline(now + ms, () => now);
};

const MYSELF = '/rest/api/3/myself';

describe('no answer', () => {
  it('turns a dropped connection into a network error without a status', async () => {
    app.double.faults.add({ path: MYSELF, drop: true });
    const error = await jiraFailure(app, (jira) => jira.getMyself());
    expect(error).toMatchObject({ kind: 'network', status: null, method: 'GET', path: MYSELF });
    expect(String(error.cause)).toMatch(/fetch failed/);
  });

  it('turns an answer later than the deadline into a timeout without a status', async () => {
    app.double.faults.add({ path: MYSELF, delayMs: 1_000 });
    const started = Date.now();
    const error = await jiraFailure(app, (jira) => jira.getMyself(), {
      deadline: new Deadline(Date.now() + 150),
    });
    expect(error).toMatchObject({ kind: 'timeout', status: null, method: 'GET', path: MYSELF });
    expect(String(error.cause)).toContain(`GET ${MYSELF}: the invocation's deadline was reached`);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('gives the path without its query string in a failure', async () => {
    app.double.faults.add({ path: '/rest/api/3/user', drop: true });
    const error = await jiraFailure(app, (jira) => jira.getUser(DEMO_USERS.agent.accountId));
    expect(error.path).toBe('/rest/api/3/user');
  });
});

describe('answers without the body needed', () => {
  it('fails with a server error when Jira answers 200 without the body a read needs', async () => {
    app.double.faults.add({ path: MYSELF, reply: { status: 200 } });
    const error = await jiraFailure(app, (jira) => jira.getMyself());
    expect(error).toMatchObject({ kind: 'server', status: 200, method: 'GET', path: MYSELF });
    expect(error.jiraMessages).toEqual(['empty response body']);
  });

  it('takes an empty answer to a property read for no property', async () => {
    app.double.faults.add({ path: '/rest/api/3/issue/SUP-1/properties/app.state', reply: { status: 200 } });
    expect(await withJira(app, (jira) => jira.getIssueProperty('SUP-1', 'app.state'))).toBeUndefined();
  });
});

describe('issue properties', () => {
  it('reads a property the issue lacks as undefined', async () => {
    expect(await withJira(app, (jira) => jira.getIssueProperty('SUP-1', 'app.none'))).toBeUndefined();
    expect(app.double.log.map((e) => e.status)).toEqual([404]);
  });

  it('fails a property read that Jira refuses or fails, not only reads it as absent', async () => {
    const path = '/rest/api/3/issue/SUP-1/properties/app.state';
    app.double.faults.add({ path, status: 403 });
    expect(await jiraFailure(app, (jira) => jira.getIssueProperty('SUP-1', 'app.state'))).toMatchObject({
      kind: 'forbidden',
      status: 403,
    });
    app.double.faults.add({ path, drop: true });
    expect((await jiraFailure(app, (jira) => jira.getIssueProperty('SUP-1', 'app.state'))).kind).toBe(
      'network',
    );
  });
});

describe("Jira's error messages", () => {
  it("keeps Jira's messages of an error answer", async () => {
    const error = await jiraFailure(app, (jira) => jira.getIssue('SUP-404', ['summary']));
    expect(error).toMatchObject({ kind: 'not-found', status: 404, path: '/rest/api/3/issue/SUP-404' });
    expect(error.jiraMessages.length).toBeGreaterThan(0);
    expect(error.jiraMessages.join(' ')).toMatch(/issue/i);
  });

  it('finds no message in an error answer without a JSON body', async () => {
    app.double.faults.add({ path: MYSELF, reply: { status: 400 } });
    const error = await jiraFailure(app, (jira) => jira.getMyself());
    expect(error).toMatchObject({ kind: 'bad-request', status: 400, jiraMessages: [] });
  });

  it('does not wait for the error body once the deadline has passed', async () => {
    const now = Date.now();
    // Time is up as soon as Jira has had the request.
    const deadline = new Deadline(now + 10_000, () => (app.double.log.length > 0 ? now + 20_000 : now));
    const error = await jiraFailure(app, (jira) => jira.getIssue('SUP-404', ['summary']), { deadline });
    expect(error).toMatchObject({ kind: 'not-found', status: 404, jiraMessages: [] });
  });
});

describe('retries and the deadline', () => {
  const rateLimit = (seconds: number): void =>
    app.double.faults.add({ method: 'GET', path: MYSELF, status: 429, retryAfterSeconds: seconds });

  it('really waits, by default, the time Jira asks for before retrying', async () => {
    rateLimit(1);
    const started = Date.now();
    await withJira(app, (jira) => jira.getMyself(), { deadline: frozenDeadline(5_000) });
    // Timers may fire a millisecond early; a skipped wait is a second short.
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(app.double.log.map((e) => e.status)).toEqual([429, 200]);
  });

  it('waits and retries when the deadline leaves the wait and one second more', async () => {
    rateLimit(4);
    const { waits, sleep } = recorder();
    await withJira(app, (jira) => jira.getMyself(), { sleep, deadline: frozenDeadline(5_000) });
    expect(waits).toEqual([4_000]);
    expect(app.double.log.map((e) => e.status)).toEqual([429, 200]);
  });

  it('fails at once when the deadline leaves less than the wait and one second more', async () => {
    rateLimit(4);
    const { waits, sleep } = recorder();
    const error = await jiraFailure(app, (jira) => jira.getMyself(), {
      sleep,
      deadline: frozenDeadline(4_999),
    });
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(error.jiraMessages).toEqual(['Rate limit exceeded.']);
    expect(waits).toEqual([]);
    expect(app.double.log).toHaveLength(1);
  });

  it('does not retry what is not worth retrying', async () => {
    app.double.faults.add({ method: 'POST', path: '/rest/api/3/search/approximate-count', status: 503 });
    const { waits, sleep } = recorder();
    const error = await jiraFailure(app, (jira) => jira.countIssues('project = SUP'), { sleep });
    expect(error).toMatchObject({ kind: 'server', status: 503 });
    expect(waits).toEqual([]);
  });
});

describe('lists Jira leaves out', () => {
  it('reads no comment when the page has no comment list', async () => {
    app.double.faults.add({ path: '/rest/api/3/issue/SUP-5/comment', reply: { status: 200, body: {} } });
    expect(await withJira(app, (jira) => jira.getLatestComments('SUP-5', 10))).toEqual([]);
    expect(new URLSearchParams(app.double.log[0]?.query).get('startAt')).toBe('0');
  });

  it('reads no comment by id when the page has no values', async () => {
    app.double.faults.add({ path: '/rest/api/3/comment/list', reply: { status: 200, body: {} } });
    expect(await withJira(app, (jira) => jira.getCommentsWithProperties(['30001']))).toEqual([]);
  });

  it('reads no user when the page has no values', async () => {
    app.double.faults.add({ path: '/rest/api/3/user/bulk', reply: { status: 200, body: {} } });
    expect(await withJira(app, (jira) => jira.getUsers([DEMO_USERS.agent.accountId]))).toEqual([]);
  });

  it('reads no transition when Jira lists none', async () => {
    app.double.faults.add({ path: '/rest/api/3/issue/SUP-1/transitions', reply: { status: 200, body: {} } });
    expect(await withJira(app, (jira) => jira.getTransitions('SUP-1'))).toEqual([]);
  });
});
