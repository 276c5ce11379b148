/**
 * What the UI Kit screens say about the license, rendered by the real @forge/react reconciler with the
 * fake bridge of test/support/ui-kit.ts, `invoke` answered by the real resolvers through the harness:
 * under an inactive license the admin page says why nothing can be saved (and a save says so again),
 * the agent panel says so in one line; with an active license or none, neither says anything.
 */
import { bridge, findAll, renderRoot, textOf, waitFor, type ForgeDoc } from '../support/ui-kit';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { AdminPage } from '../../src/frontend/admin/AdminPage';
import { AgentPanel } from '../../src/frontend/agent/AgentPanel';
import { DEMO_USERS } from '../double/state';
import type { LicenseSetting } from '../harness/forge';
import {
  ADMIN_MODULE,
  AGENT_MODULE,
  expectNoViolations,
  startTestApp,
  writesIn,
  type TestApp,
} from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  bridge.calls.length = 0;
});

const all = (node: ForgeDoc): ForgeDoc[] => [node, ...node.children.flatMap(all)];
const byTestId = (root: ForgeDoc, id: string): ForgeDoc | undefined =>
  all(root).find((n) => n.props.testId === id);

async function adminPage(license: LicenseSetting, locale: string): Promise<ForgeDoc> {
  bridge.invoke = (functionKey, payload) =>
    app.adminPage(functionKey, payload, { accountId: DEMO_USERS.admin.accountId, license });
  bridge.context = { locale, moduleKey: ADMIN_MODULE, extension: { type: 'jira:adminPage' } };
  const root = await renderRoot(() =>
    ForgeReconciler.render(
      <I18nProvider>
        <AdminPage />
      </I18nProvider>,
    ),
  );
  await waitFor(() => expect(byTestId(root, 'projects')).toBeDefined(), 15_000);
  return root;
}

async function agentPanel(license: LicenseSetting, locale: string): Promise<ForgeDoc> {
  const issue = app.issueIn('waiting_customer');
  bridge.invoke = (functionKey, payload) =>
    app.issueView(functionKey, payload, {
      accountId: DEMO_USERS.agent.accountId,
      issueKey: issue.key,
      license,
    });
  bridge.context = { locale, moduleKey: AGENT_MODULE };
  const root = await renderRoot(() =>
    ForgeReconciler.render(
      <I18nProvider>
        <AgentPanel />
      </I18nProvider>,
    ),
  );
  await waitFor(() => expect(findAll(root, 'Heading').length).toBeGreaterThan(0), 15_000);
  return root;
}

describe('the admin page', () => {
  it.each([
    [
      'fr-FR',
      "La licence de Guide des statuts n'est pas active sur ce site",
      'gestion des applications de Jira',
    ],
    ['en-US', 'The Guide des statuts license is not active on this site', "Jira's app management"],
    ['nl-NL', 'De licentie van Guide des statuts is niet actief op deze site', 'appbeheer van Jira'],
    ['de-DE', 'Die Lizenz von Guide des statuts ist auf dieser Site nicht aktiv', 'App-Verwaltung von Jira'],
  ])('says why nothing can be saved under an inactive license (%s)', async (locale, title, where) => {
    const root = await adminPage('inactive', locale);
    await waitFor(() => expect(byTestId(root, 'licence-inactive')).toBeDefined());
    const notice = byTestId(root, 'licence-inactive');
    expect(notice?.type).toBe('SectionMessage');
    expect(notice?.props.appearance).toBe('warning');
    expect(notice?.props.title).toBe(title);
    expect(textOf(notice!)).toContain(where);
  });

  it('offers no install in the preview under an inactive license, and says why', async () => {
    const root = await adminPage('inactive', 'fr-FR');
    const preview = byTestId(root, 'preview-SUP');
    (preview?.props.onClick as () => void)();
    await waitFor(() => expect(byTestId(root, 'install')).toBeDefined());
    expect(byTestId(root, 'install')?.props.isDisabled).toBe(true);
    expect(textOf(byTestId(root, 'preview')!)).toContain(
      "La licence de Guide des statuts n'est pas active sur ce site : rien ne peut être enregistré ni modifié.",
    );
    expect(writesIn(app.double)).toEqual([]);
  });

  it.each<LicenseSetting>(['absent', 'active', 'evaluation'])(
    'says nothing of licensing with %s',
    async (license) => {
      const root = await adminPage(license, 'fr-FR');
      expect(byTestId(root, 'licence-inactive')).toBeUndefined();
      expect(textOf(root)).not.toMatch(/licence/i);
    },
  );
});

describe('the agent panel', () => {
  it('says in one line that customer actions, e-mails, reminders and automatic decisions are paused, and still explains the status', async () => {
    const root = await agentPanel('inactive', 'fr-FR');
    await waitFor(() => expect(byTestId(root, 'licence-inactive')).toBeDefined());
    expect(textOf(byTestId(root, 'licence-inactive')!)).toBe(
      'Licence inactive : les actions des clients, les e-mails, les relances et les décisions automatiques sont suspendus.',
    );
    expect(textOf(root)).toContain("L'équipe attend une réponse de votre part pour continuer.");
  });

  it('says it in German too', async () => {
    const root = await agentPanel('inactive', 'de-DE');
    await waitFor(() => expect(byTestId(root, 'licence-inactive')).toBeDefined());
    expect(textOf(byTestId(root, 'licence-inactive')!)).toBe(
      'Lizenz nicht aktiv: Kundenaktionen, E-Mails, Erinnerungen und automatische Entscheidungen sind ausgesetzt.',
    );
  });

  it.each<LicenseSetting>(['absent', 'active'])('has no notice with %s', async (license) => {
    const root = await agentPanel(license, 'fr-FR');
    expect(byTestId(root, 'licence-inactive')).toBeUndefined();
  });
});
