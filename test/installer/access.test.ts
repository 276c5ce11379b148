/**
 * Only Jira administrators may list, preview, install, follow or check: the resolvers ask Jira, as
 * the caller, before anything else, and read nothing more for anyone else. Calls from any other
 * module of the app are refused before Jira is asked at all.
 */
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { ADMIN, AGENT, ATLASSIAN_CUSTOMER, PORTAL_CUSTOMER, isError } from './helpers';
import { addServiceProject } from './sites';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp({ seed: (s) => void addServiceProject(s, { key: 'HELP' }) });
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
});

const CALLS: [string, Record<string, string>][] = [
  ['adminListProjects', {}],
  ['adminPreview', { projectKey: 'HELP' }],
  ['adminInstall', { projectKey: 'HELP' }],
  ['adminInstallProgress', { projectKey: 'HELP', taskId: '10001' }],
  ['adminCheck', { projectKey: 'HELP' }],
];

const WHO = [
  ['an agent', AGENT],
  ['a customer with an Atlassian account', ATLASSIAN_CUSTOMER],
  ['a portal-only customer', PORTAL_CUSTOMER],
] as const;

describe.each(WHO)('%s', (_who, caller) => {
  it.each(CALLS)('is refused %s after the permission check alone, nothing written', async (fn, payload) => {
    const stateBefore = structuredClone({ ...app.double.state, now: undefined });
    const answer = await app.adminPage(fn, { ...payload, locale: 'en-US' }, caller);
    expect(isError(answer) && answer.error).toEqual({
      code: 'NOT_ALLOWED',
      message: 'Only Jira administrators can install or check the workflow.',
    });
    expect(app.double.log.map((e) => `${e.method} ${e.path}?${e.query} ${e.principal}`)).toEqual([
      `GET /rest/api/3/mypermissions?permissions=ADMINISTER user:${caller.accountId}`,
    ]);
    expect({ ...app.double.state, now: undefined }).toEqual(stateBefore);
  });
});

it('refuses a call from another module of the app, even by an administrator, without asking Jira', async () => {
  const answer = await app.portal('adminInstall', { projectKey: 'HELP' }, { ...ADMIN, issueKey: 'SUP-1' });
  expect(isError(answer) && answer.error.code).toBe('NOT_ALLOWED');
  const anonymous = await app.adminPage('adminInstall', { projectKey: 'HELP' }, {});
  expect(isError(anonymous) && anonymous.error.code).toBe('NOT_ALLOWED');
  expect(app.double.log).toEqual([]);
});

it('refuses a payload it does not expect before asking Jira anything', async () => {
  for (const payload of [
    { projectKey: 'help' },
    { projectKey: 'HELP', extra: 'x' },
    { projectKey: 'HELP', taskId: '../../issue' },
    { projectKey: ['HELP'] },
    'HELP',
  ]) {
    const answer = await app.adminPage('adminInstall', payload, ADMIN);
    expect(isError(answer) && answer.error.code).toBe('INVALID_INPUT');
  }
  expect(app.double.log).toEqual([]);
});

it('tells an administrator about a project that is not a service project', async () => {
  const answer = await app.adminPage('adminPreview', { projectKey: 'NOPE', locale: 'fr-FR' }, ADMIN);
  expect(isError(answer) && answer.error).toEqual({
    code: 'INVALID_INPUT',
    message: 'Le projet de service NOPE est introuvable.',
  });
  expect(app.double.log.filter((e) => e.kind === 'write')).toEqual([]);
});
