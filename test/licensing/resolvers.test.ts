/**
 * Licensing through the real resolvers, the Forge harness and the Jira double: with no license object
 * (free app, development installation), an active or an evaluation license everything works as
 * before; under an inactive one no resolver writes anything (no Jira request at all for the writes,
 * no storage write), the reads still answer, the admin page learns why, the agent panel is told in
 * one line, and customers see their request without actions and never read a licensing word.
 */
import { randomUUID } from 'node:crypto';
import Resolver from '@forge/resolver';
import { getAppContext } from '@forge/api';
import { SUPPORTED_LOCALES } from '../../src/i18n/locales';
import type { RequestView } from '../../src/portal/request-view';
import { DEMO_USERS } from '../double/state';
import { LICENSES, type LicenseSetting, type ResolverHandler } from '../harness/forge';
import { expectNoViolations, startTestApp, writesIn, type TestApp } from '../support/app';
import { setRules } from '../waiting/support';

const ADMIN = DEMO_USERS.admin.accountId;
const REPORTER = DEMO_USERS.reporter.accountId;
const RULES = { waiting_customer: { remindAfterDays: 2, maxReminders: 2, closeAfterDays: 5 } };

/** The refusal the administrator reads, in each language (locales/*.json, licensing.admin.refused). */
const REFUSED: Record<string, string> = {
  'fr-FR':
    "La licence de Guide des statuts n'est pas active sur ce site : rien ne peut être enregistré ni modifié. Activez ou renouvelez l'abonnement dans la gestion des applications de Jira.",
  'en-US':
    "The Guide des statuts license is not active on this site: nothing can be saved or changed. Activate or renew the subscription in Jira's app management.",
  'nl-NL':
    'De licentie van Guide des statuts is niet actief op deze site: er kan niets worden opgeslagen of gewijzigd. Activeer of verleng het abonnement in het appbeheer van Jira.',
  'de-DE':
    'Die Lizenz von Guide des statuts ist auf dieser Site nicht aktiv: Es kann nichts gespeichert oder geändert werden. Aktivieren oder verlängern Sie das Abonnement in der App-Verwaltung von Jira.',
};

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
  app.configureDemoProject();
  await setRules(app, 'SUP', RULES);
  app.double.resetLog();
  app.forge.kvs.log.length = 0;
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
});

const storageWrites = (): string[] =>
  app.forge.kvs.log.filter((e) => e.op !== 'get' && e.op !== 'query').map((e) => `${e.op} ${e.key}`);

const view = (license: LicenseSetting, locale = 'fr-FR') =>
  app.portal<RequestView>(
    'getRequestView',
    { locale },
    { accountId: REPORTER, issueKey: app.issueIn('waiting_customer').key, license },
  );

const answerOnPortal = (license: LicenseSetting, locale = 'fr-FR') =>
  app.portal<{ status?: { key: string }; error?: { code: string; message: string } }>(
    'performCustomerAction',
    { action: 'customerAnswered', submissionId: randomUUID(), comment: 'Voici ma réponse.', locale },
    { accountId: REPORTER, issueKey: app.issueIn('waiting_customer').key, license },
  );

describe.each<LicenseSetting>(['absent', 'active', 'evaluation'])('with the license %s', (license) => {
  it('offers the actions and the automatic outcome, performs an action and saves settings as before', async () => {
    const shown = await view(license);
    expect(shown.actions.length).toBeGreaterThan(0);
    expect(shown.status.deadline).toBeDefined();
    expect(await answerOnPortal(license)).toEqual({
      status: expect.objectContaining({ key: 'in_progress' }),
    });
    expect(writesIn(app.double).length).toBeGreaterThan(0);
    const saved = await app.adminPage<{ statuses?: string[] }>(
      'setMailSettings',
      { projectKey: 'SUP', statuses: ['resolved'] },
      { accountId: ADMIN, license },
    );
    expect(saved.statuses).toEqual(['resolved']);
    const listed = await app.adminPage<{ licence?: unknown }>(
      'adminListProjects',
      {},
      { accountId: ADMIN, license },
    );
    expect(listed).not.toHaveProperty('licence');
  });
});

describe.each<LicenseSetting>(['inactive', 'evaluation-ended', { type: 'commercial' }])(
  'under the license %j',
  (license) => {
    it('shows customers their status and its explanation, without actions or automatic outcome, in no licensing words', async () => {
      for (const locale of SUPPORTED_LOCALES) {
        const shown = await view(license, locale);
        expect(shown.status.key).toBe('waiting_customer');
        expect(shown.status.texts?.meaning).toBeTruthy();
        expect(shown.actions).toEqual([]);
        expect(shown.status).not.toHaveProperty('deadline');
        expect(JSON.stringify(shown)).not.toMatch(/licen[cs]|lizenz|abonne|subscription/i);
      }
      expect(writesIn(app.double)).toEqual([]);
      expect(storageWrites()).toEqual([]);
    });

    it('refuses a customer action neutrally, before any request, in each language', async () => {
      const issue = app.issueIn('waiting_customer');
      const before = { statusId: issue.statusId, comments: issue.comments.length };
      for (const locale of SUPPORTED_LOCALES) {
        const answer = await answerOnPortal(license, locale);
        expect(answer.error?.code).toBe('NOT_AVAILABLE');
        expect(answer.error?.message).not.toMatch(/licen[cs]|lizenz|abonne|subscription/i);
      }
      expect((await answerOnPortal(license)).error?.message).toBe(
        "Cette action n'est pas disponible pour le moment. Votre demande n'a pas été modifiée.",
      );
      expect(app.double.log).toEqual([]);
      expect(app.forge.kvs.log).toEqual([]);
      expect({ statusId: issue.statusId, comments: issue.comments.length }).toEqual(before);
    });

    it.each([
      ['adminInstall', { projectKey: 'SUP' }],
      ['adminInstallProgress', { projectKey: 'SUP', taskId: '10001' }],
      ['setMailSettings', { projectKey: 'SUP', statuses: ['resolved'] }],
      ['setGuideTexts', { projectKey: 'SUP', texts: { 'fr-FR': { open: { meaning: 'Bonjour' } } } }],
      ['setWaitingRules', { projectKey: 'SUP', rules: RULES }],
      ['siteCheckRun', { projectKey: 'SUP' }],
      ['siteCheckSendMail', { requestKey: 'SUP-1' }],
      ['siteCheckConfirmMail', { arrived: 'yes' }],
    ])('refuses %s, saying why, without a request or a storage write', async (functionKey, payload) => {
      for (const locale of SUPPORTED_LOCALES) {
        const answer = await app.adminPage(
          functionKey,
          { ...payload, locale },
          { accountId: ADMIN, license },
        );
        expect(answer).toEqual({ error: { code: 'NOT_AVAILABLE', message: REFUSED[locale] } });
      }
      expect(app.double.log).toEqual([]);
      expect(app.forge.kvs.log).toEqual([]);
      expect(app.double.state.notifications).toEqual([]);
    });

    it('still answers the reads, and the admin page learns why nothing can be saved', async () => {
      const as = { accountId: ADMIN, license };
      const listed = await app.adminPage<{ projects: unknown[]; licence?: { title: string; body: string } }>(
        'adminListProjects',
        { locale: 'en-US' },
        as,
      );
      expect(listed.projects.length).toBeGreaterThan(0);
      expect(listed.licence?.title).toBe('The Guide des statuts license is not active on this site');
      expect(listed.licence?.body).toContain('renew the subscription');
      const preview = await app.adminPage<{ canInstall: boolean; blockers: string[] }>(
        'adminPreview',
        { projectKey: 'SUP', locale: 'en-US' },
        as,
      );
      expect(preview.canInstall).toBe(false);
      expect(preview.blockers[0]).toBe(REFUSED['en-US']);
      for (const [functionKey, payload] of [
        ['adminCheck', { projectKey: 'SUP' }],
        ['getMailSettings', { projectKey: 'SUP' }],
        ['getGuideTexts', { projectKey: 'SUP' }],
        ['getWaitingRules', { projectKey: 'SUP' }],
        ['siteCheckLast', {}],
      ] as const)
        expect(await app.adminPage(functionKey, payload, as)).not.toHaveProperty('error');
      expect(writesIn(app.double)).toEqual([]);
      expect(storageWrites()).toEqual([]);
    });

    it('tells the agent briefly, and announces no reminder or outcome that will not come', async () => {
      const help = await app.issueView<{ licence?: string; waiting?: unknown; status: { key: string } }>(
        'getStatusHelp',
        { locale: 'fr-FR' },
        { accountId: DEMO_USERS.agent.accountId, issueKey: app.issueIn('waiting_customer').key, license },
      );
      expect(help.status.key).toBe('waiting_customer');
      expect(help.licence).toBe('inactive');
      expect(help).not.toHaveProperty('waiting');
      expect(writesIn(app.double)).toEqual([]);
    });
  },
);

it('the agent panel of an active installation has no notice', async () => {
  const help = await app.issueView<{ licence?: string; waiting?: unknown }>(
    'getStatusHelp',
    { locale: 'fr-FR' },
    {
      accountId: DEMO_USERS.agent.accountId,
      issueKey: app.issueIn('waiting_customer').key,
      license: 'active',
    },
  );
  expect(help).not.toHaveProperty('licence');
  expect(help.waiting).toBeDefined();
});

it("the harness gives the invocation's license to the resolver context and the runtime alike, as the platform does", async () => {
  const probe = new Resolver();
  probe.define('probe', ({ context }) => ({
    context: context.license ?? null,
    app: getAppContext().license ?? null,
  }));
  const run = probe.getDefinitions() as unknown as ResolverHandler;
  const seen = (license?: LicenseSetting) =>
    app.forge.invoke(run, 'probe', {}, { accountId: ADMIN, ...(license ? { license } : {}) });
  expect(await seen()).toEqual({ context: null, app: null });
  expect(await seen('inactive')).toEqual({ context: LICENSES.inactive, app: LICENSES.inactive });
  app.forge.appContext.license = LICENSES.active;
  expect(await seen()).toEqual({ context: LICENSES.active, app: LICENSES.active });
  expect(await seen('absent')).toEqual({ context: null, app: null });
});
