/**
 * The request as Jira shows it when the scan acts on it, read again after the search: without a
 * status (optional in the spec), in another status since, without a reporter or a portal link. The
 * scan then does nothing or only what it can, never something to the wrong request, and says so.
 */
import type { CustomerRequest } from '../../src/jira/types';
import { reminderClaimKey } from '../../src/waiting/claims';
import type { DoubleIssue } from '../double/state';
import { withJira } from '../support/client';
import { requestMovedBy } from '../support/events';
import {
  DAY,
  logged,
  mailsTo,
  MONDAY_10,
  publicComments,
  runScan,
  statusNameOf,
  undone,
  useWaitingApp,
  waitingAudit,
} from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 3 },
});

const warnings = (): string[] => logged('warn');

/** Asked for information on Monday 10:00; the clock `days` later. */
function askedOnMonday(days: number, options: { summary?: string } = {}): DoubleIssue {
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestInformation', options);
  clock().set(MONDAY_10 + days * DAY);
  return issue;
}

/** JSM's answer for the request, as the double gives it, changed by `edit`, for the scan's next read. */
async function jsmAnswers(issue: DoubleIssue, edit: (request: CustomerRequest) => object): Promise<void> {
  const request = await withJira(app(), (jira) => jira.getCustomerRequest(issue.key));
  app().double.faults.add({
    method: 'GET',
    path: `/rest/servicedeskapi/request/${issue.key}`,
    reply: { status: 200, body: edit(request) },
  });
}

describe('a request due for a reminder', () => {
  it('that JSM answers without its current status: nothing is sent, reported moved on', async () => {
    const issue = askedOnMonday(2);
    await jsmAnswers(issue, ({ currentStatus: _, ...rest }) => rest);
    expect(await runScan(app())).toMatchObject({ reminded: 1, skipped: undone('moved-on'), failed: 0 });
    expect(mailsTo(app(), issue)).toEqual([]);
    expect(waitingAudit(issue)).toEqual([]);
  });

  it('that JSM shows in another status, however recent its status date: nothing is sent', async () => {
    const issue = askedOnMonday(2);
    await jsmAnswers(issue, (request) => ({
      ...request,
      currentStatus: { ...request.currentStatus!, status: 'En progression', statusCategory: 'INDETERMINATE' },
    }));
    expect(await runScan(app())).toMatchObject({ reminded: 1, skipped: undone('moved-on') });
    expect(mailsTo(app(), issue)).toEqual([]);
  });

  it('in another stay (its status date more than a minute off): reported moved on', async () => {
    const issue = askedOnMonday(0);
    issue.statusChangedAt += 60_001;
    clock().set(MONDAY_10 + 2 * DAY + 60_001);
    expect(await runScan(app())).toMatchObject({ reminded: 1, skipped: undone('moved-on') });
    expect(mailsTo(app(), issue)).toEqual([]);
  });

  it('without a reporter (optional in the spec): no one is reminded, the operators told', async () => {
    const issue = askedOnMonday(2);
    await jsmAnswers(issue, ({ reporter: _, ...rest }) => rest);
    expect(await runScan(app())).toMatchObject({ reminded: 1, skipped: undone('refused'), failed: 0 });
    expect(mailsTo(app(), issue)).toEqual([]);
    expect(warnings()).toEqual([`waiting-scan: ${issue.key} has no reporter to remind`]);
    // Told once: the next run passes it by, as a reminder done before.
    await jsmAnswers(issue, ({ reporter: _, ...rest }) => rest);
    clock().advance(3_600_000);
    expect(await runScan(app())).toMatchObject({ reminded: 0, skipped: undone('done-before') });
    expect(warnings()).toHaveLength(1);
  });

  it('claimed by an earlier run that ended before its e-mail: nothing is sent, reported done before', async () => {
    const issue = askedOnMonday(2);
    const entry = issue.changelog.at(-1)!.id;
    app().forge.kvs.entries.set(reminderClaimKey(issue.id, entry, 1), {
      value: { state: 'claimed', at: MONDAY_10 + 2 * DAY - 60_000 },
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
    expect(await runScan(app())).toMatchObject({ reminded: 1, skipped: undone('done-before') });
    expect(mailsTo(app(), issue)).toEqual([]);
  });

  it('names the request by its summary, and links to the portal', async () => {
    const issue = askedOnMonday(2, { summary: 'Accès VPN refusé' });
    await runScan(app());
    const [mail] = mailsTo(app(), issue);
    expect(mail?.textBody).toContain(
      `Votre demande ${issue.key} « Accès VPN refusé » attend toujours votre réponse (statut « En attente du client »).`,
    );
    expect(mail?.htmlBody).toContain('/servicedesk/customer/portal/');
  });

  it('without a summary or a portal link (both optional in the spec): the reminder still goes, without a link', async () => {
    const issue = askedOnMonday(2);
    await jsmAnswers(issue, ({ summary: _, _links: __, ...rest }) => rest);
    await runScan(app());
    const [mail] = mailsTo(app(), issue);
    expect(mail?.textBody).toMatch(
      new RegExp(`Votre demande ${issue.key} «\\s*» attend toujours votre réponse`),
    );
    expect(mail?.htmlBody).not.toContain('/servicedesk/customer/portal/');
  });

  it('unreadable for a reset connection: this request fails, logged without a status', async () => {
    const issue = askedOnMonday(2);
    app().double.faults.add({ method: 'GET', path: `/rest/servicedeskapi/request/${issue.key}`, drop: true });
    expect(await runScan(app())).toMatchObject({ reminded: 1, skipped: undone(), failed: 1 });
    expect(warnings()).toContain(`waiting-scan: ${issue.key} reminder failed: - network`);
    expect(mailsTo(app(), issue)).toEqual([]);
  });
});

describe('a request due for its outcome', () => {
  it('that JSM answers without its current status: nothing is done, reported moved on', async () => {
    const issue = askedOnMonday(3);
    await jsmAnswers(issue, ({ currentStatus: _, ...rest }) => rest);
    expect(await runScan(app())).toMatchObject({ decided: 1, skipped: undone('moved-on'), failed: 0 });
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(publicComments(issue)).toEqual([]);
  });
});

describe('a request due for its outcome, without a reporter', () => {
  it('is closed with its comment in the desk’s language, and no e-mail to anyone', async () => {
    const issue = askedOnMonday(3);
    await jsmAnswers(issue, ({ reporter: _, ...rest }) => rest);
    app().double.resetLog();
    expect(await runScan(app())).toMatchObject({ decided: 2, skipped: undone(), failed: 0 });
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(JSON.stringify(publicComments(issue)[0]?.body)).toContain('Demande clôturée automatiquement');
    expect(mailsTo(app(), issue)).toEqual([]);
    // No language to look up for no one (SUP-5's reporter is looked up for SUP-5's e-mail).
    const lookups = app().double.log.filter((r) => r.path === '/rest/api/3/user');
    expect(lookups.map((r) => new URLSearchParams(r.query).get('accountId'))).not.toContain(null);
    expect(lookups.length).toBeLessThanOrEqual(1);
  });
});
