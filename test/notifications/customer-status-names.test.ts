/**
 * Status e-mails on requests whose statuses customers see under other names (JSM's customer-visible
 * status names, per request type): the request is still known to be in the status the change
 * entered, so the e-mail goes, under the name the customer sees, explaining the real status.
 */
import { forgetProjectConfigs, projectConfigKey } from '../../src/shared/project-config';
import type { StatusKey } from '../../src/workflow';
import {
  DEMO_PROJECT,
  DEMO_REQUEST_TYPES,
  DEMO_STATUS_IDS,
  type DoubleIssue,
  type DoubleNotification,
  type DoubleState,
} from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import { deliver, issueUpdatedEvent, requestMovedBy } from '../support/events';

const SHOWN: Partial<Record<StatusKey, string>> = {
  waiting_customer: 'Votre réponse est attendue',
  waiting_approval: 'À valider de votre côté',
  closed: 'Terminé',
};

function renameForCustomers(state: DoubleState): void {
  const type = state.projects[0]?.requestTypes.find((r) => r.id === DEMO_REQUEST_TYPES.assistance);
  if (!type) throw new Error('no assistance request type');
  type.customerStatusNames = Object.fromEntries(
    Object.entries(SHOWN).map(([key, name]) => [DEMO_STATUS_IDS[key as StatusKey], name]),
  );
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seed: renameForCustomers });
});
afterAll(() => app.close());
beforeEach(() => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
  jest.restoreAllMocks();
});

const mailsFor = (issue: DoubleIssue): DoubleNotification[] =>
  app.double.state.notifications.filter((n) => n.issueKey === issue.key);

const ENTERED_BY = { waiting_customer: 'requestInformation', waiting_approval: 'requestApproval' } as const;
const MEANING = {
  waiting_customer: "L'équipe attend une réponse de votre part pour continuer.",
  waiting_approval: "L'équipe vous demande d'approuver le travail réalisé.",
} as const;

describe.each([
  ['on a project the installer recorded', () => app.configureDemoProject()],
  [
    'on a project the installer has not recorded',
    () => {
      app.forge.kvs.entries.delete(projectConfigKey(DEMO_PROJECT.key));
      forgetProjectConfigs();
    },
  ],
])('a request entering a status renamed for customers, %s', (_, setUp) => {
  beforeEach(setUp);

  it.each(['waiting_customer', 'waiting_approval'] as const)(
    'entering %s e-mails the reporter under the name they see, for one more Jira request',
    async (key) => {
      const issue = requestMovedBy(app.double.state, ENTERED_BY[key]);
      app.double.resetLog();
      expect(await deliver(app, issueUpdatedEvent(app.double.state, issue.key))).toBe('sent');
      const [mail, ...more] = mailsFor(issue);
      expect(more).toEqual([]);
      expect(mail?.subject).toBe(`Votre demande ${issue.key} : ${SHOWN[key]}`);
      expect(mail?.textBody).toContain(`est passée au statut « ${SHOWN[key]} ».`);
      expect(mail?.textBody).toContain(MEANING[key]);
      expect(jiraCalls(app.double)).toEqual([
        `GET /rest/servicedeskapi/request/${issue.key}`,
        `GET /rest/api/3/issue/${issue.key}`,
        'GET /rest/api/3/user',
        `POST /rest/api/3/issue/${issue.key}/notify`,
      ]);
    },
  );
});

describe('when the status cannot be read from Jira', () => {
  it('sends nothing and leaves the change to a redelivery, which sends it', async () => {
    app.configureDemoProject();
    const issue = requestMovedBy(app.double.state, 'requestInformation');
    const event = issueUpdatedEvent(app.double.state, issue.key);
    app.double.faults.add({ method: 'GET', path: `/rest/api/3/issue/${issue.key}`, status: 503, times: 10 });
    expect(await deliver(app, event)).toBe('failed');
    expect(mailsFor(issue)).toEqual([]);
    app.double.faults.clear();
    expect(await deliver(app, event)).toBe('sent');
    expect(mailsFor(issue)).toHaveLength(1);
  }, 30_000);
});
