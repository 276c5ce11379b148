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
  savedAt: number;
}

const PREFIX = 'waiting-rules:';
export function rulesKey(projectKey: string): string {
  return `${PREFIX}${projectKey}`;
}

const OFF: PartsSince = { reminders: null, outcome: null };

/** As kept in storage: the rules in the contract's shape, parsed again when read. */
interface StoredValue {
  rules: WaitingRulesPayload;
  since: Record<WaitingStatus, PartsSince>;
  savedAt: number;
}

/** Stored rules, checked like input (written by hand or an older version: bad ones mean off). */
function checked(value: unknown): StoredRules | null {
  if (value === null || typeof value !== 'object') return null;
  const stored = value as Partial<StoredValue>;
  try {
    const rules = parseRules(stored.rules);
    const since = stored.since ?? { waiting_customer: OFF, waiting_approval: OFF };
    return { rules, since, savedAt: typeof stored.savedAt === 'number' ? stored.savedAt : 0 };
  } catch {
    return null;
  }
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
  const stored: StoredRules = { rules, since: sinceAfterSave(before, rules, now), savedAt: now };
  await kvs.set<StoredValue>(rulesKey(projectKey), { ...stored, rules: toPayload(rules) });
  return stored;
}

/** Every project with rules stored, in key order (the scan's list of projects), 20 a storage page. */
export async function projectsWithRules(): Promise<{ projectKey: string; stored: StoredRules }[]> {
  const { entries } = await queryByPrefix<unknown>(PREFIX);
  const found: { projectKey: string; stored: StoredRules }[] = [];
  for (const { key, value } of entries) {
    const stored = checked(value);
    if (stored) found.push({ projectKey: key.slice(PREFIX.length), stored });
  }
  return found;
}
