/** Who sees what: portal-only customers, customers with an Atlassian account, agents, the app, admins. */
import { DEMO_TRANSITION_IDS, DEMO_USERS, startJiraDouble, type JiraDouble } from './index';
import { arr, asUser, call, obj } from './testing';

let jira: JiraDouble;
beforeEach(async () => {
  jira = await startJiraDouble();
});
afterEach(() => jira.close());

const claire = asUser(DEMO_USERS.reporter.accountId);
const anna = asUser(DEMO_USERS.atlassianCustomer.accountId);
const aline = asUser(DEMO_USERS.agent.accountId);
const adam = asUser(DEMO_USERS.admin.accountId);
const KEYS = Array.from({ length: 10 }, (_, i) => `SUP-${i + 1}`);

describe('portal-only customers (ECO-838)', () => {
  it('get 403 on every asUser call, even on their own request, in each family’s error shape', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/rest/api/3/myself'],
      ['GET', '/rest/api/3/issue/SUP-1'],
      ['GET', '/rest/api/3/issue/SUP-5/transitions'],
      [
        'POST',
        '/rest/api/3/issue/SUP-5/transitions',
        { transition: { id: DEMO_TRANSITION_IDS.customerAnswered } },
      ],
      ['GET', '/rest/api/3/issue/SUP-1/properties'],
      ['GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS'],
      ['GET', '/rest/servicedeskapi/request/SUP-1?expand=status'],
      ['POST', '/rest/servicedeskapi/request/SUP-1/comment', { body: 'Merci', public: true }],
      ['GET', '/rest/servicedeskapi/request/SUP-1/participant'],
    ];
    for (const [method, path, body] of calls) {
      const r = await call(jira, claire, method, path, body === undefined ? {} : { body });
      expect({ path, status: r.status }).toEqual({ path, status: 403 });
      if (path.startsWith('/rest/servicedeskapi'))
        expect(obj(r.json).errorMessage).toEqual(expect.any(String));
      else expect(obj(r.json).errorMessages).toEqual([expect.any(String)]);
    }
    expect(jira.state.issues.find((i) => i.key === 'SUP-1')?.comments).toEqual([]);
    expect(jira.takeViolations()).toEqual([]);
  });
});

describe('a customer with an Atlassian account', () => {
  it('sees a request they participate in, on both APIs', async () => {
    const platform = await call(jira, anna, 'GET', '/rest/api/3/issue/SUP-4?fields=summary,status');
    expect(platform.status).toBe(200);
    expect(obj(platform.json).key).toBe('SUP-4');
    const jsm = await call(jira, anna, 'GET', '/rest/servicedeskapi/request/SUP-4?expand=participant');
    expect(jsm.status).toBe(200);
    expect(arr(obj(obj(jsm.json).participants).values).map((u) => obj(u).accountId)).toContain(
      DEMO_USERS.atlassianCustomer.accountId,
    );
    expect(jira.takeViolations()).toEqual([]);
  });

  it("gets 404 on someone else's request, as if it did not exist", async () => {
    for (const path of [
      '/rest/api/3/issue/SUP-1',
      '/rest/api/3/issue/SUP-1/transitions',
      '/rest/api/3/issue/SUP-1/properties',
    ]) {
      const r = await call(jira, anna, 'GET', path);
      expect(r.status).toBe(404);
      expect(r.json).toEqual({
        errorMessages: ['Issue does not exist or you do not have permission to see it.'],
        errors: {},
      });
    }
    const jsm = await call(jira, anna, 'GET', '/rest/servicedeskapi/request/SUP-1');
    expect(jsm.status).toBe(404);
    expect(obj(jsm.json).errorMessage).toEqual(expect.any(String));
    // JSM documents an empty answer, not an error, for comments of a request the caller may not see.
    const comments = await call(jira, anna, 'GET', '/rest/servicedeskapi/request/SUP-1/comment');
    expect(comments.status).toBe(200);
    expect(obj(comments.json).values).toEqual([]);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('sees public comments only', async () => {
    const jsm = await call(jira, anna, 'GET', '/rest/servicedeskapi/request/SUP-5/comment');
    expect(arr(obj(jsm.json).values).map((c) => obj(c).public)).toEqual([true]);
    const platform = await call(jira, anna, 'GET', '/rest/api/3/issue/SUP-5/comment');
    expect(obj(platform.json).total).toBe(1);
    const agent = await call(jira, aline, 'GET', '/rest/servicedeskapi/request/SUP-5/comment');
    expect(arr(obj(agent.json).values).map((c) => obj(c).public)).toEqual([true, false]);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('may not look users up, nor edit issue properties', async () => {
    const user = await call(
      jira,
      anna,
      'GET',
      `/rest/api/3/user?accountId=${encodeURIComponent(DEMO_USERS.agent.accountId)}`,
    );
    expect(user.status).toBe(403);
    const prop = await call(jira, anna, 'PUT', '/rest/api/3/issue/SUP-4/properties/x', { body: { a: 1 } });
    expect(prop.status).toBe(403);
    expect(jira.takeViolations()).toEqual([]);
  });
});

describe('agents and the app', () => {
  it.each([
    ['an agent', aline],
    ['the app', 'app'],
  ])('%s sees every request of the project', async (_who, principal) => {
    for (const key of KEYS) {
      const platform = await call(jira, principal, 'GET', `/rest/api/3/issue/${key}?fields=status`);
      const jsm = await call(jira, principal, 'GET', `/rest/servicedeskapi/request/${key}`);
      expect([key, platform.status, jsm.status]).toEqual([key, 200, 200]);
    }
    expect(jira.takeViolations()).toEqual([]);
  });

  it('an agent looks up a customer, with account type and locale', async () => {
    const r = await call(
      jira,
      aline,
      'GET',
      `/rest/api/3/user?accountId=${encodeURIComponent(DEMO_USERS.participant.accountId)}`,
    );
    expect(r.status).toBe(200);
    expect(obj(r.json)).toMatchObject({
      accountType: 'customer',
      locale: 'nl_NL',
      displayName: 'Pierre Participant',
    });
    const missing = await call(jira, aline, 'GET', '/rest/api/3/user?accountId=unknown');
    expect(missing.status).toBe(404);
    expect(jira.takeViolations()).toEqual([]);
  });
});

describe('GET /mypermissions', () => {
  const administer = async (principal: string): Promise<unknown> => {
    const r = await call(jira, principal, 'GET', '/rest/api/3/mypermissions?permissions=ADMINISTER');
    return obj(obj(obj(r.json).permissions).ADMINISTER).havePermission;
  };

  it('answers ADMINISTER from the jiraAdmin flag (and the app user’s admin group)', async () => {
    expect(await administer(adam)).toBe(true);
    expect(await administer(aline)).toBe(false);
    expect(await administer(anna)).toBe(false);
    expect(await administer('app')).toBe(true);
    const agent = jira.state.users.find((u) => u.accountId === DEMO_USERS.agent.accountId);
    if (agent) agent.jiraAdmin = true;
    expect(await administer(aline)).toBe(true);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('answers project permissions in an issue context and rejects unknown keys', async () => {
    const r = await call(
      jira,
      anna,
      'GET',
      '/rest/api/3/mypermissions?issueKey=SUP-4&permissions=BROWSE_PROJECTS,EDIT_ISSUES',
    );
    const permissions = obj(obj(r.json).permissions);
    expect(obj(permissions.BROWSE_PROJECTS).havePermission).toBe(true);
    expect(obj(permissions.EDIT_ISSUES).havePermission).toBe(false);
    expect(
      (await call(jira, anna, 'GET', '/rest/api/3/mypermissions?issueKey=SUP-1&permissions=BROWSE_PROJECTS'))
        .status,
    ).toBe(404);
    expect((await call(jira, anna, 'GET', '/rest/api/3/mypermissions?permissions=FLY')).status).toBe(400);
    expect((await call(jira, anna, 'GET', '/rest/api/3/mypermissions')).status).toBe(400);
    expect(jira.takeViolations()).toEqual([]);
  });
});
