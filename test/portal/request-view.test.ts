/** getRequestView through the real Forge code and the Jira test double. */
import { STATUSES } from '../../src/workflow';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import { withJira } from '../support/client';

type View = {
  issueKey?: string;
  status?: { key: string | null; name: string; responseRequired: boolean; since: string | null };
  history?: { name: string; at: string }[];
  actions?: { id: string }[];
  error?: { code: string; message: string };
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
});

const view = (
  issueKey: string,
  accountId: string = DEMO_USERS.reporter.accountId,
  payload: unknown = { locale: 'fr_FR' },
) => app.portal<View>('getRequestView', payload, { accountId, issueKey });

describe('getRequestView', () => {
  it.each(STATUSES.map((s) => [s.name, s] as const))(
    'shows a request in %s with its actions',
    async (_, s) => {
      const issue = app.issueIn(s.key);
      const answer = await view(issue.key);
      expect(answer.issueKey).toBe(issue.key);
      expect(answer.status).toMatchObject({ key: s.key, name: s.name, responseRequired: s.customerMustAct });
      expect(Date.parse(answer.status?.since ?? '')).toBe(issue.statusChangedAt);
      expect(answer.history?.[0]?.name).toBe(s.name);
      const times = (answer.history ?? []).map((h) => Date.parse(h.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    },
  );

  it('costs one Jira request', async () => {
    app.double.resetLog();
    await view(app.issueIn('closed').key);
    expect(jiraCalls(app.double)).toEqual([`GET /rest/servicedeskapi/request/${app.issueIn('closed').key}`]);
  });

  it('is shown to a participant', async () => {
    const issue = app.issueIn('waiting_approval');
    issue.participants = [DEMO_USERS.participant.accountId];
    expect((await view(issue.key, DEMO_USERS.participant.accountId)).status?.key).toBe('waiting_approval');
  });

  it.each([
    ['another customer', DEMO_USERS.otherCustomer.accountId],
    ['an agent not on the request', DEMO_USERS.agent.accountId],
  ])('is refused to %s with a neutral message', async (_, accountId) => {
    const answer = await view(app.issueIn('open').key, accountId, { locale: 'nl_NL' });
    expect(answer.error?.code).toBe('NOT_ALLOWED');
    expect(answer.error?.message).toBeTruthy();
    expect(answer.status).toBeUndefined();
  });

  it('shows a status outside the workflow by name, without actions', async () => {
    const issue = app.issueIn('resolved');
    const foreign = {
      ...app.double.state.statuses[0]!,
      id: '19999',
      name: 'Waiting for support',
      statusCategory: 'TODO' as const,
    };
    app.double.state.statuses.push(foreign);
    const previous = issue.statusId;
    issue.statusId = foreign.id;
    try {
      const answer = await view(issue.key);
      expect(answer.status).toMatchObject({
        key: null,
        name: 'Waiting for support',
        responseRequired: false,
      });
      expect(answer.actions).toEqual([]);
    } finally {
      issue.statusId = previous;
    }
  });

  it('shows a request Jira answers without its current status (optional in the spec), without a date', async () => {
    const issue = app.issueIn('waiting_customer');
    const request = await withJira(app, (jira) => jira.getCustomerRequest(issue.key));
    const { currentStatus, ...withoutStatus } = request;
    expect(currentStatus).toBeDefined();
    app.double.faults.add({
      method: 'GET',
      path: `/rest/servicedeskapi/request/${issue.key}`,
      reply: { status: 200, body: withoutStatus },
    });
    const answer = await view(issue.key);
    expect(answer.error).toBeUndefined();
    expect(answer.status).toMatchObject({ since: null });
  });

  it.each([
    ['a payload with unknown keys', { locale: 'fr_FR', issueKey: 'SUP-2' }],
    ['a non-string locale', { locale: ['fr'] }],
    ['a string payload', 'SUP-2'],
    ['an array payload', [{ locale: 'fr_FR' }]],
    ['a locale of 36 characters', { locale: 'x'.repeat(36) }],
    // Truthy payloads that are not objects reach the function as they are (@forge/resolver: `payload || {}`).
    ['a number payload', 42],
    ['a boolean payload', true],
    ['an empty array payload', []],
  ])('refuses %s', async (_, payload) => {
    expect((await view(app.issueIn('open').key, DEMO_USERS.reporter.accountId, payload)).error?.code).toBe(
      'INVALID_INPUT',
    );
  });

  it.each([
    ['no payload', undefined],
    ['a null payload', null],
    ['an empty payload', {}],
    ['a locale of 35 characters', { locale: 'x'.repeat(35) }],
  ])('shows the request for %s (French, by default)', async (_, payload) => {
    const answer = await view(app.issueIn('open').key, DEMO_USERS.reporter.accountId, payload);
    expect(answer.error).toBeUndefined();
    expect(answer.status?.key).toBe('open');
  });

  it('answers JIRA_UNAVAILABLE, in the caller language, when Jira keeps failing', async () => {
    app.double.faults.add({ method: 'GET', status: 503, times: 10 });
    const answer = await view(app.issueIn('open').key, DEMO_USERS.reporter.accountId, { locale: 'de_DE' });
    expect(answer.error).toEqual({
      code: 'JIRA_UNAVAILABLE',
      message: expect.stringContaining('Support-Dienst'),
    });
  });

  it('retries a read after a 503 and succeeds', async () => {
    app.double.faults.add({ method: 'GET', status: 503, times: 1 });
    expect((await view(app.issueIn('open').key)).status?.key).toBe('open');
  });
});
