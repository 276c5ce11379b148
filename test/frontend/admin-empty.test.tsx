/**
 * The admin page on a site with no service project, rendered by the real @forge/react reconciler with
 * the fake bridge of test/support/ui-kit.ts and the real resolvers: the person reads that there is no
 * project, in a Text of the tree (not in the table's `emptyView`, an element the reconciler would pass
 * on unconverted), in each language.
 */
import { bridge, renderRoot, textOf, waitFor, type ForgeDoc } from '../support/ui-kit';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { AdminPage } from '../../src/frontend/admin/AdminPage';
import { DEMO_USERS } from '../double/state';
import { ADMIN_MODULE, expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { message } from '../browser/support';

let app: TestApp;
beforeAll(async () => {
  // A site without any project: a new Jira Service Management site before its first desk.
  app = await startTestApp({ seed: (state) => void (state.projects = []) });
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  bridge.calls.length = 0;
});

const all = (node: ForgeDoc): ForgeDoc[] => [node, ...node.children.flatMap(all)];
const byTestId = (root: ForgeDoc, id: string): ForgeDoc | undefined =>
  all(root).find((n) => n.props.testId === id);

it.each([
  ['fr-FR', 'fr_FR'],
  ['en-US', 'en_US'],
  ['nl-NL', 'nl_NL'],
  ['de-DE', 'de_DE'],
] as const)('says in %s that there is no project, as text a person reads', async (language, locale) => {
  bridge.invoke = (functionKey, payload) =>
    app.adminPage(functionKey, payload, { accountId: DEMO_USERS.admin.accountId });
  bridge.context = { locale, moduleKey: ADMIN_MODULE, extension: { type: 'jira:adminPage' } };
  const root = await renderRoot(() =>
    ForgeReconciler.render(
      <I18nProvider>
        <AdminPage />
      </I18nProvider>,
    ),
  );
  await waitFor(() => expect(byTestId(root, 'projects-empty')).toBeDefined(), 15_000);
  const empty = byTestId(root, 'projects-empty');
  expect(empty?.type).toBe('Text');
  expect(textOf(empty!)).toBe(message(language, 'admin.page.empty'));
  // No prop of the tree holds a React element for the bridge to carry.
  for (const node of all(root))
    for (const value of Object.values(node.props))
      expect(value !== null && typeof value === 'object' && '$$typeof' in value).toBe(false);
});
