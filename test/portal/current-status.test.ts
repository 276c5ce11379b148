/**
 * Which workflow status a request is in: JSM's name trusted only when it is a workflow status's own
 * (whatever its case, spacing or apostrophe) and JSM's category agrees or says none; otherwise the
 * platform issue's status, asked for alone, known by its recorded id, else by its Jira name, else
 * outside the workflow. The pure rules, then through the portal and the Jira test double.
 */
import { JiraClient } from '../../src/jira/client';
import { Deadline } from '../../src/jira/deadline';
import { currentStatusKey, statusKeyOf, trustedShownKey } from '../../src/portal/current-status';
import { forgetProjectConfigs } from '../../src/shared/project-config';
import { DEMO_REQUEST_TYPES, DEMO_STATUS_IDS, DEMO_USERS, type DoubleIssue } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import { freshRequest } from '../support/submissions';

const shown = (status: string, statusCategory?: string) => ({
  status,
  ...(statusCategory === undefined ? {} : { statusCategory }),
  statusDate: { iso8601: '2026-11-30T09:00:00+0000', epochMillis: 0 },
});

describe('the name customers see', () => {
  it.each([
    ['En attente du client', 'waiting_customer'],
    ['EN ATTENTE DU CLIENT', 'waiting_customer'],
    ['  en attente   du client ', 'waiting_customer'],
    ['En attente d’approbation client', 'waiting_approval'],
  ])('is trusted when it is a workflow status’s own: %j', (name, key) => {
    expect(trustedShownKey(shown(name, 'INDETERMINATE'))).toBe(key);
    // JSM giving no category, or one the app does not know, does not contradict the name.
    expect(trustedShownKey(shown(name))).toBe(key);
    expect(trustedShownKey(shown(name, 'UNDEFINED'))).toBe(key);
  });

  it('is not trusted when JSM’s category says another status, when it is no status’s, or when there is none', () => {
    expect(trustedShownKey(shown('En attente du client', 'DONE'))).toBeNull();
    expect(trustedShownKey(shown('Fermé', 'DONE'))).toBe('closed');
    expect(trustedShownKey(shown('Waiting for customer', 'INDETERMINATE'))).toBeNull();
    expect(trustedShownKey(undefined)).toBeNull();
  });
});

describe('the platform issue’s status', () => {
  const config = { statuses: { closed: '10009' }, transitions: {} };

  it('is outside the workflow when it is neither recorded nor named as a workflow status', () => {
    expect(statusKeyOf(config, { id: '3', name: 'Waiting for support' })).toBeNull();
    expect(statusKeyOf(config, { id: '3', name: '' })).toBeNull();
    expect(statusKeyOf(config, { id: '3' })).toBeNull();
    expect(statusKeyOf(config, undefined)).toBeNull();
    expect(statusKeyOf(config, { name: 'Fermé' })).toBe('closed');
  });
});

describe('through the portal', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    app.configureDemoProject();
  });
  afterAll(() => app.close());
  afterEach(() => expectNoViolations(app.double));

  /** Customers of the "Demande d'assistance" type see `name` for the status of `issue`. */
  function showCustomers(issue: DoubleIssue, name: string): void {
    const type = app.double.state.projects[0]?.requestTypes.find(
      (r) => r.id === DEMO_REQUEST_TYPES.assistance,
    );
    if (!type) throw new Error('no assistance request type');
    type.customerStatusNames = { [issue.statusId]: name };
    issue.requestTypeId = DEMO_REQUEST_TYPES.assistance;
  }
  const view = (issue: DoubleIssue) =>
    app.portal<{ status?: { key: string | null; name: string } }>(
      'getRequestView',
      {},
      { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
    );

  it('trusts the status’s own name in other letters, for no more Jira requests', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    showCustomers(issue, 'EN ATTENTE DU CLIENT');
    app.double.resetLog();
    expect((await view(issue)).status).toMatchObject({
      key: 'waiting_customer',
      name: 'EN ATTENTE DU CLIENT',
    });
    expect(jiraCalls(app.double)).toEqual([`GET /rest/servicedeskapi/request/${issue.key}`]);
  });

  it('reads only the status field of the issue when the name is another, and knows it by id', async () => {
    const issue = freshRequest(app, 'closed');
    showCustomers(issue, 'Closed');
    app.double.resetLog();
    expect((await view(issue)).status).toMatchObject({ key: 'closed', name: 'Closed' });
    const read = app.double.log.find((e) => e.path === `/rest/api/3/issue/${issue.key}`);
    expect(new URLSearchParams(read?.query).get('fields')).toBe('status');
    expect(issue.statusId).toBe(DEMO_STATUS_IDS.closed);
  });

  it('names the storage read the invocation ran out of time in: the status e-mail trigger logs it', async () => {
    const issue = freshRequest(app, 'closed');
    showCustomers(issue, 'Closed');
    const request = await new JiraClient('app').getCustomerRequest(issue.key);
    // A cold instance: the project's workflow ids are read from storage.
    forgetProjectConfigs();
    app.forge.kvs.addFault({ op: 'get', key: /^workflow:/, mode: 'slow', delayMs: 1_500 });
    try {
      const jira = new JiraClient('app', { deadline: new Deadline(Date.now() + 700) });
      await expect(currentStatusKey(jira, request)).rejects.toThrow(
        "storage read: the invocation's deadline was reached",
      );
    } finally {
      app.forge.kvs.clearFaults();
    }
  });
});
