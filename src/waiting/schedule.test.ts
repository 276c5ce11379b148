import { dueAt, scheduleFor } from './schedule';
import { parseRules } from './rules';

const MONDAY_10 = Date.parse('2026-11-30T10:00:00+01:00');
const DAY = 86_400_000;
const OFF = { reminders: null, outcome: null };

it('reminder k is due k × remindAfterDays working days after entry, only before the outcome', () => {
  const rules = parseRules({ waiting_customer: { remindAfterDays: 2, maxReminders: 5, closeAfterDays: 5 } });
  const s = scheduleFor(rules, OFF, 'waiting_customer', MONDAY_10);
  // Wednesday, Friday; the third (Tuesday after) would fall after Monday's outcome.
  expect(s.reminders).toEqual([
    { n: 1, at: MONDAY_10 + 2 * DAY },
    { n: 2, at: MONDAY_10 + 4 * DAY },
  ]);
  expect(s.outcome).toEqual({ at: MONDAY_10 + 7 * DAY, outcome: 'closed' });
});

it('starts each part at the later of the entry and the moment it was switched on', () => {
  const rules = parseRules({ waiting_approval: { remindAfterDays: 1, maxReminders: 1, acceptAfterDays: 2 } });
  const since = { reminders: MONDAY_10 + 3 * DAY, outcome: MONDAY_10 + 3 * DAY };
  const s = scheduleFor(rules, since, 'waiting_approval', MONDAY_10);
  expect(s.reminders).toEqual([{ n: 1, at: MONDAY_10 + 4 * DAY }]);
  expect(s.outcome).toEqual({ at: MONDAY_10 + 7 * DAY, outcome: 'accepted' });
});

it('is due: the outcome once its time has come, else the latest reminder due', () => {
  const rules = parseRules({
    waiting_customer: { remindAfterDays: 1, maxReminders: 3, closeAfterDays: null },
  });
  const s = scheduleFor(rules, OFF, 'waiting_customer', MONDAY_10);
  expect(dueAt(s, MONDAY_10 + DAY - 1)).toBeNull();
  expect(dueAt(s, MONDAY_10 + 2 * DAY + 5)).toEqual({ kind: 'reminder', n: 2, at: MONDAY_10 + 2 * DAY });
  expect(dueAt(s, MONDAY_10 + 30 * DAY)).toEqual({ kind: 'reminder', n: 3, at: MONDAY_10 + 3 * DAY });
  expect(scheduleFor(rules, OFF, 'waiting_approval', MONDAY_10)).toEqual({ reminders: [], outcome: null });
});
