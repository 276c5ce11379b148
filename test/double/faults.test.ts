/** Injected faults and the request log. */
import { DEMO_TRANSITION_IDS, DEMO_USERS, startJiraDouble, type JiraDouble } from './index';
import { asUser, call, obj } from './testing';

let jira: JiraDouble;
beforeEach(async () => {
  jira = await startJiraDouble();
});
afterEach(() => jira.close());

describe('faults', () => {
  it('answers 429 with Retry-After and RateLimit-Reason, then serves normally', async () => {
    jira.faults.add({
      method: 'GET',
      path: '/rest/servicedeskapi/request/SUP-1',
      status: 429,
      retryAfterSeconds: 3,
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const limited = await call(jira, 'app', 'GET', '/rest/servicedeskapi/request/SUP-1');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('3');
      expect(limited.headers.get('ratelimit-reason')).toEqual(expect.any(String));
      expect(obj(limited.json).errorMessage).toEqual(expect.any(String));
    }
    const ok = await call(jira, 'app', 'GET', '/rest/servicedeskapi/request/SUP-1');
    expect(ok.status).toBe(200);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('answers 500 once instead of the handler, which then does not run', async () => {
    jira.faults.add({ path: /\/transitions$/, status: 500 });
    const failed = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: { transition: { id: DEMO_TRANSITION_IDS.customerAnswered } },
    });
    expect(failed.status).toBe(500);
    expect(obj(failed.json).errorMessages).toEqual([expect.any(String)]);
    expect(jira.state.issues.find((i) => i.key === 'SUP-5')?.changelog).toHaveLength(2);
    const retried = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: { transition: { id: DEMO_TRANSITION_IDS.customerAnswered } },
    });
    expect(retried.status).toBe(204);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('replies with the given answer instead of the handler, checking a body but not an empty answer', async () => {
    const path = '/rest/api/3/issue/SUP-5/transitions';
    jira.faults.add({ path, reply: { status: 200, body: {} } });
    const sparse = await call(jira, 'app', 'GET', path);
    expect([sparse.status, sparse.json]).toEqual([200, {}]);
    jira.faults.add({ path, reply: { status: 200 } });
    const empty = await call(jira, 'app', 'GET', path);
    expect([empty.status, empty.text]).toEqual([200, '']);
    expect(jira.takeViolations()).toEqual([]);
    jira.faults.add({ path, reply: { status: 200, body: { transitions: 'none' } } });
    await call(jira, 'app', 'GET', path);
    expect(jira.takeViolations().map((v) => v.direction)).toEqual(['response']);
    expect(obj((await call(jira, 'app', 'GET', path)).json).transitions).toEqual(expect.any(Array));
  });

  it('delays the real answer, and only for matching requests', async () => {
    jira.faults.add({ method: 'GET', path: '/rest/api/3/myself', delayMs: 250 });
    const other = Date.now();
    await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-1?fields=summary');
    expect(Date.now() - other).toBeLessThan(250);
    const start = Date.now();
    const r = await call(jira, 'app', 'GET', '/rest/api/3/myself');
    expect(r.status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(245);
    jira.faults.add({ status: 503, times: 5 });
    jira.faults.clear();
    expect((await call(jira, 'app', 'GET', '/rest/api/3/myself')).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, path, query, principal, status, kind, operation, byte counts, duration, headers and body in order', async () => {
    const body = { body: 'Bonjour', public: true };
    await call(
      jira,
      asUser(DEMO_USERS.agent.accountId),
      'GET',
      '/rest/api/3/issue/SUP-1?fields=summary,status',
    );
    const posted = await call(jira, 'app', 'POST', '/rest/servicedeskapi/request/SUP-1/comment', { body });
    await call(jira, 'app', 'POST', '/rest/api/3/workflowscheme/read', { body: { projectIds: ['10000'] } });
    expect(jira.log).toEqual([
      {
        method: 'GET',
        path: '/rest/api/3/issue/SUP-1',
        query: 'fields=summary,status',
        principal: `user:${DEMO_USERS.agent.accountId}`,
        status: 200,
        kind: 'read',
        requestBytes: 0,
        responseBytes: expect.any(Number),
        operationId: 'getIssue',
        durationMs: expect.any(Number),
        accept: 'application/json',
      },
      expect.objectContaining({
        method: 'POST',
        principal: 'app',
        accept: 'application/json',
        contentType: 'application/json',
        body,
        status: 201,
        kind: 'write',
        requestBytes: Buffer.byteLength(JSON.stringify(body)),
        responseBytes: Buffer.byteLength(posted.text),
        operationId: 'createRequestComment',
      }),
      // A search-like POST that only reads.
      expect.objectContaining({
        path: '/rest/api/3/workflowscheme/read',
        kind: 'read',
        status: 200,
        operationId: 'readWorkflowSchemes',
      }),
    ]);
    expect(jira.log[0]?.responseBytes).toBeGreaterThan(100);
    jira.resetLog();
    expect(jira.log).toEqual([]);
    // An operation the specs describe but the double does not serve is answered 404 and recorded.
    await call(jira, 'app', 'POST', '/rest/api/3/workflowscheme/update/mappings', {
      body: { id: '10200', workflowsForIssueTypes: [] },
    });
    expect(jira.log).toEqual([
      expect.objectContaining({
        kind: 'read',
        status: 404,
        operationId: 'getRequiredWorkflowSchemeMappings',
      }),
    ]);
    expect(jira.takeViolations().map((v) => v.kind)).toEqual(['unimplemented']);
    expect(jira.violations).toEqual([]);
  });

  it('drops the connection without an answer, applying the request first only when told', async () => {
    const path = '/rest/api/3/issue/SUP-5/transitions';
    const body = { transition: { id: DEMO_TRANSITION_IDS.customerAnswered } };
    const issue = jira.state.issues.find((i) => i.key === 'SUP-5');
    jira.faults.add({ path: /\/transitions$/, drop: true });
    await expect(call(jira, 'app', 'POST', path, { body })).rejects.toThrow('fetch failed');
    expect(issue?.changelog).toHaveLength(2);
    jira.faults.add({ path: /\/transitions$/, drop: true, afterApply: true });
    await expect(call(jira, 'app', 'POST', path, { body })).rejects.toThrow('fetch failed');
    expect(issue?.changelog).toHaveLength(3);
    expect(jira.log.map((e) => e.status)).toEqual([0, 0]);
    expect(jira.takeViolations()).toEqual([]);
  });
});
