/**
 * Who may run the site check (Jira administrators, from the admin page), what is kept for the next
 * visit, and the test e-mail: sent only when asked, to a portal-only reporter, Jira's answer shown
 * and the administrator's confirmation kept.
 */
import type { SiteCheckView } from '../../src/sitecheck/resolvers';
import { DEMO_USERS, addIssue } from '../double/state';
import {
  adminPageContext,
  expectNoViolations,
  issueViewContext,
  portalContext,
  startTestApp,
  writesIn,
  type TestApp,
} from '../support/app';
import { handler } from '../../src/index';
import type { ResolverHandler } from '../harness/forge';
import { ADMIN, checkOf, customerAnswers, runCheck } from './helpers';

type Refusal = { error: { code: string; message: string } };
const RESOLVERS: [string, Record<string, string>][] = [
  ['siteCheckLast', {}],
  ['siteCheckRun', { projectKey: 'SUP' }],
  ['siteCheckSendMail', { requestKey: 'SUP-1' }],
  ['siteCheckConfirmMail', { arrived: 'yes' }],
];

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
  app.configureDemoProject();
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
});

const sitecheckKeys = (): string[] =>
  [...app.forge.kvs.entries.keys()].filter((k) => k.startsWith('sitecheck:'));
const sendMail = (requestKey: string, locale = 'fr-FR'): Promise<SiteCheckView & Partial<Refusal>> =>
  app.adminPage('siteCheckSendMail', { requestKey, locale }, ADMIN);

describe('who may use the site check', () => {
  it.each(RESOLVERS)(
    'refuses %s to an agent who is not a Jira administrator',
    async (functionKey, payload) => {
      const answer = await app.adminPage<Refusal>(functionKey, payload, {
        accountId: DEMO_USERS.agent.accountId,
      });
      expect(answer.error.code).toBe('NOT_ALLOWED');
      expect(answer.error.message).toBe(
        "La vérification du site est réservée aux administrateurs Jira, depuis la page d'administration de l'application.",
      );
      expect(sitecheckKeys()).toEqual([]);
      expect(app.double.state.notifications).toEqual([]);
    },
  );

  it.each(RESOLVERS)(
    'refuses %s from the portal panel and the issue view, even to an administrator',
    async (functionKey, payload) => {
      const run = handler as unknown as ResolverHandler;
      const issueKey = app.issueIn('waiting_customer').key;
      for (const context of [
        portalContext(issueKey, DEMO_USERS.admin.accountId),
        issueViewContext(issueKey, DEMO_USERS.admin.accountId),
        portalContext(issueKey, DEMO_USERS.reporter.accountId),
      ]) {
        const answer = await app.forge.invoke<Refusal>(run, functionKey, payload, context);
        expect(answer.error.code).toBe('NOT_ALLOWED');
      }
      // Anonymous, from the admin page.
      const anonymous = await app.forge.invoke<Refusal>(run, functionKey, payload, adminPageContext());
      expect(anonymous.error.code).toBe('NOT_ALLOWED');
      expect(app.double.log).toEqual([]);
      expect(sitecheckKeys()).toEqual([]);
    },
  );

  it('refuses payloads it does not expect', async () => {
    for (const payload of [
      { projectKey: 'sup' },
      { projectKey: 'SUP', extra: 'x' },
      {},
      { projectKey: ['SUP'] },
    ]) {
      const answer = await app.adminPage<Refusal>('siteCheckRun', payload, ADMIN);
      expect(answer.error.code).toBe('INVALID_INPUT');
    }
    for (const payload of [{ requestKey: 'SUP-0' }, { requestKey: 'SUP' }, { arrived: 'maybe' }]) {
      const functionKey = 'arrived' in payload ? 'siteCheckConfirmMail' : 'siteCheckSendMail';
      expect((await app.adminPage<Refusal>(functionKey, payload, ADMIN)).error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('the last result', () => {
  it('is empty before the first check, then kept and shown again, in the language of the visit', async () => {
    const before = await app.adminPage<SiteCheckView>('siteCheckLast', {}, ADMIN);
    expect(before).toEqual({ lastRun: null, projectKey: null, checks: [], mail: null });

    await customerAnswers(app);
    const run = await runCheck(app);
    app.double.resetLog();
    const again = await app.adminPage<SiteCheckView>('siteCheckLast', { locale: 'fr-FR' }, ADMIN);
    expect(again).toEqual(run);
    // Reading the kept result asks Jira only who the caller is.
    expect(app.double.log.map((e) => e.path)).toEqual(['/rest/api/3/mypermissions']);

    const english = await app.adminPage<SiteCheckView>('siteCheckLast', { locale: 'en-US' }, ADMIN);
    expect(checkOf(english, 'storage').observed).toEqual([
      'The second write was refused: status 409, code KEY_CONFLICT.',
    ]);
    expect(english.lastRun).toMatch(/^Last check: .*, with project SUP\.$/);
  });
  it('says storage is not answering, rather than "never checked", when the kept result cannot be read', async () => {
    app.forge.kvs.addFault({ op: 'get', key: 'sitecheck:last', mode: 'before' });
    const answer = await app.adminPage<Refusal>('siteCheckLast', {}, ADMIN);
    expect(answer.error).toEqual({
      code: 'JIRA_UNAVAILABLE',
      message: "Le stockage de l'application ne répond pas pour le moment. Réessayez dans un instant.",
    });
  });
});

describe('the test e-mail', () => {
  it("is sent only when asked, to the portal-only reporter of the request named, with Jira's answer", async () => {
    await runCheck(app);
    expect(app.double.state.notifications).toEqual([]);

    const issue = app.issueIn('waiting_customer');
    app.double.resetLog();
    const view = await sendMail(issue.key);
    expect(view.mail).toEqual({
      answer: expect.stringMatching(
        new RegExp(
          `^Le .* UTC, Jira a accepté l'e-mail destiné au demandeur de ${issue.key} \\(réponse 204\\)`,
        ),
      ),
      verdict: 'pending',
      askConfirmation: true,
      consequence: null,
    });
    // One e-mail, to the reporter, in her language; nothing else written to Jira.
    expect(app.double.state.notifications).toHaveLength(1);
    const [mail] = app.double.state.notifications;
    expect(mail?.recipients).toEqual([DEMO_USERS.reporter.accountId]);
    expect(mail?.subject).toBe(`[${issue.key}] E-mail de test de Guide des statuts`);
    expect(writesIn(app.double)).toEqual([`POST /rest/api/3/issue/${issue.key}/notify`]);
    expect(app.double.log).toHaveLength(4);
  });

  it("keeps the administrator's answer: arrived, or not, with what to do", async () => {
    const issueKey = app.issueIn('waiting_customer').key;
    await sendMail(issueKey);
    const arrived = await app.adminPage<SiteCheckView>('siteCheckConfirmMail', { arrived: 'yes' }, ADMIN);
    expect(arrived.mail).toMatchObject({ verdict: 'handled', askConfirmation: false });
    expect(arrived.mail?.consequence).toMatch(/^Vous avez confirmé le .* que l'e-mail est arrivé/);

    const missing = await app.adminPage<SiteCheckView>('siteCheckConfirmMail', { arrived: 'no' }, ADMIN);
    expect(missing.mail).toMatchObject({ verdict: 'act' });
    expect(missing.mail?.consequence).toContain('Décochez leurs statuts sous « E-mails aux clients »');
    // Kept for the next visit.
    const later = await app.adminPage<SiteCheckView>('siteCheckLast', {}, ADMIN);
    expect(later.mail).toEqual(missing.mail);
    expect(app.forge.kvs.peek('sitecheck:mail')).toMatchObject({ confirmation: { arrived: false } });
  });

  it('is refused, with nothing sent, to a reporter who has an Atlassian account', async () => {
    const issue = addIssue(app.double.state, {
      summary: 'Demande de Anna',
      reporter: DEMO_USERS.atlassianCustomer.accountId,
    });
    const answer = await sendMail(issue.key);
    expect(answer.error?.message).toBe(
      "Le demandeur de cette demande n'est pas un client du portail sans compte Atlassian : choisissez une demande d'un tel client. Rien n'a été envoyé.",
    );
    expect(app.double.state.notifications).toEqual([]);
    expect(app.forge.kvs.peek('sitecheck:mail')).toBeUndefined();
  });

  it('says so when the request does not exist, with nothing sent', async () => {
    const answer = await sendMail('SUP-999');
    expect(answer.error?.message).toBe(
      "Cette demande n'existe pas ou n'est pas visible de l'application. Rien n'a été envoyé.",
    );
    expect(app.double.state.notifications).toEqual([]);
  });

  it("shows Jira's refusal when outgoing mail is off, and what to do", async () => {
    app.double.state.outgoingMailDisabled = true;
    const view = await sendMail(app.issueIn('waiting_customer').key);
    expect(view.mail?.verdict).toBe('act');
    expect(view.mail?.answer).toMatch(
      /Jira a refusé l'e-mail destiné au demandeur de .* : réponse 403 \(Outgoing emails are disabled\.\)\.$/,
    );
    expect(view.mail?.askConfirmation).toBe(false);
    expect(view.mail?.consequence).toContain("vérifiez que l'envoi d'e-mails est activé");
    const confirm = await app.adminPage<Refusal>('siteCheckConfirmMail', { arrived: 'yes' }, ADMIN);
    expect(confirm.error.message).toBe("Aucun e-mail de test accepté par Jira n'attend votre confirmation.");
  });

  it('still says the e-mail was handed over when storage cannot keep it', async () => {
    app.forge.kvs.addFault({ op: 'set', key: 'sitecheck:mail', mode: 'before' });
    app.forge.kvs.addFault({ op: 'get', key: 'sitecheck:last', mode: 'before' });
    const view = await sendMail(app.issueIn('resolved').key);
    expect(view.mail?.answer).toContain("Jira a accepté l'e-mail destiné au demandeur de");
    expect(app.double.state.notifications).toHaveLength(1);
  });

  it('says Jira is not answering, and keeps nothing, when the e-mail cannot be handed over', async () => {
    app.double.faults.add({ path: /\/notify$/, status: 503, times: 5 });
    const answer = await sendMail(app.issueIn('waiting_customer').key);
    expect(answer.error?.code).toBe('JIRA_UNAVAILABLE');
    expect(app.forge.kvs.peek('sitecheck:mail')).toBeUndefined();
  });
});
