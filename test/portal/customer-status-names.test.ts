/**
 * JSM's customer-visible status names (an admin's per-request-type setting): the portal view, every
 * customer action and the agent view still know the real status, by the id the installer recorded
 * (or by its Jira name on a project the installer has not recorded), and show customers the name
 * JSM shows them. The double renames statuses on the JSM endpoints only, as JSM does.
 */
import { randomUUID } from 'node:crypto';
import frFR from '../../locales/fr-FR.json';
import { lookup } from '../../src/i18n/locales';
import type { StatusHelp } from '../../src/agent/status-help';
import { forgetProjectConfigs, projectConfigKey } from '../../src/shared/project-config';
import { getStatus, type CustomerActionId, type StatusKey } from '../../src/workflow';
import {
  DEMO_PROJECT,
  DEMO_REQUEST_TYPES,
  DEMO_STATUS_IDS,
  DEMO_USERS,
  statusById,
  type DoubleIssue,
  type DoubleState,
} from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import { requestMovedBy } from '../support/events';
import { arr, call, obj } from '../double/testing';

/** What customers see, for requests of the "Demande d'assistance" type only. */
const SHOWN: Partial<Record<StatusKey, string>> = {
  waiting_customer: 'Votre réponse est attendue',
  waiting_approval: 'À valider de votre côté',
  closed: 'Terminé',
  // Another workflow status's name, of another category: JSM's category tells them apart.
  reopened: 'En progression',
};

function renameForCustomers(state: DoubleState): void {
  const type = state.projects[0]?.requestTypes.find((r) => r.id === DEMO_REQUEST_TYPES.assistance);
  if (!type) throw new Error('no assistance request type');
  type.customerStatusNames = Object.fromEntries(
    Object.entries(SHOWN).map(([key, name]) => [DEMO_STATUS_IDS[key as StatusKey], name]),
  );
}

type View = {
  status?: { key: string | null; name: string; category: string; responseRequired: boolean };
  history?: { name: string }[];
  actions?: { id: string }[];
  error?: { code: string };
};
type ActionAnswer = { status?: { key: string | null }; error?: { code: string; message: string } };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: renameForCustomers });
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
});

function forgetInstall(): void {
  app.forge.kvs.entries.delete(projectConfigKey(DEMO_PROJECT.key));
  forgetProjectConfigs();
}

const view = (issue: DoubleIssue) =>
  app.portal<View>(
    'getRequestView',
    { locale: 'fr_FR' },
    { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
  );

const act = (issue: DoubleIssue, action: CustomerActionId, comment?: string) =>
  app.portal<ActionAnswer>(
    'performCustomerAction',
    { action, submissionId: randomUUID(), ...(comment === undefined ? {} : { comment }) },
    { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
  );

/** A new "Demande d'assistance" request that an agent just moved into `status`. */
const requestIn = (status: 'waiting_customer' | 'waiting_approval' | 'closed' | 'reopened'): DoubleIssue =>
  requestMovedBy(
    app.double.state,
    (
      {
        waiting_customer: 'requestInformation',
        waiting_approval: 'requestApproval',
        closed: 'close',
        reopened: 'reopen',
      } as const
    )[status],
  );

describe('the test double', () => {
  it('renames statuses on the JSM endpoints for one request type only; the platform keeps the real name and id', async () => {
    const issue = requestIn('closed');
    const request = obj(
      (await call(app.double, 'app', 'GET', `/rest/servicedeskapi/request/${issue.key}?expand=status`)).json,
    );
    expect(obj(request.currentStatus).status).toBe('Terminé');
    expect(obj(arr(obj(request.status).values).at(-1)).status).toBe('Terminé');
    const history = obj(
      (await call(app.double, 'app', 'GET', `/rest/servicedeskapi/request/${issue.key}/status`)).json,
    );
    expect(obj(arr(history.values)[0]).status).toBe('Terminé');
    const platform = obj(
      (await call(app.double, 'app', 'GET', `/rest/api/3/issue/${issue.key}?fields=status`)).json,
    );
    expect(obj(obj(platform.fields).status)).toMatchObject({ id: DEMO_STATUS_IDS.closed, name: 'Fermé' });
    const other = obj(
      (await call(app.double, 'app', 'GET', `/rest/servicedeskapi/request/${app.issueIn('reopened').key}`))
        .json,
    );
    expect(obj(other.currentStatus).status).toBe('ReOuvert');
  });
});

describe.each([
  ['on a project the installer recorded', () => app.configureDemoProject()],
  ['on a project the installer has not recorded', forgetInstall],
])('the portal view %s', (_, setUp) => {
  beforeEach(setUp);

  it.each(['waiting_customer', 'waiting_approval', 'closed', 'reopened'] as const)(
    'explains %s under the name the customer sees, for one more Jira request; the other request type costs one',
    async (key) => {
      const issue = requestIn(key);
      app.double.resetLog();
      const answer = await view(issue);
      const real = getStatus(key);
      expect(answer.status).toEqual({
        key,
        name: SHOWN[key],
        category: real.category,
        responseRequired: real.customerMustAct,
        since: expect.any(String),
        // Explained as the status it really is: its texts, its name in the customer's language.
        texts: {
          label: real.name,
          meaning: lookup(frFR, `status.${key}.meaning`),
          todo: lookup(frFR, `status.${key}.todo`),
        },
      });
      expect(answer.history?.[0]?.name).toBe(SHOWN[key]);
      const actions = {
        waiting_customer: ['customerAnswered'],
        waiting_approval: ['acceptedByCustomer', 'refusedByCustomer'],
        closed: ['reopen'],
        reopened: [],
      };
      expect(answer.actions?.map((a) => a.id)).toEqual(actions[key]);
      expect(jiraCalls(app.double)).toEqual([
        `GET /rest/servicedeskapi/request/${issue.key}`,
        `GET /rest/api/3/issue/${issue.key}`,
      ]);

      // The usual path: the same status on a "Signaler un problème" request, whose customers see Jira's name.
      const usual = requestIn(key);
      usual.requestTypeId = DEMO_REQUEST_TYPES.problem;
      app.double.resetLog();
      const plain = await view(usual);
      expect(plain.status).toMatchObject({ key, name: real.name });
      expect(plain.actions).toEqual(answer.actions);
      expect(jiraCalls(app.double)).toEqual([`GET /rest/servicedeskapi/request/${usual.key}`]);
    },
  );
});

describe('a status renamed in Jira itself after the install, and shown to customers under another name', () => {
  it('is known by its recorded id: the portal shows the customer name, the agent view the Jira name', async () => {
    app.configureDemoProject();
    const issue = requestIn('waiting_customer');
    const status = statusById(app.double.state, DEMO_STATUS_IDS.waiting_customer);
    status.name = 'Attente client';
    try {
      expect((await view(issue)).status).toMatchObject({
        key: 'waiting_customer',
        name: SHOWN.waiting_customer,
        responseRequired: true,
      });
      const help = await app.issueView<StatusHelp>(
        'getStatusHelp',
        {},
        { accountId: DEMO_USERS.agent.accountId, issueKey: issue.key },
      );
      expect(help.status).toMatchObject({
        key: 'waiting_customer',
        name: 'Attente client',
        responseRequired: true,
      });
      expect(help.customerActions).toEqual([{ id: 'customerAnswered', name: 'Customer answered' }]);
    } finally {
      status.name = getStatus('waiting_customer').name;
    }
  });
});

describe.each([
  ['on a project the installer recorded', () => app.configureDemoProject(), 0],
  ['on a project the installer has not recorded', forgetInstall, 1],
])('each customer action from a status renamed for customers, %s', (_, setUp, transitionLookUps) => {
  beforeEach(setUp);

  it.each([
    ['waiting_customer', 'customerAnswered', 'Voici la capture demandée.', 'in_progress'],
    ['waiting_approval', 'acceptedByCustomer', undefined, 'to_deliver'],
    ['waiting_approval', 'refusedByCustomer', 'Le logo est encore flou.', 'in_progress'],
    ['closed', 'reopen', 'Le problème est revenu ce matin.', 'reopened'],
  ] as const)('from %s, %s is performed', async (from, action, comment, to) => {
    const issue = requestIn(from);
    app.double.resetLog();
    const answer = await act(issue, action, comment);
    expect(answer.error).toBeUndefined();
    // The usual path's requests (request, audit record, comment if any, transition), plus the issue's status.
    const calls = jiraCalls(app.double);
    expect(calls.filter((c) => c === `GET /rest/api/3/issue/${issue.key}`)).toHaveLength(1);
    expect(calls).toHaveLength((comment ? 4 : 3) + transitionLookUps + 1);
    expect(answer.status?.key).toBe(to);
    expect(issue.statusId).toBe(DEMO_STATUS_IDS[to]);
    expect(issue.comments.map((c) => c.body.endsWith(comment ?? '') && c.public)).toEqual(
      comment ? [true] : [],
    );
  });
});
