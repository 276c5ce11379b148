/**
 * What Jira receives from each client method (method, path, query, headers, JSON body) and what the
 * method makes of Jira's answer: the Jira Service Management reads, issues, comments and users.
 */
import { DEMO_PROJECT, DEMO_TRANSITION_IDS, DEMO_USERS, type DoubleIssue } from '../double/state';
import type { TestApp } from '../support/app';
import { onlyRequest, queryOf, useClientTestApp, withJira } from '../support/client';

let app: TestApp;
useClientTestApp((started) => (app = started));

function issue(key: string): DoubleIssue {
  const found = app.double.state.issues.find((i) => i.key === key);
  if (!found) throw new Error(`no issue ${key}`);
  return found;
}

/** SUP-5, the demo issue with comments. */
const commented = (): DoubleIssue => issue('SUP-5');

describe('headers', () => {
  it('asks for JSON and declares no content on a request without a body', async () => {
    await withJira(app, (jira) => jira.getMyself());
    const sent = onlyRequest(app.double.log);
    expect(sent.accept).toBe('application/json');
    expect(sent.contentType).toBeUndefined();
    expect(sent.body).toBeUndefined();
    expect(sent.requestBytes).toBe(0);
  });

  it('sends a body as JSON, saying so, and still asks for JSON', async () => {
    await withJira(app, (jira) => jira.countIssues('project = SUP'));
    const sent = onlyRequest(app.double.log);
    expect(sent).toMatchObject({ accept: 'application/json', contentType: 'application/json' });
    expect(sent.body).toEqual({ jql: 'project = SUP' });
  });
});

describe('Jira Service Management', () => {
  it('reads a page of participants from the given start', async () => {
    const key = commented().key;
    const page = await withJira(app, (jira) => jira.getRequestParticipants(key, 2));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe(`GET /rest/servicedeskapi/request/${key}/participant`);
    expect(queryOf(sent)).toEqual([['start', '2']]);
    expect(page.start).toBe(2);
    expect(Array.isArray(page.values)).toBe(true);
  });

  it("names a project's service desk by its project key", async () => {
    const desk = await withJira(app, (jira) => jira.getServiceDeskOfProject(DEMO_PROJECT.key));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${decodeURIComponent(sent.path)}`).toBe(
      `GET /rest/servicedeskapi/servicedesk/projectKey:${DEMO_PROJECT.key}`,
    );
    expect(desk.id).toBe(DEMO_PROJECT.serviceDeskId);
  });

  it("lists all of a service desk's requests, whoever owns them and whatever their status, with their request type", async () => {
    const page = await withJira(app, (jira) => jira.getServiceDeskRequests(DEMO_PROJECT.serviceDeskId, 7));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('GET /rest/servicedeskapi/request');
    expect(queryOf(sent)).toEqual([
      ['serviceDeskId', DEMO_PROJECT.serviceDeskId],
      ['requestOwnership', 'ALL_REQUESTS'],
      ['requestStatus', 'ALL_REQUESTS'],
      ['expand', 'requestType'],
      ['limit', '7'],
    ]);
    expect(page.values.length).toBeGreaterThan(0);
    expect(page.values.length).toBeLessThanOrEqual(7);
    expect(page.values[0]?.requestType).toBeDefined();
  });

  it('reads one comment as the portal shows it, with its public flag', async () => {
    const { key, comments } = commented();
    const id = comments[0]?.id ?? '';
    const comment = await withJira(app, (jira) => jira.getRequestComment(key, id));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe(`GET /rest/servicedeskapi/request/${key}/comment/${id}`);
    expect(sent.query).toBe('');
    expect(comment.id).toBe(id);
    expect(typeof comment.public).toBe('boolean');
  });
});

describe('comments', () => {
  it('posts a plain-text comment marked public for the customer', async () => {
    const key = issue('SUP-1').key;
    const created = await withJira(app, (jira) => jira.addPublicComment(key, 'Bonjour'));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe(`POST /rest/api/3/issue/${key}/comment`);
    expect(sent.body).toEqual({
      body: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bonjour' }] }],
      },
      properties: [{ key: 'sd.public.comment', value: { internal: false } }],
    });
    expect(issue('SUP-1').comments.at(-1)?.id).toBe(created.id);
  });

  it("adds the caller's comment properties after the public mark", async () => {
    const key = issue('SUP-1').key;
    await withJira(app, (jira) => jira.addPublicComment(key, 'Re', [{ key: 'app.mark', value: { n: 1 } }]));
    expect(onlyRequest(app.double.log).body).toMatchObject({
      properties: [
        { key: 'sd.public.comment', value: { internal: false } },
        { key: 'app.mark', value: { n: 1 } },
      ],
    });
  });

  it("reads the issue's newest comments first, from the given offset", async () => {
    const { key, comments } = commented();
    const latest = await withJira(app, (jira) => jira.getLatestComments(key, 1, 1));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe(`GET /rest/api/3/issue/${key}/comment`);
    expect(queryOf(sent)).toEqual([
      ['orderBy', '-created'],
      ['maxResults', '1'],
      ['startAt', '1'],
    ]);
    expect(latest.map((c) => c.id)).toEqual([comments.at(-2)?.id]);
  });

  it('reads comments by numeric id with their properties', async () => {
    const ids = commented().comments.map((c) => c.id);
    const found = await withJira(app, (jira) => jira.getCommentsWithProperties(ids));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}?${sent.query}`).toBe(
      'POST /rest/api/3/comment/list?expand=properties',
    );
    expect(sent.body).toEqual({ ids: ids.map(Number) });
    expect(found.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(found.every((c) => Array.isArray(c.properties))).toBe(true);
  });

  it('asks Jira nothing for no comment ids', async () => {
    expect(await withJira(app, (jira) => jira.getCommentsWithProperties([]))).toEqual([]);
    expect(app.double.log).toEqual([]);
  });

  it('replaces a comment property with the given value', async () => {
    const comment = commented().comments[0];
    const id = comment?.id ?? '';
    await withJira(app, (jira) => jira.setCommentProperty(id, 'app.mark', { erased: true }));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe(`PUT /rest/api/3/comment/${id}/properties/app.mark`);
    expect(sent.body).toEqual({ erased: true });
    expect(comment?.properties?.['app.mark']).toEqual({ erased: true });
  });
});

describe('issues', () => {
  it('reads only the fields asked for when no property or expansion is', async () => {
    const issueBean = await withJira(app, (jira) => jira.getIssue('SUP-1', ['summary', 'status']));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('GET /rest/api/3/issue/SUP-1');
    expect(queryOf(sent)).toEqual([['fields', 'summary,status']]);
    expect(issueBean.key).toBe('SUP-1');
  });

  it('reads issue properties and expansions in the same request', async () => {
    await withJira(app, (jira) =>
      jira.getIssue('SUP-1', ['status'], { properties: ['a', 'b'], expand: ['changelog', 'names'] }),
    );
    expect(queryOf(onlyRequest(app.double.log))).toEqual([
      ['fields', 'status'],
      ['properties', 'a,b'],
      ['expand', 'changelog,names'],
    ]);
  });

  it('reads changelog entries by their numeric ids only', async () => {
    const [first, second] = commented().changelog.map((c) => c.id);
    const page = await withJira(app, (jira) =>
      jira.getChangelogsByIds('SUP-5', [`x${first}`, `${first}x`, first ?? '', 'abc', second ?? '']),
    );
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('POST /rest/api/3/issue/SUP-5/changelog/list');
    expect(sent.body).toEqual({ changelogIds: [Number(first), Number(second)] });
    expect(page.histories?.map((c) => c.id).sort()).toEqual([first, second].sort());
  });

  it('reads the transitions the issue has', async () => {
    const transitions = await withJira(app, (jira) => jira.getTransitions('SUP-1'));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('GET /rest/api/3/issue/SUP-1/transitions');
    expect(transitions.length).toBeGreaterThan(0);
  });

  it('transitions with the issue properties and history metadata given', async () => {
    const key = app.issueIn('waiting_customer').key;
    const properties = [{ key: 'app.last', value: { by: 'app' } }];
    const historyMetadata = { type: 'app', activityDescription: 'Réponse du client' };
    await withJira(app, (jira) =>
      jira.transitionIssue(key, DEMO_TRANSITION_IDS.customerAnswered, { properties, historyMetadata }),
    );
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe(`POST /rest/api/3/issue/${key}/transitions`);
    expect(sent.body).toEqual({
      transition: { id: DEMO_TRANSITION_IDS.customerAnswered },
      properties,
      historyMetadata,
    });
  });

  it('writes and reads back an issue property', async () => {
    await withJira(app, (jira) => jira.setIssueProperty('SUP-1', 'app.state', { step: 2 }));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('PUT /rest/api/3/issue/SUP-1/properties/app.state');
    expect(sent.body).toEqual({ step: 2 });
    expect(await withJira(app, (jira) => jira.getIssueProperty('SUP-1', 'app.state'))).toEqual({ step: 2 });
  });

  it('counts the issues of a query', async () => {
    const count = await withJira(app, (jira) => jira.countIssues(`project = ${DEMO_PROJECT.key}`));
    expect(onlyRequest(app.double.log).path).toBe('/rest/api/3/search/approximate-count');
    expect(count).toBe(app.double.state.issues.length);
  });
});

describe('users', () => {
  it('reads the account the client acts as', async () => {
    const me = await withJira(app, (jira) => jira.getMyself());
    expect(onlyRequest(app.double.log).path).toBe('/rest/api/3/myself');
    expect(me.accountId).toBe(DEMO_USERS.app.accountId);
  });

  it('reads one user by account id', async () => {
    const user = await withJira(app, (jira) => jira.getUser(DEMO_USERS.agent.accountId));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('GET /rest/api/3/user');
    expect(queryOf(sent)).toEqual([['accountId', DEMO_USERS.agent.accountId]]);
    expect(user.locale).toBe(DEMO_USERS.agent.locale);
  });

  it('reads several users in one page sized to the ids', async () => {
    const ids = [DEMO_USERS.agent.accountId, DEMO_USERS.reporter.accountId];
    const users = await withJira(app, (jira) => jira.getUsers(ids));
    const sent = onlyRequest(app.double.log);
    expect(`${sent.method} ${sent.path}`).toBe('GET /rest/api/3/user/bulk');
    expect(queryOf(sent)).toEqual([
      ['maxResults', '2'],
      ['accountId', ids[0]],
      ['accountId', ids[1]],
    ]);
    expect(users.map((u) => u.accountId).sort()).toEqual([...ids].sort());
  });
});
