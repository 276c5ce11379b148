/**
 * The waiting rules per project, in Forge storage (`waiting-rules:{projectKey}`), with when each part
 * was switched on: a request already waiting when a reminder or an outcome is switched on starts
 * that part's clock at the save, never earlier, so no request is closed by surprise.
 */
import { kvs } from '@forge/kvs';
import { queryByPrefix } from '../shared/storage-query';
import {
  WAITING_STATUSES,
  parseRules,
  toPayload,
  type WaitingRules,
  type WaitingRulesPayload,
  type WaitingStatus,
} from './rules';

/** Epoch ms each part of a status's rule was switched on (null while off). */
export interface PartsSince {
  reminders: number | null;
  outcome: number | null;
}

export interface StoredRules {
  rules: WaitingRules;
  since: Record<WaitingStatus, PartsSince>;
}

const PREFIX = 'waiting-rules:';
export function rulesKey(projectKey: string): string {
  return `${PREFIX}${projectKey}`;
}

const OFF: PartsSince = { reminders: null, outcome: null };

/** As kept in storage: the rules in the contract's shape, parsed again when read; when they were saved. */
interface StoredValue {
  rules: WaitingRulesPayload;
  since: Record<WaitingStatus, PartsSince>;
  savedAt: number;
}

/** A start time as stored: one that is not a number (hand-written, an older version) counts as none. */
function instant(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/**
 * Stored rules, checked like input (written by hand or an older version): bad rules mean none; a
 * part without a start time started before any request.
 */
function checked(value: unknown): StoredRules | null {
  // Any JSON value: a string, a number or null has no rules either.
  const stored = value as Partial<Record<keyof StoredValue, unknown>> | null | undefined;
  let rules: WaitingRules;
  try {
    rules = parseRules(stored?.rules);
  } catch {
    return null;
  }
  const since = {} as Record<WaitingStatus, PartsSince>;
  for (const status of WAITING_STATUSES) {
    const parts = (stored?.since as Partial<Record<WaitingStatus, Partial<PartsSince>>> | undefined)?.[
      status
    ];
    since[status] = { reminders: instant(parts?.reminders), outcome: instant(parts?.outcome) };
  }
  return { rules, since };
}

export async function readStoredRules(projectKey: string): Promise<StoredRules | null> {
  return checked(await kvs.get<unknown>(rulesKey(projectKey)));
}

/** When each part is on from, after a save at `now`: kept when it was already on, `now` when it turns on. */
export function sinceAfterSave(
  before: StoredRules | null,
  rules: WaitingRules,
  now: number,
): Record<WaitingStatus, PartsSince> {
  const part = (was: number | null | undefined, on: boolean): number | null => (on ? (was ?? now) : null);
  const result = {} as Record<WaitingStatus, PartsSince>;
  for (const status of WAITING_STATUSES) {
    const rule = rules[status];
    const previous = before?.rules[status] ? before.since[status] : OFF;
    result[status] = {
      reminders: part(previous.reminders, rule?.remindAfterDays != null),
      outcome: part(previous.outcome, rule?.outcomeAfterDays != null),
    };
  }
  return result;
}

export async function saveRules(projectKey: string, rules: WaitingRules, now: number): Promise<StoredRules> {
  const before = await readStoredRules(projectKey);
  const stored: StoredRules = { rules, since: sinceAfterSave(before, rules, now) };
  await kvs.set<StoredValue>(rulesKey(projectKey), { ...stored, rules: toPayload(rules), savedAt: now });
  return stored;
}

/**
 * Every project with rules stored, 20 a storage page, in key order: the scan resumes in the project
 * where it stopped, and goes on with the ones after it (Forge documents no order for a query's results).
 */
export async function projectsWithRules(): Promise<{ projectKey: string; stored: StoredRules }[]> {
  const { entries } = await queryByPrefix<unknown>(PREFIX);
  const found: { projectKey: string; stored: StoredRules }[] = [];
  for (const { key, value } of entries.sort((a, b) => a.key.localeCompare(b.key))) {
    const stored = checked(value);
    if (stored) found.push({ projectKey: key.slice(PREFIX.length), stored });
  }
  return found;
}
