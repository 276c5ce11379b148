/** Comments on both APIs, issue properties and notifications. */
import { DEMO_USERS, findIssue, startJiraDouble, type DoubleIssue, type JiraDouble } from './index';
import { arr, asUser, call, obj } from './testing';

let jira: JiraDouble;
beforeEach(async () => {
  jira = await startJiraDouble();
});
afterEach(() => jira.close());

function issue(key: string): DoubleIssue {
  const found = findIssue(jira.state, key);
  if (!found) throw new Error(`${key} missing`);
  return found;
}

const anna = asUser(DEMO_USERS.atlassianCustomer.accountId);
const aline = asUser(DEMO_USERS.agent.accountId);

describe('JSM comments', () => {
  it('stores public and internal comments with their plain-text body as sent', async () => {
    const text = 'Réponse du client :\n\nla capture est jointe.';
    const pub = await call(jira, 'app', 'POST', '/rest/servicedeskapi/request/SUP-5/comment', {
      body: { body: text, public: true },
    });
    expect(pub.status).toBe(201);
    expect(obj(pub.json)).toMatchObject({
      body: text,
      public: true,
      author: { accountId: DEMO_USERS.app.accountId },
    });
    const internal = await call(jira, aline, 'POST', '/rest/servicedeskapi/request/SUP-5/comment', {
      body: { body: 'Vu avec le prestataire.', public: false },
    });
    expect(obj(internal.json)).toMatchObject({
      public: false,
      author: { accountId: DEMO_USERS.agent.accountId },
    });
    expect(
      issue('SUP-5')
        .comments.slice(-2)
        .map((c) => [c.body, c.public]),
    ).toEqual([
      [text, true],
      ['Vu avec le prestataire.', false],
    ]);
    const onlyInternal = await call(
      jira,
      aline,
      'GET',
      '/rest/servicedeskapi/request/SUP-5/comment?public=false',
    );
    expect(arr(obj(onlyInternal.json).values).map((c) => obj(c).body)).toEqual([
      'Note interne : vérifier les journaux du prestataire de paiement pour cette commune.',
      'Vu avec le prestataire.',
    ]);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('lets a customer comment publicly on their request but not internally', async () => {
    const ok = await call(jira, anna, 'POST', '/rest/servicedeskapi/request/SUP-4/comment', {
      body: { body: 'Merci !', public: true },
    });
    expect(ok.status).toBe(201);
    const internal = await call(jira, anna, 'POST', '/rest/servicedeskapi/request/SUP-4/comment', {
      body: { body: 'psst', public: false },
    });
    expect(internal.status).toBe(403);
    expect(issue('SUP-4').comments.map((c) => c.body)).toEqual(['Merci !']);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('answers 400 when `public` is missing, as documented', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/servicedeskapi/request/SUP-5/comment', {
      body: { body: 'Bonjour' },
    });
    expect(r.status).toBe(400);
    expect(obj(r.json).errorMessage).toEqual(expect.stringContaining('public'));
    expect(jira.takeViolations()).toEqual([]);
  });
});

describe('platform comments', () => {
  const doc = (text: string) => ({
    type: 'doc',
    version: 1,
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  });

  it('stores an ADF comment as text, public unless sd.public.comment marks it internal', async () => {
    const pub = await call(jira, aline, 'POST', '/rest/api/3/issue/SUP-6/comment', {
      body: { body: doc('Corrigé en production.') },
    });
    expect(pub.status).toBe(201);
    expect(obj(pub.json)).toMatchObject({ jsdPublic: true, body: doc('Corrigé en production.') });
    await call(jira, aline, 'POST', '/rest/api/3/issue/SUP-6/comment', {
      body: { body: doc('Interne.'), properties: [{ key: 'sd.public.comment', value: { internal: true } }] },
    });
    expect(issue('SUP-6').comments.map((c) => [c.body, c.public])).toEqual([
      ['Corrigé en production.', true],
      ['Interne.', false],
    ]);
    const jsm = await call(jira, 'app', 'GET', '/rest/servicedeskapi/request/SUP-6/comment');
    expect(arr(obj(jsm.json).values).map((c) => obj(c).body)).toEqual(['Corrigé en production.', 'Interne.']);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('refuses a plain-string body (v3 takes documents only)', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-6/comment', {
      body: { body: 'texte brut' },
    });
    expect(r.status).toBe(400);
    expect(obj(obj(r.json).errors).comment).toEqual(expect.stringContaining('Atlassian Document'));
    expect(issue('SUP-6').comments).toEqual([]);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('lists comments oldest first, or newest first with orderBy=-created', async () => {
    const asc = await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-5/comment');
    const desc = await call(
      jira,
      'app',
      'GET',
      '/rest/api/3/issue/SUP-5/comment?orderBy=-created&expand=renderedBody',
    );
    const ids = (r: typeof asc) => arr(obj(r.json).comments).map((c) => obj(c).id);
    expect(ids(desc)).toEqual([...ids(asc)].reverse());
    expect(obj(arr(obj(desc.json).comments)[0]).renderedBody).toEqual(expect.stringContaining('<p>'));
    expect(jira.takeViolations()).toEqual([]);
  });
});

describe('issue properties', () => {
  it('round-trips: create (201), replace (200), read, list, delete (204), then 404', async () => {
    const path = '/rest/api/3/issue/SUP-3/properties/guide-des-statuts.state';
    expect((await call(jira, 'app', 'PUT', path, { body: { version: 1, seen: ['a'] } })).status).toBe(201);
    expect((await call(jira, 'app', 'PUT', path, { body: { version: 2, seen: ['a', 'b'] } })).status).toBe(
      200,
    );
    const read = await call(jira, 'app', 'GET', path);
    expect(read.json).toEqual({ key: 'guide-des-statuts.state', value: { version: 2, seen: ['a', 'b'] } });
    const keys = await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-3/properties');
    expect(arr(obj(keys.json).keys).map((k) => obj(k).key)).toEqual(['guide-des-statuts.state']);
    expect((await call(jira, 'app', 'DELETE', path)).status).toBe(204);
    const gone = await call(jira, 'app', 'GET', path);
    expect(gone.status).toBe(404);
    expect(obj(gone.json).errorMessages).toEqual([expect.stringContaining('guide-des-statuts.state')]);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('stores scalars too, and shows properties on the issue when asked', async () => {
    await call(jira, 'app', 'PUT', '/rest/api/3/issue/SUP-3/properties/flag', { body: true });
    const bean = await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-3?fields=summary&properties=flag');
    expect(obj(bean.json).properties).toEqual({ flag: true });
    expect(jira.takeViolations()).toEqual([]);
  });
});

describe('notify', () => {
  it('records the e-mail with its resolved recipients', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-7/notify', {
      body: {
        subject: 'Votre approbation est demandée',
        textBody: 'Merci de valider.',
        to: { reporter: true, users: [{ accountId: DEMO_USERS.participant.accountId }] },
      },
    });
    expect(r.status).toBe(204);
    expect(jira.state.notifications).toEqual([
      expect.objectContaining({
        issueKey: 'SUP-7',
        senderAccountId: DEMO_USERS.app.accountId,
        subject: 'Votre approbation est demandée',
        recipients: [DEMO_USERS.reporter.accountId, DEMO_USERS.participant.accountId],
      }),
    ]);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('flags an unknown property in the notification (the spec leaves Notification open)', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-7/notify', {
      body: { subject: 's', textBody: 't', recipients: ['x'] },
    });
    expect(r.status).toBe(400);
    expect(jira.takeViolations().map((v) => v.message)).toEqual([
      expect.stringContaining("must NOT have additional property 'recipients'"),
    ]);
    expect(jira.state.notifications).toEqual([]);
  });
});
