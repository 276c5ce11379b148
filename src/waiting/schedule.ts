/**
 * When a waiting request is reminded and when its outcome falls, from when it entered the status and
 * the project's rules. Pure. Reminder k (1…maxReminders) is due k × remindAfterDays days after the
 * clock's start, and only if it falls before the outcome; the outcome is due after its days. The
 * clock of each part starts when the request entered the status, or when that part was switched
 * on, whichever is later.
 */
import { addDays } from './calendar';
import { OUTCOMES, type Outcome, type WaitingRules, type WaitingStatus } from './rules';
import type { PartsSince } from './store';

export interface Schedule {
  /** In order; each with its number (1…) and due instant. */
  reminders: { n: number; at: number }[];
  outcome: { at: number; outcome: Outcome } | null;
}

export function scheduleFor(
  rules: WaitingRules,
  since: PartsSince,
  status: WaitingStatus,
  enteredAt: number,
): Schedule {
  const rule = rules[status];
  if (!rule) return { reminders: [], outcome: null };
  const { workingDays, timeZone } = rules;
  const outcome =
    rule.outcomeAfterDays !== null
      ? {
          at: addDays(
            Math.max(enteredAt, since.outcome ?? enteredAt),
            rule.outcomeAfterDays,
            workingDays,
            timeZone,
          ),
          outcome: OUTCOMES[status].outcome,
        }
      : null;
  const reminders: { n: number; at: number }[] = [];
  if (rule.remindAfterDays !== null) {
    const start = Math.max(enteredAt, since.reminders ?? enteredAt);
    for (let n = 1; n <= rule.maxReminders; n++) {
      const at = addDays(start, n * rule.remindAfterDays, workingDays, timeZone);
      if (outcome && at >= outcome.at) break;
      reminders.push({ n, at });
    }
  }
  return { reminders, outcome };
}

export type Due =
  { kind: 'outcome'; at: number; outcome: Outcome } | { kind: 'reminder'; n: number; at: number } | null;

/**
 * What is due at `now`: the outcome once its time has come; else the latest reminder due (an
 * earlier one a stopped scan missed is not sent late on top of it); null when nothing is.
 */
export function dueAt(schedule: Schedule, now: number): Due {
  if (schedule.outcome && now >= schedule.outcome.at) return { kind: 'outcome', ...schedule.outcome };
  const due = schedule.reminders.filter((r) => r.at <= now).at(-1);
  return due ? { kind: 'reminder', ...due } : null;
}
