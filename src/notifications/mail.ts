/**
 * The e-mail a reporter receives when their request enters a status: subject, plain text and HTML,
 * in their language, in the same words the portal uses (`status.<key>.meaning` / `.todo`). Pure.
 * Everything that comes from people (summary) or from Jira (status name, link) is escaped in HTML.
 */
import type { MessageKey, Translate } from '../i18n/locales';
import { getStatus, type StatusKey } from '../workflow';

export interface MailInput {
  issueKey: string;
  summary: string;
  /** The workflow status and its name as Jira shows it (the name customers know). */
  status: { key: StatusKey; name: string };
  /** The request's page on the customer portal, when Jira gave one. */
  portalUrl: string | null;
  /** The project's words for the status in the reporter's language (src/texts); else the defaults. */
  texts?: { meaning: string; todo: string };
  /** The status's name in the reporter's language, beside JSM's (localNameOf); null or absent: none. */
  localName?: string | null;
}

export interface Mail {
  subject: string;
  textBody: string;
  htmlBody: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Only an absolute http(s) URL becomes a link; anything else is not trusted into an href. */
export function safePortalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A summary on one line: line breaks in it would break the sentence it is quoted in. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function composeMail(t: Translate, input: MailInput): Mail {
  const { key } = input.status;
  const mustAct = getStatus(key).customerMustAct;
  const meaningKey: MessageKey = `status.${key}.meaning`;
  const todoKey: MessageKey = `status.${key}.todo`;
  const local = input.localName ? oneLine(input.localName) : null;
  const vars = {
    issueKey: input.issueKey,
    summary: oneLine(input.summary),
    status: input.status.name,
    ...(local ? { label: local } : {}),
  };
  const introKey: MessageKey = local ? 'texts.email.intro' : 'email.intro';
  const subjectKey: MessageKey = local ? 'texts.email.subject' : 'email.subject';
  const url = input.portalUrl;
  const whereKey: MessageKey = url
    ? mustAct
      ? 'email.actHere'
      : 'email.followHere'
    : mustAct
      ? 'email.actOnPortal'
      : 'email.followOnPortal';
  // Texts an administrator wrote are plain text: escaped in HTML like anything else from people.
  const meaning = input.texts?.meaning ?? t(meaningKey);
  const todoText = input.texts?.todo ?? t(todoKey);
  const todo = mustAct ? `${t('email.actionNeeded')} ${todoText}` : todoText;
  const htmlText = (text: string): string => escapeHtml(text).replace(/\n/g, '<br>');

  const textBody = [
    t('email.greeting'),
    t(introKey, vars),
    `${meaning}\n${todo}`,
    t(whereKey, { issueKey: input.issueKey, link: url ?? '' }),
    t('email.closing'),
    `--\n${t('email.automatic')}`,
  ].join('\n\n');

  // Templates are escaped first, then filled with escaped values: one pass, so a value that looks
  // like a placeholder ("{status}" in a summary) stays text.
  const html = (messageKey: MessageKey, values: Readonly<Record<string, string>> = {}): string =>
    escapeHtml(t(messageKey)).replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const escapedVars = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, escapeHtml(v)]));
  const link = url ? `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : '';
  const strongTodo = mustAct
    ? `<strong>${html('email.actionNeeded')}</strong> ${htmlText(todoText)}`
    : htmlText(todoText);
  const htmlBody = [
    `<p>${html('email.greeting')}</p>`,
    `<p>${html(introKey, escapedVars)}</p>`,
    `<p>${htmlText(meaning)}<br>${strongTodo}</p>`,
    `<p>${html(whereKey, { issueKey: escapeHtml(input.issueKey), link })}</p>`,
    `<p>${html('email.closing')}</p>`,
    `<p style="color:#6b778c;font-size:12px">${html('email.automatic')}</p>`,
  ].join('\n');

  return {
    subject: t(subjectKey, vars),
    textBody,
    htmlBody,
  };
}
