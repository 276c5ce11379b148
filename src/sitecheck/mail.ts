/**
 * The test e-mail: the one check a person can see, sent only when the administrator asks, to the
 * reporter of a request they name, who must be a portal-only customer (the case the README says is
 * undocumented). Sent as the status e-mails are: `/notify` as the app, `to: { reporter: true }`.
 */
import { getTranslator } from '../i18n';
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { escapeHtml } from '../notifications/mail';
import { AppError } from '../shared/errors';
import type { MailRecord } from './model';
import { readLastMail, saveMail } from './store';

/** Jira's account type of portal-only customers (platform User.accountType). */
const PORTAL_ONLY = 'customer';

/** 3 Jira requests: the request, its reporter, the e-mail. */
export async function sendTestMail(requestKey: string, now = Date.now()): Promise<MailRecord> {
  const jira = new JiraClient('app');
  const request = await jira.getCustomerRequest(requestKey);
  const reporterId = request.reporter?.accountId;
  if (!reporterId) throw new AppError('NOT_AVAILABLE', 'sitecheck.mail.notPortalOnly');
  const reporter = await jira.getUser(reporterId);
  if (reporter.accountType !== PORTAL_ONLY)
    throw new AppError('NOT_AVAILABLE', 'sitecheck.mail.notPortalOnly');
  const { t } = await getTranslator(reporter.locale);
  const base = { at: now, requestKey: request.issueKey };
  const body = t('sitecheck.mail.body', { issueKey: request.issueKey });
  let record: MailRecord;
  try {
    await jira.notify(request.issueKey, {
      subject: t('sitecheck.mail.subject', { issueKey: request.issueKey }),
      textBody: body,
      htmlBody: `<p>${escapeHtml(body)}</p>`,
      to: { reporter: true },
    });
    record = { ...base, accepted: true, status: 204, messages: [] };
  } catch (error) {
    if (!(error instanceof JiraError) || error.isTransient) throw error;
    record = { ...base, accepted: false, status: error.status, messages: error.jiraMessages.slice(0, 3) };
  }
  // The e-mail is handed over: the answer says so even if storage cannot keep it (then nothing to confirm).
  await saveMail(record).catch(() => undefined);
  return record;
}

/** Keeps the administrator's answer to "did it arrive?" with the last test e-mail. */
export async function confirmTestMail(arrived: boolean, now = Date.now()): Promise<MailRecord> {
  const last = await readLastMail();
  if (!last?.accepted) throw new AppError('NOT_AVAILABLE', 'sitecheck.mail.nothingToConfirm');
  const record = { ...last, confirmation: { arrived, at: now } };
  await saveMail(record);
  return record;
}
