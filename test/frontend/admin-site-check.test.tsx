/**
 * The admin page's "Site check" section, rendered by the real @forge/react reconciler: `invoke`
 * reaches the real site-check resolvers through the Forge harness and the Jira double, from the admin
 * page, as the admin. It runs the checks on the project pressed, lays out each check, and sends the
 * test e-mail only when asked, then keeps the answer to "did it arrive?".
 */
import { bridge, findAll, renderRoot, textOf, waitFor, type ForgeDoc } from '../support/ui-kit';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { AdminPage } from '../../src/frontend/admin/AdminPage';
import { ADMIN_MODULE, expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { ADMIN, customerAnswers } from '../sitecheck/helpers';

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

async function openPage(): Promise<ForgeDoc> {
  bridge.context = { locale: 'fr-FR', moduleKey: ADMIN_MODULE, extension: { type: 'jira:adminPage' } };
  const root = await renderRoot(() =>
    ForgeReconciler.render(
      <I18nProvider>
        <AdminPage />
      </I18nProvider>,
    ),
  );
  await waitFor(() => expect(has(root, 'sitecheck-last')).toBe(true), 15_000);
  return root;
}

const invoked = (): string[] =>
  bridge.calls
    .filter((c) => c.command === 'invoke')
    .map((c) => (c.data as { functionKey: string }).functionKey);

describe("the admin page's site check", () => {
  it('says no check has been made, runs one on the project pressed, and shows each check', async () => {
    const root = await openPage();
    const section = byTestId(root, 'sitecheck');
    expect(textOf(findAll(section, 'Heading')[0]!)).toBe('Vérification du site');
    expect(textOf(byTestId(root, 'sitecheck-last'))).toBe(
      "Aucune vérification n'a encore été faite sur ce site.",
    );
    expect(invoked()).toContain('siteCheckLast');
    expect(invoked()).not.toContain('siteCheckRun');
    expect(invoked()).not.toContain('siteCheckSendMail');

    await customerAnswers(app);
    click(byTestId(root, 'sitecheck-run-SUP'));
    await waitFor(() => expect(has(root, 'sitecheck-workflow')).toBe(true), 15_000);
    const comments = byTestId(root, 'sitecheck-comments');
    expect(textOf(findAll(comments, 'Heading')[0]!)).toBe('Commentaires publics');
    expect(textOf(findAll(comments, 'Lozenge')[0]!)).toBe("Géré par l'application");
    expect(textOf(comments)).toContain("Ce que l'application suppose : Les mots d'un client");
    expect(textOf(comments)).toMatch(/Constaté le .* UTC :/);
    expect(textOf(comments)).toContain('Conséquence : Les clients voient les mots');
    expect(textOf(byTestId(root, 'sitecheck-last'))).toMatch(
      /^Dernière vérification : .*, avec le projet SUP\.$/,
    );
    expect(app.double.state.notifications).toEqual([]);
  });

  it('sends the test e-mail only when asked, to the request named, then keeps whether it arrived', async () => {
    const root = await openPage();
    // The last check is shown again on a new visit.
    await waitFor(() => expect(has(root, 'sitecheck-storage')).toBe(true));
    expect(byTestId(root, 'sitecheck-mail-send').props.isDisabled).toBe(true);
    // Claire, a portal-only customer, reports every demo request.
    const issueKey = app.issueIn('resolved').key;
    (byTestId(root, 'sitecheck-request').props.onChange as (e: { target: { value: string } }) => void)({
      target: { value: ` ${issueKey.toLowerCase()} ` },
    });
    await waitFor(() => expect(byTestId(root, 'sitecheck-mail-send').props.isDisabled).toBe(false));
    expect(app.double.state.notifications).toEqual([]);
    click(byTestId(root, 'sitecheck-mail-send'));

    await waitFor(() => expect(has(root, 'sitecheck-mail-yes')).toBe(true));
    expect(app.double.state.notifications).toHaveLength(1);
    expect(textOf(byTestId(root, 'sitecheck-mail-result'))).toContain(
      `Jira a accepté l'e-mail destiné au demandeur de ${issueKey} (réponse 204)`,
    );
    expect(textOf(byTestId(root, 'sitecheck-mail-result'))).toContain("L'e-mail est-il arrivé ?");
    click(byTestId(root, 'sitecheck-mail-yes'));
    await waitFor(() => expect(has(root, 'sitecheck-mail-yes')).toBe(false));
    expect(textOf(byTestId(root, 'sitecheck-mail-result'))).toMatch(
      /Vous avez confirmé le .* que l'e-mail est arrivé/,
    );
    expect(app.forge.kvs.peek('sitecheck:mail')).toMatchObject({ confirmation: { arrived: true } });
  });
});
