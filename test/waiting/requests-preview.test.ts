/**
 * The preview's arithmetic and paging: the next reminder is the first one strictly after now, the
 * earliest of them and of the outcomes is told, and the search reads at most 10 pages, saying when
 * more requests wait than it read.
 */
import type { JiraClient } from '../../src/jira/client';
import type { IssueBean, IssueSearchPage } from '../../src/jira/types';
import { previewOf, previewRules } from '../../src/waiting/preview';
import { parseRules } from '../../src/waiting/rules';
import type { StoredRules } from '../../src/waiting/store';
import type { WaitingRequest } from '../../src/waiting/waiting-requests';

const DAY = 24 * 3_600_000;
/** Monday 2 November 2026, 10:00 UTC. */
const T0 = Date.parse('2026-11-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const rules = parseRules({
  workingDays: false,
  timeZone: 'UTC',
  waiting_customer: { remindAfterDays: 2, maxReminders: 3, closeAfterDays: 10 },
});
/** Saved at T0: a request's clock starts when it entered the status. */
const before: StoredRules = {
  rules,
  since: {
    waiting_customer: { reminders: T0, outcome: T0 },
    waiting_approval: { reminders: null, outcome: null },
  },
};

const waiting = (issueKey: string, enteredAt: number): WaitingRequest => ({
  issueId: issueKey,
  issueKey,
  status: 'waiting_customer',
  entry: 'created',
  enteredAt,
  reporter: null,
  audit: undefined,
});

it('tells the next reminder after now, not one due at now or before, and the earliest of all', () => {
  // A: reminders at T0+2, +4, +6, outcome +10; B: 1 day later. Now is A's second reminder.
  const requests = [waiting('SUP-2', T0 + DAY), waiting('SUP-1', T0)];
  const [customer, approval] = previewOf(requests, before, rules, T0 + 4 * DAY);
  expect(customer).toEqual({
    status: 'waiting_customer',
    waiting: 2,
    reminded: { count: 2, first: iso(T0 + 5 * DAY) },
    decided: { count: 2, first: iso(T0 + 10 * DAY), outcome: 'closed' },
  });
  expect(approval).toEqual({
    status: 'waiting_approval',
    waiting: 0,
    reminded: { count: 0, first: null },
    decided: { count: 0, first: null, outcome: 'accepted' },
  });
});

it('a request past its last reminder is not counted as reminded', () => {
  const [customer] = previewOf([waiting('SUP-1', T0)], before, rules, T0 + 6 * DAY);
  expect(customer?.reminded).toEqual({ count: 0, first: null });
  expect(customer?.decided.count).toBe(1);
});

function pagedJira(pages: number): { jira: JiraClient; calls: () => number } {
  let calls = 0;
  const issue = (n: number): IssueBean => ({
    id: String(n),
    key: `SUP-${n}`,
    fields: { status: { id: '1', name: 'En attente du client' }, created: iso(T0) },
  });
  const jira = {
    searchIssues: (): Promise<IssueSearchPage> => {
      calls += 1;
      const isLast = calls >= pages;
      return Promise.resolve({
        issues: [issue(calls)],
        isLast,
        ...(isLast ? {} : { nextPageToken: `p${calls}` }),
      });
    },
  } as unknown as JiraClient;
  return { jira, calls: () => calls };
}

it('reads every page up to 10, complete when Jira said the last', async () => {
  const { jira, calls } = pagedJira(10);
  const preview = await previewRules(jira, 'SUP', null, before, rules, T0);
  expect(calls()).toBe(10);
  expect(preview.partial).toBe(false);
  expect(preview.statuses[0]?.waiting).toBe(10);
});

it('stops after 10 pages and says the preview is partial', async () => {
  const { jira, calls } = pagedJira(50);
  const preview = await previewRules(jira, 'SUP', null, before, rules, T0);
  expect(calls()).toBe(10);
  expect(preview.partial).toBe(true);
  expect(preview.statuses[0]?.waiting).toBe(10);
});

it('one page when it is the last', async () => {
  const { jira, calls } = pagedJira(1);
  expect((await previewRules(jira, 'SUP', null, before, rules, T0)).partial).toBe(false);
  expect(calls()).toBe(1);
});
