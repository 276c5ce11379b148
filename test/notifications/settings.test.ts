/**
 * Mail settings per project: the resolvers the admin page calls, and their effect on the trigger,
 * through the real Forge code and the Jira test double.
 */
import { handler } from '../../src/index';
import { mailSettingsKey } from '../../src/notifications/settings';
import { DEMO_USERS, DEMO_PROJECT } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import { ENTERED_BY, deliver, issueUpdatedEvent, requestMovedBy } from '../support/events';

type Settings = {
  projectKey?: string;
  statuses?: string[];
  isDefault?: boolean;
  error?: { code: string; message: string };
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  expectNoViolations(app.double);
  app.forge.kvs.entries.delete(mailSettingsKey(DEMO_PROJECT.key));
  jest.restoreAllMocks();
});

/** As the admin page calls them: a global module, the admin's own account. */
const call = (functionKey: string, payload: unknown, accountId: string = DEMO_USERS.admin.accountId) =>
  app.forge.invoke<Settings>(handler, functionKey, payload, {
    accountId,
    moduleKey: 'guide-des-statuts-admin-page',
    extension: { type: 'jira:adminPage' },
  });

async function mailsWhenEntering(status: keyof typeof ENTERED_BY): Promise<number> {
  const transition = ENTERED_BY[status];
  if (!transition) throw new Error(`no transition enters ${status}`);
  const issue = requestMovedBy(app.double.state, transition);
  await deliver(app, issueUpdatedEvent(app.double.state, issue.key));
  return app.double.state.notifications.filter((n) => n.issueKey === issue.key).length;
}

describe('mail settings', () => {
  it('default to the four statuses the documentation announces an e-mail for', async () => {
    expect(await call('getMailSettings', { projectKey: 'SUP' })).toEqual({
      projectKey: 'SUP',
      statuses: ['in_progress', 'waiting_customer', 'resolved', 'waiting_approval'],
      isDefault: true,
    });
  });

  it('are kept per project and change what the trigger sends for that project only', async () => {
    expect(await call('setMailSettings', { projectKey: 'SUP', statuses: ['closed', 'in_progress'] })).toEqual(
      {
        projectKey: 'SUP',
        statuses: ['in_progress', 'closed'],
        isDefault: false,
      },
    );
    expect(await call('getMailSettings', { projectKey: 'SUP' })).toMatchObject({
      statuses: ['in_progress', 'closed'],
    });
    expect((await call('getMailSettings', { projectKey: 'HR' })).isDefault).toBe(true);

    expect(await mailsWhenEntering('closed')).toBe(1);
    expect(await mailsWhenEntering('in_progress')).toBe(1);
    expect(await mailsWhenEntering('resolved')).toBe(0);
    expect(await mailsWhenEntering('waiting_customer')).toBe(0);
  });

  it('may switch every e-mail off', async () => {
    await call('setMailSettings', { projectKey: 'SUP', statuses: [] });
    expect(await mailsWhenEntering('waiting_approval')).toBe(0);
  });

  it('check that the caller is a Jira administrator, asking Jira as the caller', async () => {
    app.double.resetLog();
    const answer = await call(
      'setMailSettings',
      { projectKey: 'SUP', statuses: [], locale: 'en_US' },
      DEMO_USERS.agent.accountId,
    );
    expect(answer.error).toEqual({
      code: 'NOT_ALLOWED',
      message: 'Only Jira administrators can change the e-mails sent to customers.',
    });
    expect(jiraCalls(app.double)).toEqual(['GET /rest/api/3/mypermissions']);
    expect(app.double.log[0]?.principal).toBe(`user:${DEMO_USERS.agent.accountId}`);
    expect(app.forge.kvs.peek(mailSettingsKey('SUP'))).toBeUndefined();
    expect(
      (await call('getMailSettings', { projectKey: 'SUP' }, DEMO_USERS.agent.accountId)).error?.code,
    ).toBe('NOT_ALLOWED');
  });

  it.each([
    [
      'the issue view',
      (fn: string, payload: unknown) =>
        app.issueView<Settings>(fn, payload, { accountId: DEMO_USERS.admin.accountId, issueKey: 'SUP-1' }),
    ],
    [
      'the portal panel',
      (fn: string, payload: unknown) =>
        app.portal<Settings>(fn, payload, { accountId: DEMO_USERS.admin.accountId, issueKey: 'SUP-1' }),
    ],
    [
      'a module the platform does not name',
      (fn: string, payload: unknown) =>
        app.forge.invoke<Settings>(handler, fn, payload, { accountId: DEMO_USERS.admin.accountId }),
    ],
  ])(
    'refuse a call from %s, even by an administrator, before asking Jira or writing anything',
    async (_, invoke) => {
      app.double.resetLog();
      const refused = {
        code: 'NOT_ALLOWED',
        message: 'Only Jira administrators can change the e-mails sent to customers.',
      };
      expect(
        (await invoke('setMailSettings', { projectKey: 'SUP', statuses: [], locale: 'en-US' })).error,
      ).toEqual(refused);
      expect((await invoke('getMailSettings', { projectKey: 'SUP', locale: 'en-US' })).error).toEqual(
        refused,
      );
      expect(app.double.log).toEqual([]);
      expect(app.forge.kvs.peek(mailSettingsKey('SUP'))).toBeUndefined();
      // The same administrator, from the admin page, still gets the defaults.
      expect((await call('getMailSettings', { projectKey: 'SUP' })).isDefault).toBe(true);
    },
  );

  it("say in the administrator's words that Jira did not answer, and store nothing", async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    app.double.faults.add({ method: 'GET', path: '/rest/api/3/mypermissions', status: 500 });
    const answer = await call('setMailSettings', { projectKey: 'SUP', statuses: [], locale: 'fr-FR' });
    expect(answer.error).toEqual({
      code: 'JIRA_UNAVAILABLE',
      message: "Jira ne répond pas pour le moment : rien n'a été modifié. Réessayez dans quelques instants.",
    });
    expect(app.forge.kvs.peek(mailSettingsKey('SUP'))).toBeUndefined();
  });

  it.each([
    ['an unknown status', { projectKey: 'SUP', statuses: ['in_progress', 'done'] }],
    ['a status twice', { projectKey: 'SUP', statuses: ['resolved', 'resolved'] }],
    ['statuses that are not a list', { projectKey: 'SUP', statuses: 'resolved' }],
    ['a project key that is not one', { projectKey: 'sup; drop', statuses: [] }],
    ['unknown payload keys', { projectKey: 'SUP', statuses: [], everyone: true }],
    ['no payload', null],
  ])('refuse %s', async (_, payload) => {
    expect((await call('setMailSettings', payload)).error?.code).toBe('INVALID_INPUT');
    expect(app.forge.kvs.peek(mailSettingsKey('SUP'))).toBeUndefined();
  });

  it('fall back to the defaults when what is stored is not valid', async () => {
    app.forge.kvs.entries.set(mailSettingsKey('SUP'), {
      value: { statuses: ['nonsense'] },
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
    expect((await call('getMailSettings', { projectKey: 'SUP' })).isDefault).toBe(true);
    expect(await mailsWhenEntering('resolved')).toBe(1);
  });
});
