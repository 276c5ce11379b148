/** Requests the specs do not allow are recorded as violations and answered 400/404, never served. */
import {
  DEMO_STATUS_IDS,
  DEMO_TRANSITION_IDS,
  DEMO_USERS,
  findIssue,
  startJiraDouble,
  type JiraDouble,
} from './index';
import { asUser, call, obj } from './testing';

let jira: JiraDouble;
beforeEach(async () => {
  jira = await startJiraDouble();
});
afterEach(() => jira.close());

const sup5 = () => {
  const issue = findIssue(jira.state, 'SUP-5');
  if (!issue) throw new Error('SUP-5 missing');
  return issue;
};

describe('request bodies', () => {
  it('flags an unknown top-level property on POST transitions, names it, and changes nothing', async () => {
    const before = { status: sup5().statusId, changes: sup5().changelog.length };
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: { transition: { id: DEMO_TRANSITION_IDS.customerAnswered }, commment: 'typo' },
    });
    expect(r.status).toBe(400);
    expect(obj(r.json).errorMessages).toEqual([
      expect.stringMatching(/^\[double\] request body: \/ must NOT have additional property 'commment'/),
    ]);
    expect(jira.takeViolations()).toEqual([
      expect.objectContaining({
        direction: 'request',
        method: 'POST',
        path: '/rest/api/3/issue/SUP-5/transitions',
        message: expect.stringContaining("must NOT have additional property 'commment'"),
      }),
    ]);
    expect({ status: sup5().statusId, changes: sup5().changelog.length }).toEqual(before);
  });

  it('flags a transition id of the wrong type', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: { transition: { id: 81 } },
    });
    expect(r.status).toBe(400);
    expect(jira.takeViolations().map((v) => v.message)).toEqual([
      'request body: /transition/id must be string',
    ]);
    expect(sup5().statusId).toBe(DEMO_STATUS_IDS.waiting_customer);
  });

  it('flags an ADF document sent as a JSM comment body, in the JSM error shape', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/servicedeskapi/request/SUP-5/comment', {
      body: { body: { type: 'doc', version: 1, content: [] }, public: true },
    });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ errorMessage: '[double] request body: /body must be string' });
    expect(jira.takeViolations().map((v) => v.message)).toEqual(['request body: /body must be string']);
    expect(sup5().comments).toHaveLength(2);
  });

  it('flags a body that is not JSON', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/comment', { rawBody: '{"body": ' });
    expect(r.status).toBe(400);
    expect(jira.takeViolations().map((v) => v.message)).toEqual(['request body: not valid JSON']);
  });
});

describe('parameters and paths', () => {
  it('flags an unknown query parameter', async () => {
    const r = await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-1?feilds=summary');
    expect(r.status).toBe(400);
    expect(jira.takeViolations().map((v) => v.message)).toEqual([
      "query parameter 'feilds' is not defined for getIssue",
    ]);
  });

  it('flags a query value of the wrong type', async () => {
    await call(jira, 'app', 'GET', '/rest/servicedeskapi/request/SUP-1/status?limit=ten');
    expect(jira.takeViolations().map((v) => v.message)).toEqual(["query parameter 'limit' must be integer"]);
  });

  it('flags a path no operation describes and answers 404', async () => {
    const r = await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-1/status');
    expect(r.status).toBe(404);
    expect(obj(r.json).errorMessages).toEqual([
      '[double] no operation in the specs for GET /rest/api/3/issue/SUP-1/status',
    ]);
    expect(jira.takeViolations()).toEqual([
      expect.objectContaining({
        kind: 'unknown-operation',
        message: 'no operation in the specs for GET /rest/api/3/issue/SUP-1/status',
      }),
    ]);
  });

  it('answers 404 for an operation the specs describe but the double does not serve, and says so', async () => {
    const r = await call(jira, 'app', 'GET', '/rest/api/3/project/SUP');
    expect(r.status).toBe(404);
    expect(jira.takeViolations()).toEqual([
      expect.objectContaining({ kind: 'unimplemented', message: expect.stringContaining('getProject') }),
    ]);
  });

  it('answers 412 to a JSM experimental operation without X-ExperimentalApi', async () => {
    const r = await call(jira, 'app', 'GET', '/rest/servicedeskapi/requesttype');
    expect(r.status).toBe(412);
    expect(obj(r.json).errorMessage).toEqual(expect.stringContaining('X-ExperimentalApi'));
    expect(jira.takeViolations().map((v) => v.message)).toEqual([
      expect.stringContaining('getAllRequestTypes is experimental'),
    ]);
  });
});

describe('caller identity', () => {
  it('answers 401 without a principal or for an account the site does not know', async () => {
    const none = await call(jira, undefined, 'GET', '/rest/api/3/myself');
    expect(none.status).toBe(401);
    expect(none.json).toEqual({
      errorMessages: ['Client must be authenticated to access this resource.'],
      errors: {},
    });
    const unknown = await call(jira, asUser('nobody'), 'GET', '/rest/servicedeskapi/request/SUP-1');
    expect(unknown.status).toBe(401);
    expect(obj(unknown.json).errorMessage).toEqual(expect.any(String));
    expect(jira.takeViolations()).toEqual([]);
  });

  it('answers as the caller on GET /myself', async () => {
    const r = await call(jira, asUser(DEMO_USERS.agent.accountId), 'GET', '/rest/api/3/myself');
    expect(obj(r.json)).toMatchObject({
      accountId: DEMO_USERS.agent.accountId,
      accountType: 'atlassian',
      locale: 'fr_FR',
    });
    const app = await call(jira, 'app', 'GET', '/rest/api/3/myself');
    expect(obj(app.json)).toMatchObject({ accountId: DEMO_USERS.app.accountId, accountType: 'app' });
    expect(jira.takeViolations()).toEqual([]);
  });
});
