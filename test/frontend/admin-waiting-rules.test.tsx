/**
 * The admin page's "Relances et décisions automatiques" section, rendered by the real @forge/react
 * reconciler, its `invoke` answered by the real getWaitingRules / setWaitingRules as the admin:
 * open a project, switch a status on, preview what it would do to the requests waiting now, save; a
 * refused value is said in the administrator's words and nothing is stored.
 */
// First: it installs the host's bridge that @forge/react looks for when it loads.
import { bridge, renderRoot, textOf, waitFor, type ForgeDoc } from '../support/ui-kit';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { AdminPage } from '../../src/frontend/admin/AdminPage';
import { rulesKey } from '../../src/waiting/store';
import { DEMO_USERS } from '../double/state';
import { ADMIN_MODULE, expectNoViolations, startTestApp, type TestApp } from '../support/app';

const ADMIN = { accountId: DEMO_USERS.admin.accountId };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
});
afterAll(() => app.close());
beforeEach(() => {
  bridge.invoke = (functionKey, payload) => app.adminPage(functionKey, payload, ADMIN);
});
afterEach(() => {
  expectNoViolations(app.double);
  app.forge.kvs.entries.delete(rulesKey('SUP'));
  bridge.calls.length = 0;
});

const all = (node: ForgeDoc): ForgeDoc[] => [node, ...node.children.flatMap(all)];
function byTestId(root: ForgeDoc, id: string): ForgeDoc {
  const found = all(root).find((n) => n.props.testId === id);
  if (!found) throw new Error(`nothing with testId ${id} in ${JSON.stringify(textOf(root))}`);
  return found;
}
const has = (root: ForgeDoc, id: string): boolean => all(root).some((n) => n.props.testId === id);
const click = (node: ForgeDoc): void => (node.props.onClick as () => void)();
const change = (node: ForgeDoc, target: Record<string, unknown>): void =>
  (node.props.onChange as (event: { target: Record<string, unknown> }) => void)({ target });

async function openRules(): Promise<ForgeDoc> {
  bridge.context = { locale: 'fr-FR', moduleKey: ADMIN_MODULE, extension: { type: 'jira:adminPage' } };
  const root = await renderRoot(() =>
    ForgeReconciler.render(
      <I18nProvider>
        <AdminPage />
      </I18nProvider>,
    ),
  );
  await waitFor(() => expect(has(root, 'waiting-SUP')).toBe(true), 15_000);
  click(byTestId(root, 'waiting-SUP'));
  await waitFor(() => expect(has(root, 'waiting-rules')).toBe(true));
  return root;
}

it('previews then saves the rules of a project', async () => {
  const root = await openRules();
  expect(textOf(byTestId(root, 'waiting'))).toContain('Relances et décisions automatiques');
  // Off by default: nothing waits to be reminded or closed.
  expect(textOf(byTestId(root, 'waiting-preview'))).toContain('« En attente du client');
  expect(textOf(byTestId(root, 'waiting-preview'))).not.toContain('Relancées');
  change(byTestId(root, 'waiting-waiting_customer-on'), { checked: true });
  await waitFor(() => expect(has(root, 'waiting-waiting_customer-remind')).toBe(true));
  change(byTestId(root, 'waiting-waiting_customer-remind'), { value: '2' });
  change(byTestId(root, 'waiting-waiting_customer-outcome'), { value: '5' });
  click(byTestId(root, 'waiting-preview-button'));
  await waitFor(() =>
    expect(textOf(byTestId(root, 'waiting-preview'))).toContain('Clôturées sans réponse : 1'),
  );
  expect(textOf(byTestId(root, 'waiting-preview'))).toContain('Relancées : 1');
  expect(app.forge.kvs.peek(rulesKey('SUP'))).toBeUndefined();

  click(byTestId(root, 'waiting-save'));
  await waitFor(() => expect(has(root, 'waiting-saved')).toBe(true));
  expect((app.forge.kvs.peek(rulesKey('SUP')) as { rules: unknown }).rules).toEqual({
    workingDays: true,
    timeZone: 'Europe/Brussels',
    waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 },
    waiting_approval: null,
  });
});

it('says why a value is refused, and stores nothing', async () => {
  const root = await openRules();
  change(byTestId(root, 'waiting-waiting_customer-on'), { checked: true });
  await waitFor(() => expect(has(root, 'waiting-waiting_customer-remind')).toBe(true));
  change(byTestId(root, 'waiting-waiting_customer-remind'), { value: '12' });
  change(byTestId(root, 'waiting-waiting_customer-outcome'), { value: '10' });
  click(byTestId(root, 'waiting-save'));
  await waitFor(() => expect(has(root, 'waiting-error')).toBe(true));
  expect(textOf(byTestId(root, 'waiting-error'))).toBe(
    'Les relances doivent venir avant la décision automatique : « remindAfterDays » doit être plus petit que « waiting_customer.closeAfterDays ».',
  );
  expect(app.forge.kvs.peek(rulesKey('SUP'))).toBeUndefined();
});
