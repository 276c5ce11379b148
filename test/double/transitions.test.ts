/** Transitions: what is offered, what a transition changes, and what Jira silently drops. */
import { TRANSITION_TAG_PROPERTY } from '../../src/workflow';
import {
  DEMO_STATUS_IDS,
  DEMO_TRANSITION_IDS,
  DEMO_USERS,
  findIssue,
  startJiraDouble,
  type DoubleIssue,
  type JiraDouble,
} from './index';
import { arr, asUser, call, obj } from './testing';

let jira: JiraDouble;
const NOW = Date.UTC(2025, 5, 2, 9, 15);
beforeEach(async () => {
  jira = await startJiraDouble();
  jira.state.now = () => NOW;
});
afterEach(() => jira.close());

function issue(key: string): DoubleIssue {
  const found = findIssue(jira.state, key);
  if (!found) throw new Error(`${key} missing`);
  return found;
}

const adfComment = (text: string) => ({
  add: {
    body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  },
});

describe('GET transitions', () => {
  it('lists only the transitions leaving the current status, with screen flag and target status', async () => {
    const r = await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-7/transitions');
    const transitions = arr(obj(r.json).transitions).map(obj);
    expect(transitions.map((t) => t.name)).toEqual([
      'Accepted by customer',
      'Refused by customer',
      // The app's automatic outcome (src/waiting/), a team transition.
      'Accepter sans réponse',
    ]);
    expect(transitions[0]).toMatchObject({
      id: DEMO_TRANSITION_IDS.acceptedByCustomer,
      hasScreen: false,
      isInitial: false,
      to: { id: DEMO_STATUS_IDS.to_deliver, name: 'A délivrer', statusCategory: { key: 'indeterminate' } },
    });
    // Transition properties are not part of this response (the IssueTransition schema has none).
    expect(transitions[0]).not.toHaveProperty('properties');
    expect(JSON.stringify(r.json)).not.toContain(TRANSITION_TAG_PROPERTY);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('filters by transitionId, empty when it is not available', async () => {
    const ok = await call(
      jira,
      'app',
      'GET',
      `/rest/api/3/issue/SUP-5/transitions?transitionId=${DEMO_TRANSITION_IDS.customerAnswered}`,
    );
    expect(arr(obj(ok.json).transitions)).toHaveLength(1);
    const none = await call(
      jira,
      'app',
      'GET',
      `/rest/api/3/issue/SUP-5/transitions?transitionId=${DEMO_TRANSITION_IDS.reopen}`,
    );
    expect(obj(none.json).transitions).toEqual([]);
    expect(jira.takeViolations()).toEqual([]);
  });
});

describe('POST transitions', () => {
  it('moves the issue, writes the changelog and the status date', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: { transition: { id: DEMO_TRANSITION_IDS.customerAnswered } },
    });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    const sup5 = issue('SUP-5');
    expect(sup5.statusId).toBe(DEMO_STATUS_IDS.in_progress);
    expect(sup5.statusChangedAt).toBe(NOW);
    expect(sup5.updated).toBe(NOW);
    expect(sup5.changelog.at(-1)).toMatchObject({
      authorId: DEMO_USERS.app.accountId,
      created: NOW,
      items: [
        {
          field: 'status',
          from: DEMO_STATUS_IDS.waiting_customer,
          fromString: 'En attente du client',
          to: DEMO_STATUS_IDS.in_progress,
          toString: 'En progression',
        },
      ],
    });
    const changelog = await call(jira, 'app', 'GET', '/rest/api/3/issue/SUP-5/changelog');
    const last = obj(arr(obj(changelog.json).values).at(-1));
    expect(last.created).toBe('2025-06-02T09:15:00.000+0000');
    expect(jira.takeViolations()).toEqual([]);
  });

  it.each([
    ['keeps the history metadata', false],
    ['drops the history metadata when told to', true],
  ])('%s; the entry is read back by its changelog id', async (_, drops) => {
    jira.state.dropsHistoryMetadata = drops;
    const historyMetadata = { type: 'guide-des-statuts:customer-action', activityDescription: 'Répondre' };
    await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: { transition: { id: DEMO_TRANSITION_IDS.customerAnswered }, historyMetadata },
    });
    const id = issue('SUP-5').changelog.at(-1)?.id;
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/changelog/list', {
      body: { changelogIds: [Number(id), 1] },
    });
    expect(r.status).toBe(200);
    const histories = arr(obj(r.json).histories).map(obj);
    expect(histories.map((h) => h.id)).toEqual([id]);
    expect(histories[0]?.historyMetadata).toEqual(drops ? undefined : historyMetadata);
    expect(obj(histories[0]?.author).accountId).toBe(DEMO_USERS.app.accountId);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('silently drops update.comment on a transition without a screen', async () => {
    const before = issue('SUP-5').comments.length;
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: {
        transition: { id: DEMO_TRANSITION_IDS.customerAnswered },
        update: { comment: [adfComment('Voici la capture.')] },
      },
    });
    expect(r.status).toBe(204);
    expect(issue('SUP-5').statusId).toBe(DEMO_STATUS_IDS.in_progress);
    expect(issue('SUP-5').comments).toHaveLength(before);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('keeps update.comment on a transition with a screen, as a public comment', async () => {
    const r = await call(
      jira,
      asUser(DEMO_USERS.agent.accountId),
      'POST',
      '/rest/api/3/issue/SUP-4/transitions',
      {
        body: {
          transition: { id: DEMO_TRANSITION_IDS.requestInformation },
          update: { comment: [adfComment('Pouvez-vous préciser la commune ?')] },
        },
      },
    );
    expect(r.status).toBe(204);
    const sup4 = issue('SUP-4');
    expect(sup4.statusId).toBe(DEMO_STATUS_IDS.waiting_customer);
    expect(sup4.comments).toEqual([
      expect.objectContaining({
        authorId: DEMO_USERS.agent.accountId,
        body: 'Pouvez-vous préciser la commune ?',
        public: true,
        created: NOW,
      }),
    ]);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('refuses a transition that does not leave the current status, and changes nothing', async () => {
    const before = structuredClone(issue('SUP-5'));
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: { transition: { id: DEMO_TRANSITION_IDS.acceptedByCustomer } },
    });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      errorMessages: [
        `Transition id '${DEMO_TRANSITION_IDS.acceptedByCustomer}' is not valid for this issue.`,
      ],
      errors: {},
    });
    expect(issue('SUP-5')).toEqual(before);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('rejects fields that are not on the transition screen', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: {
        transition: { id: DEMO_TRANSITION_IDS.customerAnswered },
        fields: { resolution: { name: 'Done' } },
      },
    });
    expect(r.status).toBe(400);
    expect(obj(obj(r.json).errors).resolution).toEqual(
      expect.stringContaining('not on the appropriate screen'),
    );
    expect(issue('SUP-5').statusId).toBe(DEMO_STATUS_IDS.waiting_customer);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('answers 404 for an issue that does not exist', async () => {
    const r = await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-99/transitions', {
      body: { transition: { id: '11' } },
    });
    expect(r.status).toBe(404);
    expect(jira.takeViolations()).toEqual([]);
  });
});

describe('status history', () => {
  it('is chronological in the request expand and most recent first on /status', async () => {
    await call(jira, 'app', 'POST', '/rest/api/3/issue/SUP-5/transitions', {
      body: { transition: { id: DEMO_TRANSITION_IDS.customerAnswered } },
    });
    const expanded = await call(jira, 'app', 'GET', '/rest/servicedeskapi/request/SUP-5?expand=status');
    const chronological = arr(obj(obj(expanded.json).status).values).map((s) => obj(s).status);
    expect(chronological).toEqual(['Ouvert', 'En progression', 'En attente du client', 'En progression']);
    const current = obj(obj(expanded.json).currentStatus);
    expect(current).toMatchObject({ status: 'En progression', statusCategory: 'INDETERMINATE' });
    expect(obj(current.statusDate)).toEqual({
      iso8601: '2025-06-02T09:15:00+0000',
      jira: '2025-06-02T09:15:00.000+0000',
      friendly: expect.any(String),
      epochMillis: NOW,
    });

    const paged = await call(jira, 'app', 'GET', '/rest/servicedeskapi/request/SUP-5/status?start=0&limit=3');
    const page = obj(paged.json);
    expect(arr(page.values).map((s) => obj(s).status)).toEqual([
      'En progression',
      'En attente du client',
      'En progression',
    ]);
    expect(page).toMatchObject({ size: 3, start: 0, limit: 3, isLastPage: false });
    const rest = await call(jira, 'app', 'GET', '/rest/servicedeskapi/request/SUP-5/status?start=3&limit=3');
    expect(arr(obj(rest.json).values).map((s) => obj(s).status)).toEqual(['Ouvert']);
    expect(jira.takeViolations()).toEqual([]);
  });

  it('renders dates in the caller’s time zone', async () => {
    const r = await call(
      jira,
      asUser(DEMO_USERS.agent.accountId),
      'GET',
      '/rest/servicedeskapi/request/SUP-1',
    );
    // 3 March 2025 08:30 UTC is 09:30 in Brussels.
    expect(obj(obj(r.json).createdDate)).toMatchObject({
      iso8601: '2025-03-03T09:30:00+0100',
      jira: '2025-03-03T09:30:00.000+0100',
    });
    const issueBean = await call(
      jira,
      asUser(DEMO_USERS.agent.accountId),
      'GET',
      '/rest/api/3/issue/SUP-1?fields=created',
    );
    expect(obj(obj(issueBean.json).fields).created).toBe('2025-03-03T09:30:00.000+0100');
    expect(jira.takeViolations()).toEqual([]);
  });
});
