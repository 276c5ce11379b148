/**
 * A project's own words where agents and reporters read them: the agent panel (UI Kit, the real
 * reconciler, getStatusHelp through the harness) and the status e-mail (the real trigger), both
 * with an override, which stays plain text.
 */
import { bridge, findAll, renderRoot, textOf, waitFor, type ForgeDoc } from '../support/ui-kit';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import enUS from '../../locales/en-US.json';
import { AgentPanel } from '../../src/frontend/agent/AgentPanel';
import { lookup } from '../../src/i18n/locales';
import { guideTextsKey } from '../../src/texts/store';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { deliver, issueUpdatedEvent, requestMovedBy } from '../support/events';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  expectNoViolations(app.double);
  app.forge.kvs.entries.delete(guideTextsKey('SUP'));
  bridge.calls.length = 0;
  jest.restoreAllMocks();
});

const setTexts = (texts: unknown) =>
  app.adminPage<{ ok?: true }>(
    'setGuideTexts',
    { projectKey: 'SUP', texts },
    { accountId: DEMO_USERS.admin.accountId },
  );

describe('the agent panel', () => {
  it('shows what the customer reads and the team’s note in the project’s words', async () => {
    expect(
      await setTexts({
        'fr-FR': {
          waiting_customer: {
            meaning: 'Nous avons besoin de votre <b>réponse</b>.',
            agent: 'Relancer par téléphone après 3 jours.',
          },
        },
      }),
    ).toMatchObject({ ok: true });
    const issue = requestMovedBy(app.double.state, 'requestInformation');
    bridge.invoke = (functionKey, payload) =>
      app.issueView(functionKey, payload, { accountId: DEMO_USERS.agent.accountId, issueKey: issue.key });
    bridge.context = { locale: 'fr-FR', moduleKey: 'guide-des-statuts-agent-panel' };
    const root: ForgeDoc = await renderRoot(() =>
      ForgeReconciler.render(
        <I18nProvider>
          <AgentPanel />
        </I18nProvider>,
      ),
    );
    await waitFor(() => expect(findAll(root, 'Heading').map(textOf)).toContain("Note pour l'équipe"), 15_000);
    const texts = findAll(root, 'Text').map(textOf);
    expect(texts).toContain('Nous avons besoin de votre <b>réponse</b>.');
    expect(texts).toContain('Relancer par téléphone après 3 jours.');
    // The field left alone keeps its default.
    expect(texts.some((t) => t.startsWith('Lisez le dernier message'))).toBe(true);
  });
});

describe('the status e-mail', () => {
  it('says the project’s words in the reporter’s language, escaped in HTML, line breaks kept', async () => {
    expect(
      await setTexts({
        'en-US': { waiting_customer: { meaning: 'We need <b>one</b> thing & a screenshot.\nThanks!' } },
        'fr-FR': { waiting_customer: { meaning: 'Texte français du service' } },
      }),
    ).toMatchObject({ ok: true });
    const issue = requestMovedBy(app.double.state, 'requestInformation', {
      reporter: DEMO_USERS.atlassianCustomer.accountId,
    });
    await deliver(app, issueUpdatedEvent(app.double.state, issue.key));
    const [mail] = app.double.state.notifications.filter((n) => n.issueKey === issue.key);
    expect(mail?.textBody).toContain('We need <b>one</b> thing & a screenshot.\nThanks!');
    expect(mail?.textBody).toContain(lookup(enUS, 'status.waiting_customer.todo'));
    expect(mail?.textBody).not.toContain('Texte français du service');
    expect(mail?.htmlBody).toContain('We need &lt;b&gt;one&lt;/b&gt; thing &amp; a screenshot.<br>Thanks!');
    expect(mail?.htmlBody).not.toContain('<b>one</b>');
  });
});
