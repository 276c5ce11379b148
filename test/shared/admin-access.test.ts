/**
 * Who may call the admin page's resolvers: a call from the admin page only, by someone Jira itself,
 * asked as the caller, calls an administrator. A caller Jira will not answer for (a portal-only
 * customer, an account it does not know) is refused like any non-administrator; a Jira that cannot
 * say is told in the administrator's words, and the operator's log names the request.
 */
import type { JiraClient } from '../../src/jira/client';
import type { MyPermissions } from '../../src/jira/workflow-types';
import { requireAdminPage, requireJiraAdmin } from '../../src/shared/admin-access';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';

type Settings = { isDefault?: boolean; error?: { code: string; message: string } };

const REFUSED = {
  code: 'NOT_ALLOWED',
  message: 'Only Jira administrators can change the e-mails sent to customers.',
};

describe('the admin page only', () => {
  it.each([
    ['no module named at all', {}],
    ['a module without a type', { extension: {} }],
    ['the issue view', { extension: { type: 'jira:issueContext' } }],
    ['the portal panel', { extension: { type: 'jiraServiceManagement:portalRequestDetailPanel' } }],
    ['a type that only looks like it', { extension: { type: 'jira:adminPage ' } }],
  ])('refuses a call from %s, with the message given', (_, context) => {
    expect(() => requireAdminPage(context, 'email.settings.notAdmin')).toThrow(
      expect.objectContaining({ code: 'NOT_ALLOWED', messageKey: 'email.settings.notAdmin' }),
    );
  });

  it('lets a call from the admin page through', () => {
    expect(() =>
      requireAdminPage({ extension: { type: 'jira:adminPage' } }, 'email.settings.notAdmin'),
    ).not.toThrow();
  });
});

describe("Jira's answer on the administer permission", () => {
  /** A client whose permission check answers `permissions`, as Jira's mypermissions does. */
  const answering = (permissions: MyPermissions['permissions']): JiraClient =>
    ({ getMyPermissions: () => Promise.resolve({ permissions }) }) as unknown as JiraClient;

  it.each([
    ['no entry for the permission', {}],
    ['havePermission false', { ADMINISTER: { havePermission: false } }],
  ] as [string, MyPermissions['permissions']][])('refuses %s', async (_, permissions) => {
    await expect(requireJiraAdmin(answering(permissions), 'admin.error.notAdmin')).rejects.toMatchObject({
      code: 'NOT_ALLOWED',
      messageKey: 'admin.error.notAdmin',
    });
  });

  it('lets an administrator through', async () => {
    const permissions = { ADMINISTER: { havePermission: true } } as MyPermissions['permissions'];
    await expect(requireJiraAdmin(answering(permissions), 'admin.error.notAdmin')).resolves.toBeUndefined();
  });
});

describe('the admin check, asked of Jira as the caller', () => {
  let app: TestApp;
  let warn: jest.SpyInstance;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => {
    app.double.resetLog();
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    expectNoViolations(app.double);
    app.double.faults.clear();
    jest.restoreAllMocks();
  });

  const settings = (accountId?: string) =>
    app.adminPage<Settings>(
      'getMailSettings',
      { projectKey: 'SUP', locale: 'en-US' },
      accountId === undefined ? {} : { accountId },
    );

  it('answers an administrator', async () => {
    expect((await settings(DEMO_USERS.admin.accountId)).isDefault).toBe(true);
    expect(jiraCalls(app.double)).toEqual(['GET /rest/api/3/mypermissions']);
    expect(app.double.log[0]?.principal).toBe(`user:${DEMO_USERS.admin.accountId}`);
  });

  it.each([
    ['an agent (Jira says no)', DEMO_USERS.agent.accountId],
    ['a portal-only customer (Jira answers 403)', DEMO_USERS.reporter.accountId],
    ['an account Jira does not know (Jira answers 401)', '5b10ac8d82e05b22cc7d0000'],
  ])('refuses %s as not an administrator, and logs nothing', async (_, accountId) => {
    expect((await settings(accountId)).error).toEqual(REFUSED);
    expect(jiraCalls(app.double)).toEqual(['GET /rest/api/3/mypermissions']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses an anonymous caller without asking Jira', async () => {
    expect((await settings()).error?.code).toBe('NOT_ALLOWED');
    expect(app.double.log).toEqual([]);
  });

  it.each([
    [500, 'server'],
    [404, 'not-found'],
    [400, 'bad-request'],
  ] as const)(
    'tells the administrator Jira cannot say when it answers %p, and logs the request for the operator',
    async (status, kind) => {
      app.double.faults.add({ method: 'GET', path: '/rest/api/3/mypermissions', status });
      expect((await settings(DEMO_USERS.admin.accountId)).error).toEqual({
        code: 'JIRA_UNAVAILABLE',
        message: 'Jira is not answering right now: nothing was changed. Try again in a few moments.',
      });
      expect(warn.mock.calls).toEqual([
        [`Jira request failed: GET /rest/api/3/mypermissions ${status} ${kind}`],
      ]);
    },
  );
});
