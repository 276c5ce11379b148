/**
 * What the rules' storage keeps and how it is read back: each part's clock starts when that part is
 * switched on (a later save keeps it, switching on reminders starts theirs at that save), rules stored
 * by an older version without their start times still work, and a project whose stored rules are not
 * valid is not scanned.
 */
import { rulesKey } from '../../src/waiting/store';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { DAY, HOUR, MONDAY_10, getRules, runScan, setRules, useClock, type Clock } from './support';

let app: TestApp;
let clock: Clock;
beforeEach(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  clock = useClock(MONDAY_10);
  app = await startTestApp();
  app.configureDemoProject();
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
  jest.restoreAllMocks();
});

const storedSince = () => (app.forge.kvs.peek(rulesKey('SUP')) as { since: unknown }).since;

it('starts the reminders clock when reminders are switched on, keeping the outcome one', async () => {
  await setRules(app, 'SUP', {
    waiting_customer: { remindAfterDays: null, maxReminders: 1, closeAfterDays: 5 },
  });
  expect(storedSince()).toEqual({
    waiting_customer: { reminders: null, outcome: MONDAY_10 },
    waiting_approval: { reminders: null, outcome: null },
  });
  clock.set(MONDAY_10 + DAY);
  await setRules(app, 'SUP', {
    waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 },
  });
  expect(storedSince()).toEqual({
    waiting_customer: { reminders: MONDAY_10 + DAY, outcome: MONDAY_10 },
    waiting_approval: { reminders: null, outcome: null },
  });
});

const OLD_RULES = {
  workingDays: true,
  timeZone: 'Europe/Brussels',
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 },
  waiting_approval: null,
};

it('reads rules stored without their start times as switched on before any request', async () => {
  app.forge.kvs.entries.set(rulesKey('SUP'), {
    value: { rules: OLD_RULES },
    createdAt: 0,
    updatedAt: 0,
    expiresAt: null,
  });
  // SUP-5 waits for the customer in the demo: the preview still answers, from its entry.
  const answer = (await getRules(app, 'SUP')) as {
    rules: unknown;
    preview: { statuses: { waiting: number }[] };
  };
  expect(answer.rules).toEqual(OLD_RULES);
  expect(answer.preview.statuses[0]?.waiting).toBe(1);
  // A save over them keeps working, the parts on counted from this save.
  await setRules(app, 'SUP', {
    waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 },
  });
  expect(storedSince()).toEqual({
    waiting_customer: { reminders: MONDAY_10, outcome: MONDAY_10 },
    waiting_approval: { reminders: null, outcome: null },
  });
});

it('reads a start time stored wrongly (missing, not a number) as none, for that part alone', async () => {
  const on = MONDAY_10 - 3 * DAY;
  app.forge.kvs.entries.set(rulesKey('SUP'), {
    value: { rules: OLD_RULES, since: { waiting_customer: { reminders: 'lundi', outcome: on } } },
    createdAt: 0,
    updatedAt: 0,
    expiresAt: null,
  });
  expect(((await getRules(app, 'SUP')) as { rules: unknown }).rules).toEqual(OLD_RULES);
  // Saved again: the outcome keeps its start, the reminders start now, approval stays off.
  await setRules(app, 'SUP', {
    waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 },
  });
  expect(storedSince()).toEqual({
    waiting_customer: { reminders: MONDAY_10, outcome: on },
    waiting_approval: { reminders: null, outcome: null },
  });
});

it('scans a part stored on without its start time as started before any request', async () => {
  // SUP-7 has waited for approval since March 2025; approval is on, its start time lost.
  clock.set(MONDAY_10 - 2 * HOUR);
  const rules = {
    ...OLD_RULES,
    waiting_approval: { remindAfterDays: null, maxReminders: 1, acceptAfterDays: 5 },
  };
  app.forge.kvs.entries.set(rulesKey('SUP'), {
    value: { rules, since: { waiting_customer: { reminders: null, outcome: null } } },
    createdAt: 0,
    updatedAt: 0,
    expiresAt: null,
  });
  const summary = await runScan(app);
  expect(summary).toMatchObject({ complete: true, decided: 2, failed: 0 });
  const sup7 = app.double.state.issues.find((i) => i.key === 'SUP-7')!;
  expect(app.double.state.statuses.find((s) => s.id === sup7.statusId)?.name).toBe('A délivrer');
});

it('does not scan a project whose stored rules are not valid', async () => {
  clock.set(MONDAY_10 - 2 * HOUR);
  const entry = (value: unknown) => ({ value, createdAt: 0, updatedAt: 0, expiresAt: null });
  app.forge.kvs.entries.set(rulesKey('BAD'), entry({ rules: { waiting_customer: 'often' } }));
  app.forge.kvs.entries.set(rulesKey('NUL'), entry(null));
  app.forge.kvs.entries.set(rulesKey('TXT'), entry('waiting_customer'));
  app.forge.kvs.entries.set(rulesKey('NUM'), entry(42));
  app.forge.kvs.entries.set(rulesKey('SUP'), entry({ rules: OLD_RULES }));
  const summary = await runScan(app);
  expect(summary.projects).toBe(1);
  expect(summary.complete).toBe(true);
});
