/**
 * The admin page's "Textes du guide" editor, rendered by the real @forge/react reconciler with the
 * fake bridge of test/support/ui-kit.ts: `invoke` reaches the real getGuideTexts and setGuideTexts
 * through the Forge harness and the Jira double, from the admin page, as the admin.
 */
import { bridge, renderRoot, textOf, waitFor, type ForgeDoc } from '../support/ui-kit';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import enUS from '../../locales/en-US.json';
import frFR from '../../locales/fr-FR.json';
import { AdminPage } from '../../src/frontend/admin/AdminPage';
import { lookup } from '../../src/i18n/locales';
import { guideTextsKey } from '../../src/texts/store';
import { DEMO_USERS } from '../double/state';
import { ADMIN_MODULE, expectNoViolations, startTestApp, type TestApp } from '../support/app';

const ADMIN = { accountId: DEMO_USERS.admin.accountId };

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
  app.forge.kvs.entries.delete(guideTextsKey('SUP'));
  bridge.calls.length = 0;
});

const all = (node: ForgeDoc): ForgeDoc[] => [node, ...node.children.flatMap(all)];
function byTestId(root: ForgeDoc, id: string): ForgeDoc {
  const found = all(root).find((n) => n.props.testId === id);
  if (!found) throw new Error(`nothing with testId ${id} in ${JSON.stringify(textOf(root))}`);
  return found;
}
const has = (root: ForgeDoc, id: string): boolean => all(root).some((n) => n.props.testId === id);

function click(root: ForgeDoc, id: string): void {
  const node = byTestId(root, id);
  expect(node.props.isDisabled).not.toBe(true);
  (node.props.onClick as () => void)();
}
/** What the host sends when the administrator types: a serialisable event. */
const type = (root: ForgeDoc, id: string, value: string): void =>
  (byTestId(root, id).props.onChange as (event: { target: { value: string } }) => void)({
    target: { value },
  });
const choose = (root: ForgeDoc, id: string, value: string): void =>
  (byTestId(root, id).props.onChange as (option: { label: string; value: string }) => void)({
    label: value,
    value,
  });

const stored = (): unknown => app.forge.kvs.peek(guideTextsKey('SUP'));
const text = (root: ForgeDoc, id: string): string => textOf(byTestId(root, id));

async function openEditor(): Promise<ForgeDoc> {
  bridge.context = { locale: 'fr-FR', moduleKey: ADMIN_MODULE, extension: { type: 'jira:adminPage' } };
  const root = await renderRoot(() =>
    ForgeReconciler.render(
      <I18nProvider>
        <AdminPage />
      </I18nProvider>,
    ),
  );
  await waitFor(() => expect(has(root, 'texts-SUP')).toBe(true), 15_000);
  expect(text(root, 'texts-SUP')).toBe('Modifier les textes de Support (SUP)');
  click(root, 'texts-SUP');
  await waitFor(() => expect(has(root, 'texts-editor')).toBe(true));
  return root;
}

describe("the admin page's guide texts", () => {
  it('shows each default, previews the panel as it is edited, resets a field and saves', async () => {
    const root = await openEditor();
    choose(root, 'texts-locale', 'en-US');
    choose(root, 'texts-status', 'waiting_customer');
    await waitFor(() =>
      expect(text(root, 'texts-preview-meaning')).toBe(lookup(enUS, 'status.waiting_customer.meaning')),
    );
    // Outside French, the status's name in the customer's language, beside JSM's.
    expect(text(root, 'texts-preview')).toContain('En attente du client');
    expect(text(root, 'texts-preview-local')).toBe(lookup(enUS, 'texts.label.waiting_customer'));
    expect(text(root, 'texts-field-meaning')).toContain(
      `Texte par défaut : ${lookup(enUS, 'status.waiting_customer.meaning')}`,
    );
    expect(text(root, 'texts-field-meaning')).toContain('Ce champ utilise le texte par défaut.');
    expect(has(root, 'texts-reset-meaning')).toBe(false);

    type(root, 'texts-input-meaning', 'We need <b>one</b> answer.\nToday.');
    type(root, 'texts-input-label', 'Your turn');
    await waitFor(() =>
      expect(text(root, 'texts-preview-meaning')).toBe('We need <b>one</b> answer.\nToday.'),
    );
    expect(text(root, 'texts-preview-local')).toBe('Your turn');
    expect(text(root, 'texts-field-meaning')).toContain('Texte propre à ce projet.');
    expect(text(root, 'texts-field-meaning')).toContain('33 / 600 caractères');
    expect(has(root, 'texts-unsaved')).toBe(true);
    expect(stored()).toBeUndefined();

    click(root, 'texts-reset-label');
    await waitFor(() => expect(has(root, 'texts-reset-label')).toBe(false));
    expect(text(root, 'texts-preview-local')).toBe(lookup(enUS, 'texts.label.waiting_customer'));

    click(root, 'texts-save');
    await waitFor(() => expect(has(root, 'texts-saved')).toBe(true));
    expect(stored()).toEqual({
      texts: { 'en-US': { waiting_customer: { meaning: 'We need <b>one</b> answer.\nToday.' } } },
    });
    expect(has(root, 'texts-unsaved')).toBe(false);
    expect(JSON.parse(String(byTestId(root, 'texts-export').props.text))).toEqual({
      'en-US': { waiting_customer: { meaning: 'We need <b>one</b> answer.\nToday.' } },
    });
    // In French the panel shows JSM's name alone.
    choose(root, 'texts-locale', 'fr-FR');
    await waitFor(() =>
      expect(text(root, 'texts-preview-meaning')).toBe(lookup(frFR, 'status.waiting_customer.meaning')),
    );
    expect(has(root, 'texts-preview-local')).toBe(false);
  });

  it('refuses a bad import whole, says what is wrong, and imports a good one', async () => {
    const before = { texts: { 'fr-FR': { open: { meaning: 'Bien reçu.' } } } };
    await app.adminPage('setGuideTexts', { projectKey: 'SUP', texts: before.texts }, ADMIN);
    const root = await openEditor();

    type(root, 'texts-import', '{ "fr-FR": ');
    click(root, 'texts-import-button');
    await waitFor(() => expect(has(root, 'texts-error')).toBe(true));
    expect(text(root, 'texts-error')).toMatch(
      /^Ce contenu n'est pas du JSON valide \(.+\)\. Rien n'a été modifié\.$/,
    );

    // A valid locale first, then an unknown status: nothing of it is stored.
    type(
      root,
      'texts-import',
      JSON.stringify({ 'en-US': { open: { meaning: 'Hi' } }, 'fr-FR': { pending: {} } }),
    );
    click(root, 'texts-import-button');
    await waitFor(() => expect(text(root, 'texts-error')).toContain('« pending »'));
    expect(text(root, 'texts-error')).toContain('Statut inconnu dans fr-FR');
    expect(stored()).toEqual(before);

    type(root, 'texts-import', JSON.stringify({ 'nl-NL': { closed: { todo: 'Niets te doen.' } } }));
    click(root, 'texts-import-button');
    await waitFor(() => expect(has(root, 'texts-imported')).toBe(true));
    expect(stored()).toEqual({ texts: { 'nl-NL': { closed: { todo: 'Niets te doen.' } } } });
    expect(JSON.parse(String(byTestId(root, 'texts-export').props.text))).toEqual({
      'nl-NL': { closed: { todo: 'Niets te doen.' } },
    });
  });

  it('saves with one call, showing the texts as the resolver stored them, with no second read', async () => {
    const root = await openEditor();
    const invoked: string[] = [];
    bridge.invoke = (functionKey, payload) => {
      invoked.push(functionKey);
      return app.adminPage(functionKey, payload, ADMIN);
    };
    app.double.resetLog();
    choose(root, 'texts-locale', 'fr-FR');
    choose(root, 'texts-status', 'open');
    // Windows line ends and a trailing blank: stored as the resolver normalizes them.
    type(root, 'texts-input-todo', 'Rien à faire.\r\nMerci.');
    click(root, 'texts-save');
    await waitFor(() => expect(has(root, 'texts-saved')).toBe(true));
    expect(invoked).toEqual(['setGuideTexts']);
    // One administrator check: the save's.
    expect(app.double.log.filter((e) => e.path === '/rest/api/3/mypermissions')).toHaveLength(1);
    expect(JSON.parse(String(byTestId(root, 'texts-export').props.text))).toEqual({
      'fr-FR': { open: { todo: 'Rien à faire.\nMerci.' } },
    });
    expect(has(root, 'texts-unsaved')).toBe(false);
  });
});
