/**
 * getRequestView's status.texts through the real Forge code and the Jira test double: the defaults,
 * a project's overrides field by field, the locale matched by language, never the team's note, still
 * one Jira request, and the defaults when storage fails.
 */
import enUS from '../../locales/en-US.json';
import frFR from '../../locales/fr-FR.json';
import nlNL from '../../locales/nl-NL.json';
import { lookup } from '../../src/i18n/locales';
import { guideTextsKey } from '../../src/texts/store';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.forge.kvs.entries.delete(guideTextsKey('SUP'));
});

const set = (texts: unknown) =>
  app.adminPage<{ ok?: true }>(
    'setGuideTexts',
    { projectKey: 'SUP', texts },
    { accountId: DEMO_USERS.admin.accountId },
  );

type View = {
  status?: { key: string | null; name: string; texts?: Record<string, string> };
  error?: unknown;
};

const view = (issueKey: string, locale: string, accountId: string = DEMO_USERS.reporter.accountId) =>
  app.portal<View>('getRequestView', { locale }, { accountId, issueKey });

describe("getRequestView's status.texts", () => {
  it('are the defaults without overrides, in the caller’s language, never with the team’s note', async () => {
    const issue = app.issueIn('waiting_customer');
    expect((await view(issue.key, 'fr_FR')).status?.texts).toEqual({
      label: 'En attente du client',
      meaning: lookup(frFR, 'status.waiting_customer.meaning'),
      todo: lookup(frFR, 'status.waiting_customer.todo'),
    });
    expect((await view(issue.key, 'en_US')).status?.texts).toEqual({
      label: lookup(enUS, 'texts.label.waiting_customer'),
      meaning: lookup(enUS, 'status.waiting_customer.meaning'),
      todo: lookup(enUS, 'status.waiting_customer.todo'),
    });
  });

  it('are the project’s words where it has some, field by field, and cost no more Jira requests', async () => {
    await set({
      'en-US': { waiting_customer: { meaning: 'We need your <b>answer</b>.', agent: 'Internal note' } },
      'nl-NL': { waiting_customer: { label: 'Uw beurt', todo: 'Antwoord ons.' } },
    });
    const issue = app.issueIn('waiting_customer');
    app.double.resetLog();
    expect((await view(issue.key, 'en_US')).status?.texts).toEqual({
      label: lookup(enUS, 'texts.label.waiting_customer'),
      meaning: 'We need your <b>answer</b>.',
      todo: lookup(enUS, 'status.waiting_customer.todo'),
    });
    expect(jiraCalls(app.double)).toEqual([`GET /rest/servicedeskapi/request/${issue.key}`]);
    expect(JSON.stringify(await view(issue.key, 'en_US'))).not.toContain('Internal note');
    // Matched by language: Belgian Dutch reads nl-NL.
    expect((await view(issue.key, 'nl-BE')).status?.texts).toEqual({
      label: 'Uw beurt',
      meaning: lookup(nlNL, 'status.waiting_customer.meaning'),
      todo: 'Antwoord ons.',
    });
  });

  it.each([
    ['fr-BE', 'fr-FR'],
    ['ja-JP', 'fr-FR'],
    ['en-GB', 'en-US'],
  ])('%s reads %s', async (asked, read) => {
    await set({ [read]: { closed: { meaning: `Closed, in ${read}` } } });
    expect((await view(app.issueIn('closed').key, asked)).status?.texts?.meaning).toBe(`Closed, in ${read}`);
  });

  it('still explain the status, with the defaults, when storage cannot be read', async () => {
    await set({ 'fr-FR': { closed: { meaning: 'Mot du service' } } });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    app.forge.kvs.addFault({ op: 'get', key: guideTextsKey('SUP'), mode: 'before' });
    try {
      const answer = await view(app.issueIn('closed').key, 'fr_FR');
      expect(answer.status?.texts?.meaning).toBe(lookup(frFR, 'status.closed.meaning'));
    } finally {
      app.forge.kvs.clearFaults();
      jest.restoreAllMocks();
    }
  });

  it('are absent for a status outside the workflow', async () => {
    const issue = app.issueIn('resolved');
    const foreign = {
      ...app.double.state.statuses[0]!,
      id: '19998',
      name: 'Waiting for support',
      statusCategory: 'TODO' as const,
    };
    app.double.state.statuses.push(foreign);
    const previous = issue.statusId;
    issue.statusId = foreign.id;
    try {
      const answer = await view(issue.key, 'en_US');
      expect(answer.status?.key).toBeNull();
      expect(answer.status).not.toHaveProperty('texts');
    } finally {
      issue.statusId = previous;
    }
  });
});
