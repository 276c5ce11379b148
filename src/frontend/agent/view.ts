/**
 * The agent panel's texts, computed from the resolver's answer: pure, so the wording of every case
 * is tested without rendering. The component only lays these out.
 */
import type { StatusHelp } from '../../agent/status-help';
import { formatDateTime } from '../../i18n/dates';
import { resolveLocale, type MessageKey, type Translate } from '../../i18n/locales';

export type PanelView =
  | { kind: 'outside'; text: string }
  | {
      kind: 'known';
      statusName: string;
      /** The "Réponse requise" badge, in the agent's language; null when the customer need not act. */
      badge: string | null;
      /** How long the customer has been waited on, or since when the request is in its status. */
      since: string | null;
      /** The portal's own words for the customer. */
      meaning: string;
      todo: string;
      /** The team's note for this status (the project's words, else the default). */
      note: string;
      customerActions: string[];
      nextTransitions: string[];
      audit: string[];
    };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "3 jours", "1 heure", "moins d'une heure": whole units, as a person says it. */
export function durationText(t: Translate, fromMs: number, toMs: number): string {
  const elapsed = Math.max(0, toMs - fromMs);
  if (elapsed < HOUR_MS) return t('agent.duration.lessThanHour');
  if (elapsed < DAY_MS) {
    const hours = Math.floor(elapsed / HOUR_MS);
    return hours === 1 ? t('agent.duration.oneHour') : t('agent.duration.hours', { count: hours });
  }
  const days = Math.floor(elapsed / DAY_MS);
  return days === 1 ? t('agent.duration.oneDay') : t('agent.duration.days', { count: days });
}

/** Date and time in the agent's language and the browser's time zone. */
export function dateTimeText(iso: string, locale: string | undefined): string {
  const format = new Intl.DateTimeFormat(resolveLocale(locale), { dateStyle: 'long', timeStyle: 'short' });
  return formatDateTime(format, new Date(iso));
}

export function panelView(
  help: StatusHelp,
  t: Translate,
  locale: string | undefined,
  nowMs: number,
): PanelView {
  const { status } = help;
  if (status.key === null)
    return { kind: 'outside', text: t('agent.outsideWorkflow', { status: status.name }) };
  const meaningKey: MessageKey = `status.${status.key}.meaning`;
  const todoKey: MessageKey = `status.${status.key}.todo`;
  let since: string | null = null;
  if (status.since !== null) {
    const date = dateTimeText(status.since, locale);
    since = status.responseRequired
      ? t('agent.waitingFor', { duration: durationText(t, Date.parse(status.since), nowMs), date })
      : t('agent.inStatusSince', { date });
  }
  return {
    kind: 'known',
    statusName: status.name,
    badge: status.responseRequired ? t('badge.responseRequired') : null,
    since,
    // The project's words when getStatusHelp gives them (src/texts), else the defaults.
    meaning: status.texts?.meaning ?? t(meaningKey),
    todo: status.texts?.todo ?? t(todoKey),
    note: status.texts?.agent ?? t(`status.${status.key}.agent`),
    customerActions: help.customerActions.map((a) =>
      t('agent.customerAction', { name: a.name, label: t(`action.${a.id}.label`) }),
    ),
    nextTransitions: help.nextTeamTransitions.map((n) => n.name),
    audit: help.recentCustomerActions.map((r) =>
      t('agent.auditLine', {
        date: dateTimeText(r.at, locale),
        person: r.displayName ?? t('agent.unknownPerson'),
        action: r.actionName,
      }),
    ),
  };
}
