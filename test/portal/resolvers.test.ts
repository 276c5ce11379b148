/**
 * The portal resolvers' own part, in the portal's quick suites: the project's words in the caller's
 * language, the automatic outcome the project's rules plan, the actions offered, and the licence
 * (under an inactive one: no actions, no outcome announced, and an action refused before any request).
 * Through the real Forge code and the Jira test double.
 */
import { randomUUID } from 'node:crypto';
import enUS from '../../locales/en-US.json';
import { lookup } from '../../src/i18n/locales';
import type { RequestView } from '../../src/portal/request-view';
import { DEMO_USERS } from '../double/state';
import type { LicenseSetting } from '../harness/forge';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import { SAYS, type ActionAnswer } from '../support/actions';
import { freshRequest } from '../support/submissions';
import { setRules } from '../waiting/support';

const REPORTER = DEMO_USERS.reporter.accountId;
const RULES = { waiting_customer: { remindAfterDays: 2, maxReminders: 2, closeAfterDays: 5 } };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
  await app.adminPage(
    'setGuideTexts',
    { projectKey: 'SUP', texts: { 'en-US': { waiting_customer: { meaning: 'Your turn, please.' } } } },
    { accountId: DEMO_USERS.admin.accountId },
  );
});
afterAll(() => app.close());
afterEach(() => expectNoViolations(app.double));

type View = RequestView & { error?: { code: string; message: string } };

const view = (issueKey: string, payload: unknown, license?: LicenseSetting) =>
  app.portal<View>('getRequestView', payload, {
    accountId: REPORTER,
    issueKey,
    ...(license ? { license } : {}),
  });

describe('the request view', () => {
  it('explains the status in the project’s words, in the caller’s language, and offers its actions', async () => {
    const issue = app.issueIn('waiting_customer');
    const shown = await view(issue.key, { locale: 'en_US' });
    expect(shown.status.texts).toEqual({
      label: lookup(enUS, 'texts.label.waiting_customer'),
      meaning: 'Your turn, please.',
      todo: lookup(enUS, 'status.waiting_customer.todo'),
    });
    expect(shown.actions.map((a) => a.id)).toEqual(['customerAnswered']);
    // No rules yet: no automatic outcome to announce, not even an empty one.
    expect(shown.status).not.toHaveProperty('deadline');
  });

  it('announces the automatic outcome the project’s rules plan, from the date the request entered its status', async () => {
    await setRules(app, 'SUP', RULES);
    const issue = freshRequest(app, 'waiting_customer');
    const shown = await view(issue.key, undefined);
    expect(shown.status.deadline).toEqual({ at: expect.any(String), outcome: expect.any(String) });
    // Five days after it entered the status (or after the rules began, when that came later).
    expect(Date.parse(shown.status.deadline?.at ?? '')).toBeGreaterThan(
      issue.statusChangedAt + 4 * 86_400_000,
    );
  });

  it.each<LicenseSetting>(['inactive', 'evaluation-ended'])(
    'under the licence %s: the status and its words, but no action and no outcome announced',
    async (license) => {
      await setRules(app, 'SUP', RULES);
      const issue = freshRequest(app, 'waiting_customer');
      const shown = await view(issue.key, { locale: 'en_US' }, license);
      expect(shown.status.key).toBe('waiting_customer');
      expect(shown.status.texts?.meaning).toBe('Your turn, please.');
      expect(shown.actions).toEqual([]);
      expect(shown.status).not.toHaveProperty('deadline');
    },
  );
});

describe('a customer action under an inactive licence', () => {
  it('is refused neutrally before any Jira request or storage access, the request unchanged', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    app.double.resetLog();
    app.forge.kvs.log.length = 0;
    const answer = await app.portal<ActionAnswer>(
      'performCustomerAction',
      { action: 'customerAnswered', submissionId: randomUUID(), comment: 'Voici.' },
      { accountId: REPORTER, issueKey: issue.key, license: 'inactive' },
    );
    expect(answer).toEqual({ error: { code: 'NOT_AVAILABLE', message: SAYS.ACTION_UNAVAILABLE } });
    expect(jiraCalls(app.double)).toEqual([]);
    expect(app.forge.kvs.log).toEqual([]);
    expect(issue.comments).toEqual([]);
  });

  it('is done as usual under an active licence', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const answer = await app.portal<ActionAnswer>(
      'performCustomerAction',
      { action: 'customerAnswered', submissionId: randomUUID(), comment: 'Voici.' },
      { accountId: REPORTER, issueKey: issue.key, license: 'active' },
    );
    expect(answer.status?.key).toBe('in_progress');
    expect(issue.comments).toHaveLength(1);
  });
});
