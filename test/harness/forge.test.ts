/**
 * The harness runs the real @forge/api and @forge/resolver code: a resolver invoked the way the
 * platform does reads the issue as the app or as the user, and the double treats them differently.
 */
import api, { route } from '@forge/api';
import { getTranslator } from '../../src/i18n';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => expectNoViolations(app.double));

type Help = {
  status?: { key: string | null; name: string };
  customerActions?: { id: string; name: string }[];
  error?: { code: string; message: string };
};

describe('resolvers through the Forge harness', () => {
  it('reads an issue as the user: an agent gets the status help', async () => {
    const issue = app.issueIn('waiting_customer');
    app.double.resetLog();
    const help = await app.issueView<Help>(
      'getStatusHelp',
      { locale: 'fr_FR' },
      { accountId: DEMO_USERS.agent.accountId, issueKey: issue.key },
    );
    expect(help.status).toEqual({
      key: 'waiting_customer',
      name: 'En attente du client',
      responseRequired: true,
      since: new Date(issue.statusChangedAt).toISOString(),
      // The guide's texts in the agent's language, the team's note included (src/texts).
      texts: expect.objectContaining({ label: 'En attente du client', agent: expect.any(String) }),
    });
    expect(help.customerActions).toEqual([{ id: 'customerAnswered', name: 'Customer answered' }]);
    expect(app.double.log.map((e) => e.principal)).toEqual([`user:${DEMO_USERS.agent.accountId}`]);
  });

  it('reads a request as the app for a portal-only customer', async () => {
    const issue = app.issueIn('closed');
    app.double.resetLog();
    const view = await app.portal<{ status?: { key: string } }>(
      'getRequestView',
      {},
      { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
    );
    expect(view.status?.key).toBe('closed');
    expect(app.double.log.map((e) => e.principal)).toEqual(['app']);
  });

  it("refuses a portal-only customer's asUser call, and the resolver says so without throwing", async () => {
    const issue = app.issueIn('open');
    app.double.resetLog();
    const help = await app.issueView<Help>(
      'getStatusHelp',
      { locale: 'en_US' },
      { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
    );
    expect(app.double.log.map((e) => [e.principal, e.status])).toEqual([
      [`user:${DEMO_USERS.reporter.accountId}`, 403],
    ]);
    expect(help.error).toEqual({
      code: 'NOT_ALLOWED',
      message: expect.stringContaining('You cannot perform this action'),
    });
  });

  it('lets a customer with an Atlassian account read only their own requests as themselves', async () => {
    const theirs = app.issueIn('in_progress');
    theirs.participants = [...theirs.participants, DEMO_USERS.atlassianCustomer.accountId];
    const other = app.issueIn('resolved');
    const seen = await app.issueView<Help>(
      'getStatusHelp',
      {},
      { accountId: DEMO_USERS.atlassianCustomer.accountId, issueKey: theirs.key },
    );
    expect(seen.status?.key).toBe('in_progress');
    const hidden = await app.issueView<Help>(
      'getStatusHelp',
      {},
      { accountId: DEMO_USERS.atlassianCustomer.accountId, issueKey: other.key },
    );
    expect(hidden.error?.code).toBe('NOT_ALLOWED');
  });

  it('passes the platform seams: product requests, principal and invocation deadline', async () => {
    const response = await api.asApp().requestJira(route`/rest/api/3/issue/${'SUP-1'}?fields=summary`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { key: string }).key).toBe('SUP-1');
    await expect(
      app.forge.invoke(
        async () => new Promise(() => undefined),
        'never',
        {},
        { accountId: DEMO_USERS.agent.accountId, timeoutMs: 50 },
      ),
    ).rejects.toThrow('exceeded 50 ms');
  });

  it('refuses, as Forge does, a call the manifest has no scope for', async () => {
    // Webhooks need manage:jira-webhook, a scope this app has no use for.
    const response = await api.asApp().requestJira(route`/rest/api/3/webhook`);
    expect(response.status).toBe(403);
    expect(app.double.takeViolations()).toEqual([
      expect.objectContaining({ kind: 'scope', message: expect.stringContaining('manage:jira-webhook') }),
    ]);
  });
});

describe('translations through @forge/api', () => {
  it('load from the locale files, with fr-FR as fallback', async () => {
    expect((await getTranslator('de_DE')).t('badge.responseRequired')).toBe('Antwort erforderlich');
    expect((await getTranslator('nl_BE')).t('badge.responseRequired')).toBe('Antwoord vereist');
    expect((await getTranslator('ja_JP')).t('badge.responseRequired')).toBe('Réponse requise');
    expect((await getTranslator('en_US')).t('error.COMMENT_TOO_LONG', { max: 4000 })).toContain(
      '4000-character',
    );
  });
});
