/** A reminder that would fall at the very instant of the outcome is not planned: the outcome is. */
import { parseRules } from './rules';
import { scheduleFor } from './schedule';

const MONDAY_10 = Date.parse('2026-11-30T10:00:00+01:00');
const DAY = 86_400_000;

it('plans no reminder at the outcome instant', () => {
  const rules = parseRules({
    workingDays: false,
    waiting_customer: { remindAfterDays: 2, maxReminders: 3, closeAfterDays: 4 },
  });
  const s = scheduleFor(rules, { reminders: null, outcome: null }, 'waiting_customer', MONDAY_10);
  expect(s.reminders).toEqual([{ n: 1, at: MONDAY_10 + 2 * DAY }]);
  expect(s.outcome).toEqual({ at: MONDAY_10 + 4 * DAY, outcome: 'closed' });
});
