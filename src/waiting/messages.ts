/**
 * What the scan writes to the customer, in their language: the reminder e-mail (with the deadline and
 * the portal link), the outcome's public comment and e-mail. Pure. Dates are written in the rules'
 * time zone, as a person reads them ("jeudi 3 décembre 2026 à 10:00").
 */
import type { Locale, MessageKey, Translate } from '../i18n/locales';
import { escapeHtml, type Mail } from '../notifications/mail';
import type { StatusKey } from '../workflow';
import type { Outcome } from './rules';

export function formatDate(epochMs: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(epochMs);
}

export interface RequestFacts {
  issueKey: string;
  summary: string;
  /** The status as customers see it. */
  statusName: string;
  status: StatusKey;
  portalUrl: string | null;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Plain text and HTML from paragraphs of already translated text (HTML escaped here, once). */
function mailOf(t: Translate, subject: string, paragraphs: string[], link: string | null): Mail {
  const closing = [t('email.closing'), `--\n${t('email.automatic')}`];
  const where = link ? [link] : [];
  return {
    subject,
    textBody: [t('email.greeting'), ...paragraphs, ...where, ...closing].join('\n\n'),
    htmlBody: [
      `<p>${escapeHtml(t('email.greeting'))}</p>`,
      ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
      ...(link ? [`<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`] : []),
      `<p>${escapeHtml(t('email.closing'))}</p>`,
      `<p style="color:#6b778c;font-size:12px">${escapeHtml(t('email.automatic'))}</p>`,
    ].join('\n'),
  };
}

/** The reminder: the request still waits on them, what to do, and the deadline when one is set. */
export function composeReminder(
  t: Translate,
  facts: RequestFacts,
  deadline: { at: string; outcome: Outcome } | null,
): Mail {
  const vars = { issueKey: facts.issueKey, summary: oneLine(facts.summary), status: facts.statusName };
  const todoKey: MessageKey = `status.${facts.status}.todo`;
  const paragraphs = [
    t('waiting.reminder.intro', vars),
    `${t('email.actionNeeded')} ${t(todoKey)}`,
    ...(deadline ? [t(`waiting.reminder.${deadline.outcome}`, { date: deadline.at })] : []),
  ];
  return mailOf(t, t('waiting.reminder.subject', vars), paragraphs, facts.portalUrl);
}

/** The public comment that says why the app decided, in the reporter's language. */
export function outcomeComment(t: Translate, outcome: Outcome, since: string, at: string): string {
  return t(`waiting.outcome.comment.${outcome}`, { since, date: at });
}

export function composeOutcomeMail(
  t: Translate,
  facts: RequestFacts,
  outcome: Outcome,
  comment: string,
): Mail {
  return mailOf(
    t,
    t(`waiting.outcome.subject.${outcome}`, { issueKey: facts.issueKey }),
    [comment],
    facts.portalUrl,
  );
}
