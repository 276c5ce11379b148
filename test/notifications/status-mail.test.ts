/**
 * The status e-mail trigger through the real Forge code and the Jira test double: events shaped as
 * the platform delivers `avi:jira:updated:issue`, Jira's /notify recorded by the double.
 */
import { STATUS_KEYS, getStatus, type StatusKey } from '../../src/workflow';
import { DEMO_USERS, findIssue, type DoubleIssue, type DoubleNotification } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import {
  ENTERED_BY,
  deliver,
  issueUpdatedEvent,
  moveIssue,
  requestMovedBy,
  summaryEditEvent,
} from '../support/events';

let app: TestApp;
let info: jest.SpyInstance;
let warn: jest.SpyInstance;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => {
  info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
  app.double.state.outgoingMailDisabled = false;
  jest.restoreAllMocks();
});

const SENDING: readonly StatusKey[] = ['in_progress', 'waiting_customer', 'resolved', 'waiting_approval'];

/** A request the agent just moved into `status`, and the event Jira raised for it. */
function movedInto(status: StatusKey, options: { reporter?: string; summary?: string } = {}) {
  const transition = ENTERED_BY[status];
  if (!transition) throw new Error(`no transition enters ${status}`);
  const issue = requestMovedBy(app.double.state, transition, options);
  return { issue, event: issueUpdatedEvent(app.double.state, issue.key) };
}

const mailsFor = (issue: DoubleIssue): DoubleNotification[] =>
  app.double.state.notifications.filter((n) => n.issueKey === issue.key);

/** Everything the app logged, for the no-personal-data checks. */
const logged = (): string =>
  [...info.mock.calls, ...warn.mock.calls].map((args: unknown[]) => args.map(String).join(' ')).join('\n');

describe('which status changes send an e-mail', () => {
  const entered = STATUS_KEYS.filter((k) => ENTERED_BY[k] !== undefined);

  it.each(entered)('entering %s', async (status) => {
    const { issue, event } = movedInto(status);
    app.double.resetLog();
    const outcome = await deliver(app, event);

    if (SENDING.includes(status)) {
      expect(outcome).toBe('sent');
      expect(mailsFor(issue)).toEqual([
        expect.objectContaining({
          senderAccountId: DEMO_USERS.app.accountId,
          recipients: [DEMO_USERS.reporter.accountId],
          to: { reporter: true },
          subject: `Votre demande ${issue.key} : ${getStatus(status).name}`,
        }),
      ]);
      // Jira requests per e-mail: the request, the reporter's locale, the e-mail.
      expect(jiraCalls(app.double)).toEqual([
        `GET /rest/servicedeskapi/request/${issue.key}`,
        `GET /rest/api/3/user`,
        `POST /rest/api/3/issue/${issue.key}/notify`,
      ]);
      expect(app.double.log.every((e) => e.principal === 'app')).toBe(true);
    } else {
      expect(outcome).toBe('not-configured');
      expect(mailsFor(issue)).toEqual([]);
      expect(app.double.log).toEqual([]);
    }
  });

  it('says what the status means, what to do and where, in the portal words', async () => {
    const { issue, event } = movedInto('waiting_customer');
    await deliver(app, event);
    const [mail] = mailsFor(issue);
    const link = `${app.double.url}/servicedesk/customer/portal/1/${issue.key}`;
    expect(mail?.textBody).toContain(
      `Votre demande ${issue.key} « ${issue.summary} » est passée au statut « En attente du client ».`,
    );
    expect(mail?.textBody).toContain("L'équipe attend une réponse de votre part pour continuer.");
    expect(mail?.textBody).toContain('Une réponse de votre part est attendue. Lisez le dernier message');
    expect(mail?.textBody).toContain(`Pour répondre, rendez-vous sur le portail client : ${link}`);
    expect(mail?.htmlBody).toContain(`<a href="${link}">${link}</a>`);
    expect(mail?.htmlBody).toContain('<strong>Une réponse de votre part est attendue.</strong>');
  });

  it('only invites to follow the request when the customer need not act', async () => {
    const { issue, event } = movedInto('resolved');
    await deliver(app, event);
    const text = mailsFor(issue)[0]?.textBody ?? '';
    expect(text).toContain('Vous pouvez suivre votre demande sur le portail client : ');
    expect(text).not.toContain('Une réponse de votre part est attendue.');
  });

  it('costs no Jira request for an update that changes no status', async () => {
    const { issue } = movedInto('in_progress');
    app.double.resetLog();
    expect(await deliver(app, summaryEditEvent(app.double.state, issue.key, 'Nouveau titre'))).toBe(
      'ignored',
    );
    expect(app.double.log).toEqual([]);
    expect(mailsFor(issue)).toEqual([]);
  });

  it('ignores a status outside the workflow', async () => {
    const { issue, event } = movedInto('in_progress');
    const item = event.changelog.items[0]!;
    item.to = '19999';
    item.toString = 'Waiting for support';
    app.double.resetLog();
    expect(await deliver(app, event)).toBe('outside-workflow');
    expect(app.double.log).toEqual([]);
    expect(mailsFor(issue)).toEqual([]);
  });

  it('sends nothing when the request has already moved on to another status', async () => {
    const { issue, event } = movedInto('in_progress');
    // The agent asked for information before the first event arrived.
    moveIssue(app.double.state, issue, 'requestInformation');
    expect(await deliver(app, event)).toBe('moved-on');
    expect(mailsFor(issue)).toEqual([]);
  });
});

describe('the same change delivered twice', () => {
  it('sends one e-mail when the platform redelivers the event', async () => {
    const { issue, event } = movedInto('in_progress');
    expect(await deliver(app, event)).toBe('sent');
    app.double.resetLog();
    expect(await deliver(app, event)).toBe('duplicate');
    expect(app.double.log).toEqual([]);
    expect(mailsFor(issue)).toHaveLength(1);
  });

  it('sends one e-mail when two deliveries race', async () => {
    const { issue, event } = movedInto('resolved');
    const outcomes = await Promise.all([deliver(app, event), deliver(app, event), deliver(app, event)]);
    expect(outcomes.sort()).toEqual(['duplicate', 'duplicate', 'sent']);
    expect(mailsFor(issue)).toHaveLength(1);
  });

  it.each([
    ['KEY_CONFLICT', 409],
    ['CONFLICT', 409],
    ['', 409],
  ])('recognises a refused claim by its 409 whatever its code (%j)', async (code, status) => {
    app.forge.kvs.conflict = { status, code };
    try {
      const { issue, event } = movedInto('resolved');
      const outcomes = await Promise.all([deliver(app, event), deliver(app, event)]);
      expect(outcomes.sort()).toEqual(['duplicate', 'sent']);
      expect(mailsFor(issue)).toHaveLength(1);
    } finally {
      app.forge.kvs.conflict = { status: 409, code: 'KEY_CONFLICT' };
    }
  });

  it('still tells two changes to the same status apart', async () => {
    const { issue, event } = movedInto('waiting_customer');
    await deliver(app, event);
    // The customer answers by phone, the agent records it, then asks again.
    moveIssue(app.double.state, issue, 'customerAnswered');
    moveIssue(app.double.state, issue, 'requestInformation');
    expect(await deliver(app, issueUpdatedEvent(app.double.state, issue.key))).toBe('sent');
    expect(mailsFor(issue)).toHaveLength(2);
  });
});

describe("the reporter's language", () => {
  it.each([
    [
      'nl_NL',
      DEMO_USERS.participant.accountId,
      'Uw aanvraag',
      'Het team wacht op uw antwoord',
      'Wacht op uw antwoord',
    ],
    [
      'de_DE',
      DEMO_USERS.otherCustomer.accountId,
      'Ihre Anfrage',
      'Das Team wartet auf Ihre Antwort',
      'Wartet auf Ihre Antwort',
    ],
    [
      'en_US',
      DEMO_USERS.atlassianCustomer.accountId,
      'Your request',
      'The team is waiting for your answer',
      'Waiting for your answer',
    ],
  ])(
    'writes in %s, naming the status in that language beside JSM’s name',
    async (_, reporter, subject, meaning, local) => {
      const { issue, event } = movedInto('waiting_customer', { reporter });
      await deliver(app, event);
      const [mail] = mailsFor(issue);
      expect(mail?.recipients).toEqual([reporter]);
      expect(mail?.subject).toBe(`${subject} ${issue.key}: En attente du client (${local})`);
      expect(mail?.textBody).toMatch(new RegExp(`En attente du client. \\(${local}\\)\\.`));
      expect(mail?.textBody).toContain(meaning);
      expect(mail?.htmlBody).toContain(meaning);
    },
  );

  it('falls back to French for a language the app does not speak', async () => {
    const user = app.double.state.users.find((u) => u.accountId === DEMO_USERS.otherCustomer.accountId)!;
    user.locale = 'ja_JP';
    try {
      const { issue, event } = movedInto('resolved', { reporter: user.accountId });
      await deliver(app, event);
      expect(mailsFor(issue)[0]?.subject).toBe(`Votre demande ${issue.key} : Résolu`);
    } finally {
      user.locale = 'de_DE';
    }
  });

  it('falls back to French, and still sends, when Jira cannot say', async () => {
    const { issue, event } = movedInto('resolved', { reporter: DEMO_USERS.otherCustomer.accountId });
    app.double.faults.add({ method: 'GET', path: '/rest/api/3/user', status: 500 });
    expect(await deliver(app, event)).toBe('sent');
    expect(mailsFor(issue)[0]?.subject).toBe(`Votre demande ${issue.key} : Résolu`);
  });
});

describe('escaping what people typed', () => {
  it('escapes the summary in HTML and keeps it as typed in the text', async () => {
    const summary = 'Erreur <script>alert("x")</script> & paiement <b>refusé</b>';
    const { issue, event } = movedInto('in_progress', { summary });
    await deliver(app, event);
    const [mail] = mailsFor(issue);
    expect(mail?.htmlBody).toContain(
      '« Erreur &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; paiement &lt;b&gt;refusé&lt;/b&gt; »',
    );
    expect(mail?.htmlBody).not.toMatch(/<script|<b>/);
    expect(mail?.textBody).toContain(`« ${summary} »`);
    expect(mail?.subject).not.toContain('<');
  });
});

describe('when Jira refuses or fails', () => {
  it('logs a refused e-mail without personal data and does not retry it', async () => {
    app.double.state.outgoingMailDisabled = true;
    const { issue, event } = movedInto('waiting_approval', { summary: 'Projet confidentiel de Claire' });
    expect(await deliver(app, event)).toBe('refused');
    expect(mailsFor(issue)).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      `status-mail: Jira refused the e-mail for ${issue.key} (waiting_approval): 403 forbidden`,
    );
    for (const secret of ['Claire', 'confidentiel', '@', DEMO_USERS.reporter.accountId])
      expect(logged()).not.toContain(secret);
    // A refusal is final: a redelivery does not ask again.
    app.double.resetLog();
    expect(await deliver(app, event)).toBe('duplicate');
    expect(app.double.log).toEqual([]);
  });

  it('waits and retries after a 429, then sends once', async () => {
    const { issue, event } = movedInto('in_progress');
    app.double.faults.add({
      method: 'POST',
      path: `/rest/api/3/issue/${issue.key}/notify`,
      status: 429,
      retryAfterSeconds: 1,
    });
    app.double.resetLog();
    expect(await deliver(app, event)).toBe('sent');
    expect(jiraCalls(app.double).filter((c) => c.endsWith('/notify'))).toHaveLength(2);
    expect(mailsFor(issue)).toHaveLength(1);
  });

  it('sends nothing on a 500, and a redelivery can send it later', async () => {
    const { issue, event } = movedInto('in_progress');
    app.double.faults.add({ method: 'POST', path: `/rest/api/3/issue/${issue.key}/notify`, status: 500 });
    expect(await deliver(app, event)).toBe('failed');
    expect(mailsFor(issue)).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      `status-mail: Jira could not take the e-mail for ${issue.key} (in_progress): 500 server`,
    );
    expect(await deliver(app, event)).toBe('sent');
    expect(mailsFor(issue)).toHaveLength(1);
  });

  it('sends nothing when the request cannot be read, and can be retried', async () => {
    const { issue, event } = movedInto('resolved');
    app.double.faults.add({ method: 'GET', path: `/rest/servicedeskapi/request/${issue.key}`, status: 500 });
    expect(await deliver(app, event)).toBe('failed');
    app.double.faults.clear();
    expect(await deliver(app, event)).toBe('sent');
  });

  it('leaves issues that are not service requests alone', async () => {
    const { issue, event } = movedInto('resolved');
    event.issue.key = 'NOPE-1';
    expect(await deliver(app, event)).toBe('not-a-request');
    expect(mailsFor(issue)).toEqual([]);
    expect(findIssue(app.double.state, 'NOPE-1')).toBeUndefined();
  });
});
