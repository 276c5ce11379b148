/**
 * What the agent panel is told of a waiting request, from the issue Jira answered: the reminders sent
 * in this stay only (not the outcome's record, not an earlier stay's), the next reminder after the last
 * one sent and strictly after now, and nothing when the status does not wait or its entry is unknown.
 */
import type { IssueBean } from '../../src/jira/types';
import { waitingForAgent } from '../../src/waiting/agent';
import { AUDIT_PROPERTY_KEY } from '../../src/waiting/audit';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { DAY, HOUR, MONDAY_10, setRules, useClock } from './support';

const SAVED = MONDAY_10 - 10 * DAY;
/** Created an hour after the save: reminders at +1, +2, +3 days, the outcome at +10. */
const CREATED = SAVED + HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

let app: TestApp;
beforeEach(async () => {
  useClock(SAVED);
  app = await startTestApp();
  app.configureDemoProject();
  await setRules(app, 'SUP', {
    workingDays: false,
    timeZone: 'UTC',
    waiting_customer: { remindAfterDays: 1, maxReminders: 3, closeAfterDays: 10 },
  });
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
  jest.restoreAllMocks();
});

const record = (action: string, entry: string, n?: number) => ({
  kind: 'waiting',
  at: iso(CREATED + (n ?? 1) * DAY),
  action,
  from: 'waiting_customer',
  entry,
  submissionId: `${action}-${entry}-${n ?? 0}`,
  ...(n === undefined ? {} : { n }),
});

function issue(records?: unknown[], over: Partial<IssueBean> = {}): IssueBean {
  return {
    id: '10005',
    key: 'SUP-5',
    fields: { status: { id: '1', name: 'En attente du client' }, created: iso(CREATED) },
    ...(records ? { properties: { [AUDIT_PROPERTY_KEY]: { records } } } : {}),
    ...over,
  };
}

const OUTCOME = { at: iso(CREATED + 10 * DAY), outcome: 'closed' };

it('counts only this stay reminders, and the next one is strictly after now', async () => {
  const records = [
    record('reminder', 'created', 1),
    record('closeWithoutAnswer', 'created'),
    record('reminder', 'h-earlier', 2),
  ];
  // Now is reminder 2's due instant: it is not the next one any more.
  expect(await waitingForAgent(issue(records), 'waiting_customer', CREATED + 2 * DAY)).toEqual({
    remindersSent: [{ n: 1, at: iso(CREATED + DAY) }],
    nextReminder: iso(CREATED + 3 * DAY),
    outcome: OUTCOME,
  });
});

it('the next reminder comes after the last one sent, even before its own time', async () => {
  const early = CREATED + 12 * HOUR;
  const one = await waitingForAgent(issue([record('reminder', 'created', 1)]), 'waiting_customer', early);
  expect(one?.nextReminder).toBe(iso(CREATED + 2 * DAY));
  const two = await waitingForAgent(issue([record('reminder', 'created', 2)]), 'waiting_customer', early);
  expect(two?.nextReminder).toBe(iso(CREATED + 3 * DAY));
});

it('without the audit property, nothing sent and the first reminder next', async () => {
  expect(await waitingForAgent(issue(), 'waiting_customer', CREATED)).toEqual({
    remindersSent: [],
    nextReminder: iso(CREATED + DAY),
    outcome: OUTCOME,
  });
});

it('nothing for a status that does not wait, or when the entry into the status is unknown', async () => {
  expect(await waitingForAgent(issue(), 'open', CREATED)).toBeNull();
  // Jira cut the changelog short: when the request entered the status is not known.
  const cut = issue(undefined, { changelog: { total: 3, histories: [] } });
  expect(await waitingForAgent(cut, 'waiting_customer', CREATED)).toBeNull();
});
