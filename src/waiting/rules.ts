/**
 * The waiting rules of a project: for each status that waits on the customer, reminders and an
 * automatic outcome, in working or calendar days, in an IANA time zone. Off by default. Parsing is
 * strict (every unknown key, bad type or value out of range is refused with a message saying which),
 * and nothing is stored unless all of it is valid.
 */
import type { MessageKey } from '../i18n/locales';
import { AppError } from '../shared/errors';
import type { StatusKey } from '../workflow';
import { isTimeZone } from './calendar';

export const WAITING_STATUSES = ['waiting_customer', 'waiting_approval'] as const;
export type WaitingStatus = (typeof WAITING_STATUSES)[number];

/** What each waiting status's outcome is, its field name, and the transition that makes it. */
export const OUTCOMES = {
  waiting_customer: {
    field: 'closeAfterDays',
    outcome: 'closed',
    transition: 'closeWithoutAnswer',
    to: 'closed',
  },
  waiting_approval: {
    field: 'acceptAfterDays',
    outcome: 'accepted',
    transition: 'acceptWithoutAnswer',
    to: 'to_deliver',
  },
} as const satisfies Record<
  WaitingStatus,
  { field: string; outcome: string; transition: string; to: StatusKey }
>;
export type Outcome = (typeof OUTCOMES)[WaitingStatus]['outcome'];

export interface StatusRule {
  /** null: no reminder. */
  remindAfterDays: number | null;
  maxReminders: number;
  /** null: no outcome. Named `closeAfterDays` or `acceptAfterDays` in the contract. */
  outcomeAfterDays: number | null;
}

export interface WaitingRules {
  workingDays: boolean;
  timeZone: string;
  waiting_customer: StatusRule | null;
  waiting_approval: StatusRule | null;
}

/** The contract's shape (README, `getWaitingRules`). */
export interface WaitingRulesPayload {
  workingDays: boolean;
  timeZone: string;
  waiting_customer: {
    remindAfterDays: number | null;
    maxReminders: number;
    closeAfterDays: number | null;
  } | null;
  waiting_approval: {
    remindAfterDays: number | null;
    maxReminders: number;
    acceptAfterDays: number | null;
  } | null;
}

export const DEFAULT_TIME_ZONE = 'Europe/Brussels';
export const DEFAULT_RULES: WaitingRules = {
  workingDays: true,
  timeZone: DEFAULT_TIME_ZONE,
  waiting_customer: null,
  waiting_approval: null,
};

export const RANGES = {
  remindAfterDays: { min: 1, max: 60 },
  maxReminders: { min: 1, max: 10 },
  outcomeAfterDays: { min: 1, max: 120 },
} as const;

function invalid(key: MessageKey, vars: Readonly<Record<string, string | number>> = {}): AppError {
  return new AppError('INVALID_INPUT', key, vars);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid('waiting.error.notAnObject', { field: what });
  return value as Record<string, unknown>;
}

function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(value).find((k) => !allowed.includes(k));
  if (unknown !== undefined)
    throw invalid('waiting.error.unknownKey', { field: where ? `${where}.${unknown}` : unknown });
}

function days(
  value: unknown,
  field: string,
  range: { min: number; max: number },
  nullable: boolean,
): number | null {
  if (value === null && nullable) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max)
    throw invalid('waiting.error.outOfRange', { field, min: range.min, max: range.max });
  return value;
}

function statusRule(value: unknown, status: WaitingStatus): StatusRule | null {
  if (value === null || value === undefined) return null;
  const outcomeField = OUTCOMES[status].field;
  const rule = record(value, status);
  onlyKeys(rule, ['remindAfterDays', 'maxReminders', outcomeField], status);
  const remindAfterDays = days(
    rule.remindAfterDays ?? null,
    `${status}.remindAfterDays`,
    RANGES.remindAfterDays,
    true,
  );
  const maxReminders =
    days(rule.maxReminders ?? 1, `${status}.maxReminders`, RANGES.maxReminders, false) ?? 1;
  const outcomeAfterDays = days(
    rule[outcomeField] ?? null,
    `${status}.${outcomeField}`,
    RANGES.outcomeAfterDays,
    true,
  );
  if (remindAfterDays !== null && outcomeAfterDays !== null && remindAfterDays >= outcomeAfterDays)
    throw invalid('waiting.error.reminderAfterOutcome', { status, field: `${status}.${outcomeField}` });
  return { remindAfterDays, maxReminders, outcomeAfterDays };
}

/** The rules of a payload, with the defaults filled in; refused with a localized message otherwise. */
export function parseRules(value: unknown): WaitingRules {
  const rules = record(value, 'rules');
  onlyKeys(rules, ['workingDays', 'timeZone', ...WAITING_STATUSES], '');
  const workingDays = rules.workingDays ?? DEFAULT_RULES.workingDays;
  if (typeof workingDays !== 'boolean') throw invalid('waiting.error.notBoolean', { field: 'workingDays' });
  const timeZone = rules.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) throw invalid('waiting.error.timeZone', { field: 'timeZone' });
  return {
    workingDays,
    timeZone,
    waiting_customer: statusRule(rules.waiting_customer, 'waiting_customer'),
    waiting_approval: statusRule(rules.waiting_approval, 'waiting_approval'),
  };
}

/** The rules as the contract names them. */
export function toPayload(rules: WaitingRules): WaitingRulesPayload {
  const c = rules.waiting_customer;
  const a = rules.waiting_approval;
  return {
    workingDays: rules.workingDays,
    timeZone: rules.timeZone,
    waiting_customer: c && {
      remindAfterDays: c.remindAfterDays,
      maxReminders: c.maxReminders,
      closeAfterDays: c.outcomeAfterDays,
    },
    waiting_approval: a && {
      remindAfterDays: a.remindAfterDays,
      maxReminders: a.maxReminders,
      acceptAfterDays: a.outcomeAfterDays,
    },
  };
}

/** Whether any part of the rules does anything. */
export function isActive(rules: WaitingRules): boolean {
  return WAITING_STATUSES.some((s) => {
    const r = rules[s];
    return r !== null && (r.remindAfterDays !== null || r.outcomeAfterDays !== null);
  });
}
