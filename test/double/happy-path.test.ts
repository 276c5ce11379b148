/**
 * A full run through the real `@forge/api` (as the app's back end will call Jira): every request
 * and every response of the double must satisfy the specs.
 */
import api, { route } from '@forge/api';
import {
  DEMO_STATUS_IDS,
  DEMO_TRANSITION_IDS,
  DEMO_USERS,
  findIssue,
  startJiraDouble,
  type JiraDouble,
} from './index';

interface ForgeFetchMeta {
  provider: 'app' | 'user' | 'none';
  accountId?: string;
}
type ForgeFetch = (meta: ForgeFetchMeta, path: string, init?: RequestInit) => Promise<Response>;
const forgeGlobals = globalThis as unknown as { __forge_fetch__?: ForgeFetch };

let jira: JiraDouble;
/** The user asUser() acts for, as the Forge runtime would take it from the invocation context. */
let invokingUser: string = DEMO_USERS.agent.accountId;

beforeAll(() => {
  forgeGlobals.__forge_fetch__ = (meta, path, init = {}) => {
    const principal = meta.provider === 'app' ? 'app' : `user:${meta.accountId ?? invokingUser}`;
    const headers = new Headers(init.headers);
    headers.set('x-forge-principal', principal);
    return fetch(jira.url + path, { ...init, headers });
  };
});
afterAll(() => {
  delete forgeGlobals.__forge_fetch__;
});
beforeEach(async () => {
  jira = await startJiraDouble();
});
afterEach(() => jira.close());

const json = { Accept: 'application/json', 'Content-Type': 'application/json' };

async function ok(response: { status: number; text(): Promise<string> }, status = 200): Promise<unknown> {
  const text = await response.text();
  expect({ status: response.status, text: response.status === status ? '' : text }).toEqual({
    status,
    text: '',
  });
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

it('serves a customer answer end to end with zero contract violations', async () => {
  const app = api.asApp();
  const key = 'SUP-5';

  await ok(await app.requestJira(route`/rest/api/3/myself`));
  await ok(await app.requestJira(route`/rest/servicedeskapi/request/${key}?expand=participant,status`));
  await ok(await app.requestJira(route`/rest/servicedeskapi/request/${key}/participant?start=${0}`));
  await ok(await app.requestJira(route`/rest/servicedeskapi/request/${key}/status?start=0&limit=10`));
  await ok(
    await app.requestJira(
      route`/rest/api/3/issue/${key}?fields=summary,status,reporter,project,issuetype,created,updated&expand=changelog`,
    ),
  );
  await ok(await app.requestJira(route`/rest/api/3/issue/${key}/transitions`));
  await ok(
    await app.requestJira(route`/rest/servicedeskapi/request/${key}/comment`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ body: 'Voici la capture demandée.', public: true }),
    }),
    201,
  );
  await ok(
    await app.requestJira(route`/rest/api/3/issue/${key}/transitions`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ transition: { id: DEMO_TRANSITION_IDS.customerAnswered } }),
    }),
    204,
  );
  await ok(
    await app.requestJira(route`/rest/api/3/issue/${key}/properties/${'guide-des-statuts.last-action'}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ action: 'customerAnswered', by: DEMO_USERS.reporter.accountId }),
    }),
    201,
  );
  await ok(
    await app.requestJira(route`/rest/api/3/issue/${key}/properties/${'guide-des-statuts.last-action'}`),
  );
  await ok(await app.requestJira(route`/rest/api/3/issue/${key}/properties`));
  await ok(await app.requestJira(route`/rest/api/3/issue/${key}/changelog?startAt=0&maxResults=50`));
  await ok(
    await app.requestJira(route`/rest/api/3/issue/${key}/comment?orderBy=created&expand=renderedBody`),
  );
  await ok(await app.requestJira(route`/rest/servicedeskapi/request/${key}/comment?start=0&limit=50`));
  await ok(await app.requestJira(route`/rest/api/3/user?accountId=${DEMO_USERS.reporter.accountId}`));
  await ok(
    await app.requestJira(route`/rest/api/3/issue/${key}/notify`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        subject: 'Réponse reçue',
        textBody: 'Le client a répondu.',
        to: { users: [{ accountId: DEMO_USERS.agent.accountId }] },
      }),
    }),
    204,
  );
  await ok(
    await app.requestJira(route`/rest/api/3/issue/${key}/properties/${'guide-des-statuts.last-action'}`, {
      method: 'DELETE',
    }),
    204,
  );

  // The agent side, asUser.
  const agent = api.asUser();
  await ok(
    await agent.requestJira(
      route`/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS&projectKey=SUP`,
    ),
  );
  await ok(
    await agent.requestJira(route`/rest/api/3/issue/${key}/comment`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        body: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Merci, nous regardons.' }] }],
        },
      }),
    }),
    201,
  );
  await ok(
    await agent.requestJira(
      route`/rest/servicedeskapi/request/${key}?expand=participant,status,requestType,serviceDesk,action,comment,sla,attachment`,
    ),
  );

  expect(findIssue(jira.state, key)?.statusId).toBe(DEMO_STATUS_IDS.in_progress);
  expect(jira.log.every((e) => e.status >= 200 && e.status < 300)).toBe(true);
  expect(jira.log).toHaveLength(20);
  expect(jira.takeViolations()).toEqual([]);
});

it('answers a portal-only customer calling asUser with 403 through the real library', async () => {
  invokingUser = DEMO_USERS.reporter.accountId;
  try {
    const r = await api.asUser().requestJira(route`/rest/servicedeskapi/request/${'SUP-1'}`);
    expect(r.status).toBe(403);
  } finally {
    invokingUser = DEMO_USERS.agent.accountId;
  }
  expect(jira.takeViolations()).toEqual([]);
});
