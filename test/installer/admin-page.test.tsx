/**
 * The admin page rendered by the real @forge/react reconciler, with a fake bridge in place of the
 * Jira page: `reconcile` hands over the tree ({type, props, children}, handlers live), `invoke`
 * reaches the real resolvers through the Forge harness and the Jira double, and the translations
 * load from the `__LOCALES__` bundle the manifest describes, as on a site.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLocalesBundle } from '../../scripts/locales-bundle';
import { REPO_ROOT } from '../harness/forge';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { ADMIN, requestsOf } from './helpers';
import { addRequests, addServiceProject } from './sites';

interface ForgeNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeNode[];
}

let app: TestApp;
let root: ForgeNode | undefined;
const bridgeErrors: unknown[] = [];
const realFetch = globalThis.fetch;
let localesDir: string;

/** Every node of the tree, depth first. */
function nodes(node: ForgeNode | undefined): ForgeNode[] {
  return node ? [node, ...node.children.flatMap(nodes)] : [];
}

/** The text a person reads in a node. */
function textOf(node: ForgeNode): string {
  return nodes(node)
    .filter((n) => n.type === 'String')
    .map((n) => String(n.props.text))
    .join(' ');
}

const byTestId = (id: string): ForgeNode | undefined => nodes(root).find((n) => n.props.testId === id);

/** Waits until the page shows what `find` looks for (React renders asynchronously). */
async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline)
      throw new Error(
        `the page never showed ${what}: ${textOf(root ?? { type: 'Root', props: {}, children: [] })}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function click(node: ForgeNode): void {
  const onClick = node.props.onClick;
  if (typeof onClick !== 'function') throw new Error(`${node.type} has no onClick`);
  expect(node.props.isDisabled).not.toBe(true);
  (onClick as () => void)();
}

beforeAll(async () => {
  app = await startTestApp({
    seed: (s) => {
      addServiceProject(s, { key: 'HELP', name: 'Assistance communale' });
      addRequests(s, 'HELP', 'Waiting for customer', 2);
      addRequests(s, 'HELP', 'In Progress', 1, 'incident');
    },
  });
  localesDir = mkdtempSync(join(tmpdir(), 'admin-page-locales-'));
  writeLocalesBundle(REPO_ROOT, localesDir);
  // The bridge fetches its translations from the resource: `./__LOCALES__/<file>.json`.
  globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('./__LOCALES__/'))
      return Promise.resolve(
        new Response(readFileSync(join(localesDir, url.slice(2)), 'utf8'), { status: 200 }),
      );
    return realFetch(input, init);
  };
  const g = globalThis as Record<string, unknown>;
  // @forge/react reports through `self.__bridge`, @forge/bridge through `globalThis.__bridge`.
  g.self = globalThis;
  g.__bridge = {
    callBridge: async (command: string, data: Record<string, unknown>): Promise<unknown> => {
      switch (command) {
        case 'reconcile':
          root = data.forgeDoc as ForgeNode;
          return undefined;
        case 'getContext':
          return {
            locale: 'fr-FR',
            moduleKey: 'guide-des-statuts-admin-page',
            extension: { type: 'jira:adminPage' },
          };
        case 'invoke':
          return app.adminPage(String(data.functionKey), data.payload, ADMIN);
        case 'onError':
          bridgeErrors.push(data.error);
          return undefined;
        default:
          throw new Error(`the fake bridge does not serve ${command}`);
      }
    },
  };
  await import('../../src/frontend/admin-page');
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  rmSync(localesDir, { recursive: true, force: true });
  expectNoViolations(app.double);
  await app.close();
});

it('lists the service projects with where each stands, in French', async () => {
  const table = await waitFor(() => {
    const t = byTestId('projects');
    return t && nodes(t).some((n) => n.type === 'Lozenge') ? t : undefined;
  }, 'the project table');
  const rows = nodes(table).filter((n) => n.type === 'Row');
  expect(rows.map((r) => r.children.map(textOf))).toEqual([
    [
      'Assistance communale (HELP)',
      "Géré par l'entreprise",
      'Non installé',
      "Le workflow « Guide des statuts – HELP » n'existe pas encore.",
      'Aperçu Vérifier',
    ],
    [
      'Support (SUP)',
      "Géré par l'entreprise",
      'Partiellement installé',
      "L'application n'a pas encore enregistré les identifiants du workflow pour le portail.",
      'Aperçu Vérifier',
    ],
  ]);
  expect(
    nodes(table)
      .filter((n) => n.type === 'Lozenge')
      .map((n) => n.props.appearance),
  ).toEqual(['default', 'moved']);
  expect(textOf(root!)).toContain('Installation du workflow');
});

it('previews the exact plan for a project', async () => {
  click(byTestId('preview-HELP')!);
  const preview = await waitFor(() => byTestId('preview'), 'the preview');
  const text = textOf(preview);
  expect(text).toContain('Aperçu pour Assistance communale (HELP)');
  expect(text).toContain(
    "Créer le workflow « Guide des statuts – HELP » avec ses 12 transitions (workflow global, pour un projet géré par l'entreprise).",
  );
  expect(text).toContain('Réutiliser le statut existant « En attente du client ».');
  expect(text).toContain(
    '« Waiting for customer » devient « En attente du client » (demandes concernées : 2).',
  );
  expect(text).toContain('« In Progress » devient « En progression » (demandes concernées : 1).');
  expect(text).toContain('Demandes qui changeront de statut : 3.');
  expect(requestsOf(app).writes).toEqual([]);
});

it('installs from the Install button, shows the migration progress, then the refreshed list', async () => {
  app.double.resetLog();
  click(byTestId('install')!);
  const progress = await waitFor(() => byTestId('install-progress'), 'the migration progress');
  expect(textOf(progress)).toMatch(/Déplacement des demandes existantes : \d+ %/);
  expect(nodes(progress).some((n) => n.type === 'ProgressBar')).toBe(true);

  const done = await waitFor(() => byTestId('install-done'), 'the end of the install');
  expect(textOf(done)).toBe("Le workflow est installé sur HELP. Le portail client l'utilise dès maintenant.");
  await waitFor(
    () =>
      nodes(byTestId('projects')).find(
        (n) =>
          n.type === 'Row' && textOf(n).startsWith('Assistance communale') && textOf(n).includes('Installé'),
      ),
    'HELP as installed',
  );
  expect(requestsOf(app).writes).toEqual([
    'POST /rest/api/3/workflows/create 200',
    'POST /rest/api/3/workflowscheme/update 303',
  ]);
  expect(bridgeErrors).toEqual([]);
}, 30_000);

it('checks a project and says it is in order', async () => {
  click(byTestId('check-HELP')!);
  const check = await waitFor(() => byTestId('check'), 'the check');
  expect(textOf(check)).toContain(
    'Tout est en ordre : le workflow du projet Assistance communale (HELP) correspond au guide.',
  );
});
