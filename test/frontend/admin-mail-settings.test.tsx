/**
 * The admin page's "E-mails aux clients" section, rendered by the real @forge/react reconciler with
 * the fake bridge of test/support/ui-kit.ts: `invoke` reaches the real getMailSettings and
 * setMailSettings through the Forge harness and the Jira double, from the admin page, as the admin.
 */
import { bridge, findAll, renderRoot, textOf, waitFor, type ForgeDoc } from '../support/ui-kit';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { AdminPage } from '../../src/frontend/admin/AdminPage';
import { mailSettingsKey } from '../../src/notifications/settings';
import { STATUSES, type StatusKey } from '../../src/workflow';
import { DEMO_USERS } from '../double/state';
import { ADMIN_MODULE, expectNoViolations, startTestApp, type TestApp } from '../support/app';

const ADMIN = { accountId: DEMO_USERS.admin.accountId };
const DEFAULTS: StatusKey[] = ['in_progress', 'waiting_customer', 'resolved', 'waiting_approval'];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => {
  bridge.invoke = (functionKey, payload) => app.adminPage(functionKey, payload, ADMIN);
});
afterEach(() => {
  expectNoViolations(app.double);
  app.forge.kvs.entries.delete(mailSettingsKey('SUP'));
  bridge.calls.length = 0;
});

function all(node: ForgeDoc): ForgeDoc[] {
  return [node, ...node.children.flatMap(all)];
}

function byTestId(root: ForgeDoc, id: string): ForgeDoc {
  const found = all(root).find((n) => n.props.testId === id);
  if (!found) throw new Error(`nothing with testId ${id} in ${JSON.stringify(textOf(root))}`);
  return found;
}

const has = (root: ForgeDoc, id: string): boolean => all(root).some((n) => n.props.testId === id);

function click(node: ForgeDoc): void {
  expect(node.props.isDisabled).not.toBe(true);
  (node.props.onClick as () => void)();
}

/** What the host sends when a box is ticked or unticked: a serialisable event. */
function tick(root: ForgeDoc, key: StatusKey, checked: boolean): void {
  const box = byTestId(root, `mail-status-${key}`);
  expect(box.props.isDisabled).not.toBe(true);
  (box.props.onChange as (event: { target: { checked: boolean } }) => void)({ target: { checked } });
}

/** The boxes as the administrator sees them: label and whether it is ticked, in the workflow's order. */
const boxes = (root: ForgeDoc): [string, boolean][] =>
  findAll(byTestId(root, 'mail-settings'), 'Checkbox').map((c) => [
    String(c.props.label),
    c.props.isChecked === true,
  ]);

const expected = (checked: readonly StatusKey[]): [string, boolean][] =>
  STATUSES.map((s) => [s.name, checked.includes(s.key)]);

/** The admin page in French, after pressing SUP's e-mail settings button; waits for `shows` (the settings). */
async function openSettings(shows = 'mail-settings'): Promise<ForgeDoc> {
  bridge.context = {
    locale: 'fr-FR',
    moduleKey: ADMIN_MODULE,
    extension: { type: 'jira:adminPage' },
  };
  const root = await renderRoot(() =>
    ForgeReconciler.render(
      <I18nProvider>
        <AdminPage />
      </I18nProvider>,
    ),
  );
  await waitFor(() => expect(has(root, 'mail-SUP')).toBe(true), 15_000);
  click(byTestId(root, 'mail-SUP'));
  await waitFor(() => expect(has(root, shows)).toBe(true));
  return root;
}

const stored = (): unknown => app.forge.kvs.peek(mailSettingsKey('SUP'));

describe("the admin page's e-mail settings", () => {
  it('explain where the e-mails go, list each project, and show the four default statuses ticked', async () => {
    const root = await openSettings();
    const section = byTestId(root, 'mail');
    expect(textOf(findAll(section, 'Heading')[0]!)).toBe('E-mails aux clients');
    const check = findAll(section, 'SectionMessage')[0]!;
    expect(check.props.title).toBe('À vérifier sur votre site');
    expect(textOf(check)).toContain(
      "Rien ne garantit que ces e-mails parviennent aux clients qui n'utilisent que le portail",
    );
    expect(textOf(section)).toContain('Jira envoie un e-mail à son demandeur');
    expect(textOf(byTestId(root, 'mail-SUP'))).toBe('Régler les e-mails de Support (SUP)');

    const settings = byTestId(root, 'mail-settings');
    expect(textOf(findAll(settings, 'Heading')[0]!)).toBe('E-mails pour Support (SUP)');
    expect(textOf(settings)).toContain(
      "Rien n'a encore été enregistré pour ce projet : les statuts cochés sont ceux par défaut.",
    );
    expect(boxes(root)).toEqual(expected(DEFAULTS));
    expect(boxes(root).map(([name]) => name)).toEqual([
      'Ouvert',
      'Sélectionné pour traitement',
      'Transféré au développement',
      'En progression',
      'En attente du client',
      'Résolu',
      "En attente d'approbation client",
      'A délivrer',
      'Fermé',
      'ReOuvert',
    ]);
    expect(stored()).toBeUndefined();

    click(byTestId(root, 'mail-close'));
    await waitFor(() => expect(has(root, 'mail-settings')).toBe(false));
    expect(has(root, 'mail-SUP')).toBe(true);
  });

  it('store the statuses left ticked when Save is pressed, and say so', async () => {
    const root = await openSettings();
    tick(root, 'resolved', false);
    tick(root, 'closed', true);
    await waitFor(() =>
      expect(boxes(root)).toEqual(
        expected(['in_progress', 'waiting_customer', 'waiting_approval', 'closed']),
      ),
    );
    click(byTestId(root, 'mail-save'));

    await waitFor(() => expect(has(root, 'mail-saved')).toBe(true));
    expect(textOf(byTestId(root, 'mail-saved'))).toBe('Vos choix pour Support (SUP) sont enregistrés.');
    expect(textOf(byTestId(root, 'mail-settings'))).not.toContain('par défaut');
    expect(stored()).toEqual({ statuses: ['in_progress', 'waiting_customer', 'waiting_approval', 'closed'] });
    expect(await app.adminPage('getMailSettings', { projectKey: 'SUP' }, ADMIN)).toEqual({
      projectKey: 'SUP',
      statuses: ['in_progress', 'waiting_customer', 'waiting_approval', 'closed'],
      isDefault: false,
    });

    // Reopened, the page shows what was saved; a change takes the "saved" message away.
    click(byTestId(root, 'mail-SUP'));
    await waitFor(() => expect(has(root, 'mail-saved')).toBe(false));
    await waitFor(() =>
      expect(boxes(root)).toEqual(
        expected(['in_progress', 'waiting_customer', 'waiting_approval', 'closed']),
      ),
    );
  });

  it('may untick every status, and warn that no e-mail will go out', async () => {
    const root = await openSettings();
    for (const key of DEFAULTS) tick(root, key, false);
    await waitFor(() => expect(has(root, 'mail-none')).toBe(true));
    expect(textOf(byTestId(root, 'mail-none'))).toBe(
      "Aucun statut coché : le demandeur ne recevra aucun e-mail de l'application pour ce projet.",
    );
    click(byTestId(root, 'mail-save'));
    await waitFor(() => expect(has(root, 'mail-saved')).toBe(true));
    expect(stored()).toEqual({ statuses: [] });
  });

  it("show the resolver's message when saving is refused, and keep the administrator's choices", async () => {
    const root = await openSettings();
    // The administrator's rights were withdrawn meanwhile: Jira no longer calls them one.
    bridge.invoke = (functionKey, payload) =>
      app.adminPage(functionKey, payload, { accountId: DEMO_USERS.agent.accountId });
    tick(root, 'resolved', false);
    tick(root, 'to_deliver', true);
    click(byTestId(root, 'mail-save'));

    await waitFor(() => expect(has(root, 'mail-error')).toBe(true));
    expect(textOf(byTestId(root, 'mail-error'))).toBe(
      'Seuls les administrateurs Jira peuvent modifier les e-mails envoyés aux clients.',
    );
    const kept = expected(['in_progress', 'waiting_customer', 'waiting_approval', 'to_deliver']);
    expect(boxes(root)).toEqual(kept);
    expect(has(root, 'mail-saved')).toBe(false);
    expect(stored()).toBeUndefined();

    // Once the call goes through again, the same choices are saved as they were left.
    bridge.invoke = (functionKey, payload) => app.adminPage(functionKey, payload, ADMIN);
    click(byTestId(root, 'mail-save'));
    await waitFor(() => expect(has(root, 'mail-saved')).toBe(true));
    expect(has(root, 'mail-error')).toBe(false);
    expect(stored()).toEqual({
      statuses: ['in_progress', 'waiting_customer', 'waiting_approval', 'to_deliver'],
    });
  });

  it('say so in French when the bridge itself fails, still keeping the choices', async () => {
    const root = await openSettings();
    bridge.invoke = (functionKey, payload) =>
      functionKey === 'setMailSettings'
        ? Promise.reject(new Error('network down'))
        : app.adminPage(functionKey, payload, ADMIN);
    tick(root, 'open', true);
    click(byTestId(root, 'mail-save'));
    await waitFor(() => expect(has(root, 'mail-error')).toBe(true));
    expect(textOf(byTestId(root, 'mail-error'))).toBe(
      "Vos choix n'ont pas pu être enregistrés. Ils restent affichés : réessayez dans quelques instants.",
    );
    expect(boxes(root)).toEqual(expected(['open', ...DEFAULTS]));
    expect(stored()).toBeUndefined();
  });

  it("show the resolver's message when the settings cannot be read", async () => {
    bridge.invoke = (functionKey, payload) =>
      app.adminPage(functionKey, payload, {
        accountId: functionKey === 'getMailSettings' ? DEMO_USERS.agent.accountId : ADMIN.accountId,
      });
    const root = await openSettings('mail-load-error');
    expect(textOf(byTestId(root, 'mail-load-error'))).toBe(
      'Seuls les administrateurs Jira peuvent modifier les e-mails envoyés aux clients.',
    );
    expect(has(root, 'mail-settings')).toBe(false);
  });
});
