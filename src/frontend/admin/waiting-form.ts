/**
 * The waiting rules form's state and what it sends: text as typed, turned into the contract's rules
 * only when sent (the resolver judges them); the preview's lines in the administrator's words. Pure.
 */
import type { Translate } from '../../i18n/locales';
import type { RulesPreview } from '../../waiting/preview';
import type { WaitingRulesAnswer } from '../../waiting/resolvers';
import type { WaitingStatus } from '../../waiting/rules';
import type { Json } from './call';

/** What the form holds: text as typed, turned into numbers only when sent. */
export interface StatusForm {
  on: boolean;
  remindAfterDays: string;
  maxReminders: string;
  outcomeDays: string;
}
export interface Form {
  workingDays: boolean;
  timeZone: string;
  statuses: Record<WaitingStatus, StatusForm>;
}

export const OUTCOME_FIELD = {
  waiting_customer: 'closeAfterDays',
  waiting_approval: 'acceptAfterDays',
} as const;
const text = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));
export type ChangeEvent = { target?: { value?: unknown; checked?: unknown } };

export function formOf(answer: WaitingRulesAnswer): Form {
  const { rules } = answer;
  const status = (s: WaitingStatus): StatusForm => {
    const rule = rules[s] as Record<string, number | null> | null;
    return {
      on: rule !== null,
      remindAfterDays: text(rule?.remindAfterDays ?? 3),
      maxReminders: text(rule?.maxReminders ?? 1),
      outcomeDays: text(rule?.[OUTCOME_FIELD[s]] ?? 10),
    };
  };
  return {
    workingDays: rules.workingDays,
    timeZone: rules.timeZone,
    statuses: { waiting_customer: status('waiting_customer'), waiting_approval: status('waiting_approval') },
  };
}

/** An empty field means "off" (null); anything else is sent as typed, for the resolver to judge. */
const numberOrNull = (value: string): Json => {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
};

export function rulesOf(form: Form): Json {
  const status = (s: WaitingStatus): Json => {
    const f = form.statuses[s];
    if (!f.on) return null;
    return {
      remindAfterDays: numberOrNull(f.remindAfterDays),
      maxReminders: numberOrNull(f.maxReminders) ?? 1,
      [OUTCOME_FIELD[s]]: numberOrNull(f.outcomeDays),
    };
  };
  return {
    workingDays: form.workingDays,
    timeZone: form.timeZone.trim(),
    waiting_customer: status('waiting_customer'),
    waiting_approval: status('waiting_approval'),
  };
}

export function previewLines(preview: RulesPreview, t: Translate, date: (iso: string) => string): string[] {
  return preview.statuses.flatMap((p) => {
    if (p.waiting === 0) return [];
    const lines = [
      t('waiting.admin.previewWaiting', { status: t(`waiting.admin.${p.status}`), count: p.waiting }),
    ];
    if (p.reminded.first)
      lines.push(
        t('waiting.admin.previewReminders', { count: p.reminded.count, date: date(p.reminded.first) }),
      );
    if (p.decided.first) {
      const key =
        p.decided.outcome === 'closed' ? 'waiting.admin.previewClosed' : 'waiting.admin.previewAccepted';
      lines.push(t(key, { count: p.decided.count, date: date(p.decided.first) }));
    }
    return lines;
  });
}
