/**
 * Which changes are the app's own (no e-mail) and which are a person's (an e-mail), decided from the
 * change itself, and one e-mail per change however the platform delivers it: through the real Forge
 * code and the Jira test double, with events as the platform may deliver them (with Jira's changelog
 * id, or only what the events reference documents).
 */
import { randomUUID } from 'node:crypto';
import { CUSTOMER_ACTION_HISTORY_TYPE } from '../../src/notifications/own-change';
import { DEMO_USERS, type DoubleIssue, type DoubleNotification } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import {
  deliver,
  invokeTrigger,
  issueUpdatedEvent,
  moveIssue,
  requestMovedBy,
  withoutChangeIds,
  type IssueUpdatedEvent,
} from '../support/events';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  expectNoViolations(app.double);
  app.double.state.dropsHistoryMetadata = false;
  app.double.state.now = () => Date.now();
  jest.restoreAllMocks();
});

const mailsFor = (issue: DoubleIssue): DoubleNotification[] =>
  app.double.state.notifications.filter((n) => n.issueKey === issue.key);

/** The event of the issue's newest change, in either shape the platform may deliver. */
type Shape = 'with a changelog id' | 'without changelog id nor update date';
const SHAPES: Shape[] = ['with a changelog id', 'without changelog id nor update date'];
const eventOf = (issue: DoubleIssue, shape: Shape): IssueUpdatedEvent => {
  const event = issueUpdatedEvent(app.double.state, issue.key);
  return shape === 'with a changelog id' ? event : withoutChangeIds(event);
};

function agentMoved(transition: 'requestInformation' | 'startProgress'): DoubleIssue {
  return requestMovedBy(app.double.state, transition);
}

/** The reporter answers on the portal: the app comments and transitions (Waiting → In progress). */
async function customerAnswers(issue: DoubleIssue): Promise<void> {
  const answer = await app.portal<{ error?: unknown }>(
    'performCustomerAction',
    { action: 'customerAnswered', comment: 'Voici ma réponse.', submissionId: randomUUID() },
    { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
  );
  expect(answer.error).toBeUndefined();
}

describe.each(SHAPES)('events %s', (shape) => {
  it("e-mails an agent's change even right after the same move by the customer on the portal", async () => {
    const issue = agentMoved('requestInformation');
    expect(await deliver(app, eventOf(issue, shape))).toBe('sent');
    await customerAnswers(issue);
    expect(await deliver(app, eventOf(issue, shape))).toBe('filtered');
    // The agent asks again, then records the answer the customer gave by phone.
    moveIssue(app.double.state, issue, 'requestInformation');
    expect(await deliver(app, eventOf(issue, shape))).toBe('sent');
    moveIssue(app.double.state, issue, 'customerAnswered');
    const phoneAnswer = eventOf(issue, shape);
    expect(await deliver(app, phoneAnswer)).toBe('sent');
    expect(mailsFor(issue).map((m) => m.subject)).toEqual([
      `Votre demande ${issue.key} : En attente du client`,
      `Votre demande ${issue.key} : En attente du client`,
      `Votre demande ${issue.key} : En progression`,
    ]);

    // The same event delivered again: still one e-mail for that change.
    app.double.resetLog();
    expect(await deliver(app, phoneAnswer)).toBe('duplicate');
    expect(mailsFor(issue)).toHaveLength(3);
  });

  it.each([
    ['moved elsewhere and back (no customer could)', ['transferToDevelopment', 'startProgress']],
    ['asked again, then the answer recorded by the agent', ['requestInformation', 'customerAnswered']],
  ] as const)('e-mails a second change into the same status: %s', async (_, [away, back]) => {
    const issue = agentMoved('startProgress');
    expect(await deliver(app, eventOf(issue, shape))).toBe('sent');
    moveIssue(app.double.state, issue, away);
    moveIssue(app.double.state, issue, back);
    expect(await deliver(app, eventOf(issue, shape))).toBe('sent');
    expect(mailsFor(issue).map((m) => m.subject)).toEqual([
      `Votre demande ${issue.key} : En progression`,
      `Votre demande ${issue.key} : En progression`,
    ]);
  });

  it('sends one e-mail when the same event is delivered twice, or by two racing deliveries', async () => {
    const issue = agentMoved('startProgress');
    const event = eventOf(issue, shape);
    const outcomes = await Promise.all([deliver(app, event), deliver(app, event)]);
    expect(outcomes.sort()).toEqual(['duplicate', 'sent']);
    expect(await deliver(app, event)).toBe('duplicate');
    expect(mailsFor(issue)).toHaveLength(1);
  });

  describe.each([
    ['Jira keeps the history metadata', false],
    ['Jira drops the history metadata (the author tells)', true],
  ])("the app's own transition, were the platform's flag lost: %s", (_, drops) => {
    it('sends no e-mail, however far apart the clocks of Jira and of the function', async () => {
      app.double.state.dropsHistoryMetadata = drops;
      // Jira's clock ten minutes ahead of the function's: no time window decides.
      app.double.state.now = () => Date.now() + 10 * 60_000;
      const issue = agentMoved('requestInformation');
      await customerAnswers(issue);
      const own = app.double.state.issues.find((i) => i.key === issue.key)!.changelog.at(-1)!;
      expect(own.authorId).toBe(DEMO_USERS.app.accountId);
      expect(own.historyMetadata?.type).toBe(drops ? undefined : CUSTOMER_ACTION_HISTORY_TYPE);

      const event = { ...eventOf(issue, shape), selfGenerated: false };
      expect(await invokeTrigger(app, event)).toBe('own-change');
      expect(mailsFor(issue)).toEqual([]);
    });
  });
});

describe("the customer's own portal actions", () => {
  it.each([
    ['waiting_customer', 'requestInformation', 'customerAnswered'],
    ['waiting_approval', 'requestApproval', 'refusedByCustomer'],
  ] as const)(
    'from %s are dropped by the platform: the app made the change (ignoreSelf)',
    async (_, entered, action) => {
      const issue = requestMovedBy(app.double.state, entered);
      const answer = await app.portal<{ error?: unknown }>(
        'performCustomerAction',
        { action, comment: 'Voici ma réponse.', submissionId: randomUUID() },
        { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
      );
      expect(answer.error).toBeUndefined();
      const event = issueUpdatedEvent(app.double.state, issue.key);
      expect(event.selfGenerated).toBe(true);
      expect(event.atlassianId).toBe(DEMO_USERS.app.accountId);
      app.double.resetLog();
      expect(await deliver(app, event)).toBe('filtered');
      // The code checks the platform's flag too, before any Jira request.
      expect(await invokeTrigger(app, event)).toBe('own-change');
      expect(app.double.log).toEqual([]);
      expect(mailsFor(issue)).toEqual([]);
    },
  );
});

describe('what deciding costs', () => {
  it("reads the change's entry alongside the request, only for a change a customer could make", async () => {
    const issue = agentMoved('requestInformation');
    moveIssue(app.double.state, issue, 'customerAnswered');
    app.double.resetLog();
    expect(await deliver(app, issueUpdatedEvent(app.double.state, issue.key))).toBe('sent');
    expect(jiraCalls(app.double).sort()).toEqual([
      'GET /rest/api/3/user',
      `GET /rest/servicedeskapi/request/${issue.key}`,
      `POST /rest/api/3/issue/${issue.key}/changelog/list`,
      `POST /rest/api/3/issue/${issue.key}/notify`,
    ]);
  });

  it('without a changelog id, reads the newest changes of the issue instead', async () => {
    const issue = agentMoved('requestInformation');
    moveIssue(app.double.state, issue, 'customerAnswered');
    app.double.resetLog();
    expect(await deliver(app, withoutChangeIds(issueUpdatedEvent(app.double.state, issue.key)))).toBe('sent');
    expect(jiraCalls(app.double).sort()).toEqual([
      'GET /rest/api/3/issue/' + issue.key,
      'GET /rest/api/3/user',
      `GET /rest/servicedeskapi/request/${issue.key}`,
      `POST /rest/api/3/issue/${issue.key}/notify`,
    ]);
  });

  it('sends nothing while the change cannot be read back, and a redelivery sends it', async () => {
    const issue = agentMoved('requestInformation');
    moveIssue(app.double.state, issue, 'customerAnswered');
    const event = issueUpdatedEvent(app.double.state, issue.key);
    const path = `/rest/api/3/issue/${issue.key}/changelog/list`;
    app.double.faults.add({ method: 'POST', path, status: 500 });
    try {
      expect(await deliver(app, event)).toBe('failed');
      expect(mailsFor(issue)).toEqual([]);
    } finally {
      app.double.faults.clear();
    }
    expect(await deliver(app, event)).toBe('sent');
    expect(mailsFor(issue)).toHaveLength(1);
  });

  it("looks the app's account up once, and only for a change an app account made", async () => {
    app.double.state.dropsHistoryMetadata = true;
    const lookups: string[] = [];
    for (let i = 0; i < 2; i++) {
      const issue = agentMoved('requestInformation');
      await customerAnswers(issue);
      app.double.resetLog();
      const event = { ...issueUpdatedEvent(app.double.state, issue.key), selfGenerated: false };
      expect(await invokeTrigger(app, event)).toBe('own-change');
      lookups.push(...jiraCalls(app.double).filter((c) => c === 'GET /rest/api/3/myself'));
    }
    // At most once per installation (an earlier test may have asked already): Forge storage keeps it.
    expect(lookups.length).toBeLessThanOrEqual(1);
  });
});
