/**
 * A workflow that several projects use is never changed from one of them. HELP's scheme uses SUP's
 * "Guide des statuts – SUP", where SUP's administrator renamed a transition on purpose: Install on
 * HELP gives HELP its own completed copy and leaves SUP's workflow exactly as it was, and the preview
 * says so first. Then two projects installed on one workflow, and reruns that write nothing.
 */
import { projectConfigKey, type ProjectWorkflowConfig } from '../../src/shared/project-config';
import { TRANSITION_TAG_PROPERTY, type TransitionId } from '../../src/workflow';
import {
  DEMO_STATUS_IDS,
  DEMO_WORKFLOW_ID,
  DEMO_WORKFLOW_SCHEME_ID,
  findProject,
  statusById,
  type DoubleState,
  type DoubleWorkflow,
} from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { checkOf, installOnce, installToEnd, ok, previewOf, requestsOf } from './helpers';
import { addRequests, addServiceProject, shareWorkflow } from './sites';

let app: TestApp;
afterEach(async () => {
  jest.restoreAllMocks();
  expectNoViolations(app.double);
  await app.close();
});

const supWorkflow = (): DoubleWorkflow => app.double.state.workflows.find((w) => w.id === DEMO_WORKFLOW_ID)!;
const byTag = (w: DoubleWorkflow, tag: TransitionId) =>
  w.transitions.find((t) => t.properties[TRANSITION_TAG_PROPERTY] === tag);

/** The workflow each request type of the project follows. */
function workflowsOf(state: DoubleState, key: string): string[] {
  const project = findProject(state, key)!;
  const scheme = state.workflowSchemes.find((s) => s.id === project.workflowSchemeId)!;
  return project.issueTypeIds.map((id) => scheme.issueTypeMappings[id] ?? scheme.defaultWorkflow);
}

const named = (name: string): DoubleWorkflow | undefined =>
  app.double.state.workflows.find((w) => w.name === name);
const configOf = (key: string) =>
  app.forge.kvs.peek(projectConfigKey(key)) as ProjectWorkflowConfig | undefined;
const usageReads = (): string[] =>
  requestsOf(app).reads.filter((r) => r.includes('/workflowSchemes') || r.includes('projectUsages'));

describe("HELP uses SUP's workflow, where SUP renamed a transition on purpose", () => {
  beforeEach(async () => {
    app = await startTestApp({
      seed: (s) => {
        addServiceProject(s, { key: 'HELP' });
        shareWorkflow(s, 'HELP', DEMO_WORKFLOW_ID);
        addRequests(s, 'HELP', 'En progression', 2);
        addRequests(s, 'HELP', 'En attente du client', 1, 'incident');
      },
    });
    app.configureDemoProject();
    byTag(supWorkflow(), 'customerAnswered')!.name = 'Le client a répondu';
    app.double.resetLog();
  });

  it('previews a copy for HELP, naming SUP, and writes nothing', async () => {
    const view = await previewOf(app, 'HELP');
    // What it costs: the schemes using the workflow, SUP's scheme's projects, SUP's name.
    const reads = requestsOf(app).reads;
    expect(reads.slice(-3)).toEqual([
      `GET /rest/api/3/workflow/${DEMO_WORKFLOW_ID}/workflowSchemes 200`,
      `GET /rest/api/3/workflowscheme/${DEMO_WORKFLOW_SCHEME_ID}/projectUsages 200`,
      'GET /rest/api/3/project/search 200',
    ]);
    expect(reads).toHaveLength(6 + 3);
    expect(view.canInstall).toBe(true);
    expect(view.plan.workflow).toEqual(
      expect.objectContaining({
        action: 'copy',
        name: 'Guide des statuts – HELP',
        copyOf: { id: DEMO_WORKFLOW_ID, name: 'Guide des statuts – SUP' },
        sharedWith: [{ id: '10000', key: 'SUP', name: 'Support' }],
      }),
    );
    expect(view.sections.workflow).toEqual([
      "Le workflow « Guide des statuts – SUP » sert aussi à d'autres projets : Support (SUP). L'installation ne le modifie pas, pour ne rien changer chez eux.",
      'Créer « Guide des statuts – HELP », une copie de « Guide des statuts – SUP » réservée à ce projet (statuts, transitions, règles et écrans repris tels quels), et la compléter :',
      'La transition « Customer answered » a été renommée « Le client a répondu ».',
    ]);
    expect(view.sections.scheme).toEqual([
      'Dans le schéma « HELP: Service Management workflow scheme », appliquer le workflow à : [System] Service request, [System] Incident.',
    ]);
    // The copy has every status of SUP's workflow: the requests keep theirs.
    expect(view.sections.requests).toEqual(['Aucune demande ne change de statut.']);
    const english = await previewOf(app, 'HELP', 'en-US');
    expect(english.sections.workflow[0]).toBe(
      'The workflow “Guide des statuts – SUP” is also used by other projects: Support (SUP). The installation does not change it, so nothing changes for them.',
    );
    expect((await checkOf(app, 'HELP')).findings[0]).toBe(view.sections.workflow[0]);
    expect(requestsOf(app).writes).toEqual([]);
  });

  it("installs HELP's own copy and sends no update to SUP's workflow; a rerun writes nothing", async () => {
    const state = app.double.state;
    const supBefore = structuredClone(supWorkflow());
    const supConfig = structuredClone(configOf('SUP'));
    const statusesBefore = new Map(state.issues.map((i) => [i.id, i.statusId]));

    const answers = await installToEnd(app, 'HELP');
    expect(answers.at(-1)?.state).toBe('installed');
    expect(requestsOf(app).writes).toEqual([
      'POST /rest/api/3/workflows/create 200',
      'POST /rest/api/3/workflowscheme/update 303',
    ]);
    expect(app.double.log.some((e) => e.path.startsWith('/rest/api/3/workflows/update'))).toBe(false);

    // SUP's workflow, its renamed transition and the ids the app holds for SUP are as they were.
    expect(supWorkflow()).toEqual(supBefore);
    expect(byTag(supWorkflow(), 'customerAnswered')?.name).toBe('Le client a répondu');
    expect(workflowsOf(state, 'SUP')).toEqual([DEMO_WORKFLOW_ID, DEMO_WORKFLOW_ID]);
    expect(configOf('SUP')).toEqual(supConfig);

    const copy = named('Guide des statuts – HELP')!;
    expect(workflowsOf(state, 'HELP')).toEqual([copy.id, copy.id]);
    expect([...copy.statuses].sort()).toEqual([...supBefore.statuses].sort());
    expect(byTag(copy, 'customerAnswered')?.name).toBe('Customer answered');
    // Same transition ids as the workflow it copies; the portal uses the copy's, recorded for HELP.
    expect(copy.transitions.map((t) => t.id)).toEqual(supBefore.transitions.map((t) => t.id));
    expect(configOf('HELP')?.statuses).toEqual(DEMO_STATUS_IDS);
    for (const issue of state.issues) expect(issue.statusId).toBe(statusesBefore.get(issue.id));
    expect(statusById(state, DEMO_STATUS_IDS.in_progress).name).toBe('En progression');
    expect((await checkOf(app, 'HELP')).findings).toEqual([]);

    app.double.resetLog();
    expect(ok(await installOnce(app, 'HELP')).state).toBe('installed');
    expect(requestsOf(app).writes).toEqual([]);
    // HELP's workflow is its own and complete: nothing to change, so no workflow usage to read either.
    expect(usageReads()).toEqual([
      expect.stringMatching(/^GET \/rest\/api\/3\/workflowscheme\/\d+\/projectUsages 200$/),
    ]);
  });

  it('finishes an install that stopped after the copy: the copy is used, not made twice', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    app.double.faults.add({ method: 'POST', path: '/rest/api/3/workflowscheme/update', status: 500 });
    expect(await installOnce(app, 'HELP')).toEqual(expect.objectContaining({ error: expect.anything() }));
    const copy = named('Guide des statuts – HELP')!;
    expect(workflowsOf(app.double.state, 'HELP')).toEqual([DEMO_WORKFLOW_ID, DEMO_WORKFLOW_ID]);

    const view = await previewOf(app, 'HELP');
    expect(view.plan.workflow).toEqual(expect.objectContaining({ action: 'none', id: copy.id }));
    expect(view.sections.workflow.at(-1)).toBe(
      'Utiliser à la place le workflow propre à ce projet, « Guide des statuts – HELP », déjà conforme.',
    );
    app.double.resetLog();
    expect((await installToEnd(app, 'HELP')).at(-1)?.state).toBe('installed');
    expect(requestsOf(app).writes).toEqual(['POST /rest/api/3/workflowscheme/update 303']);
    expect(app.double.state.workflows.filter((w) => w.name === 'Guide des statuts – HELP')).toHaveLength(1);
    expect(workflowsOf(app.double.state, 'HELP')).toEqual([copy.id, copy.id]);
    expect(byTag(supWorkflow(), 'customerAnswered')?.name).toBe('Le client a répondu');
  });
});

describe('one workflow, two projects installed on it', () => {
  beforeEach(async () => {
    app = await startTestApp({
      seed: (s) => {
        addServiceProject(s, { key: 'HELP' });
        shareWorkflow(s, 'HELP', DEMO_WORKFLOW_ID);
      },
    });
  });

  it('installs both without writing to Jira, and reads no usage on that usual path', async () => {
    app.double.resetLog();
    expect(ok(await installOnce(app, 'SUP')).state).toBe('installed');
    expect(ok(await installOnce(app, 'HELP')).state).toBe('installed');
    expect(requestsOf(app).writes).toEqual([]);
    expect(requestsOf(app).reads.filter((r) => r.includes('/workflowSchemes'))).toEqual([]);
    expect(configOf('HELP')).toEqual(configOf('SUP'));
    expect((await checkOf(app, 'HELP')).state).toBe('installed');
    expect((await checkOf(app, 'SUP')).state).toBe('installed');
  });

  it('after a hand edit, completes neither in place: HELP gets a copy first, then SUP its own', async () => {
    await installOnce(app, 'SUP');
    await installOnce(app, 'HELP');
    supWorkflow().transitions = supWorkflow().transitions.filter(
      (t) => t.properties[TRANSITION_TAG_PROPERTY] !== 'reopen',
    );
    const before = structuredClone(supWorkflow());
    app.double.resetLog();

    // The shared workflow bears SUP's name: no copy can take it, so Install on SUP does nothing.
    const sup = await previewOf(app, 'SUP');
    expect(sup.canInstall).toBe(false);
    expect(sup.blockers).toEqual([
      "Le workflow « Guide des statuts – SUP » porte le nom de ce projet mais sert aussi à : Support HELP (HELP). L'installation ne le modifiera pas. Installez d'abord le guide sur ces projets (chacun recevra sa propre copie du workflow), puis relancez l'installation ici.",
    ]);
    expect(ok(await installOnce(app, 'SUP')).state).toBe('blocked');
    expect(requestsOf(app).writes).toEqual([]);
    expect(supWorkflow()).toEqual(before);

    // HELP gets its own copy, with Reopen; SUP's workflow is still untouched.
    expect((await previewOf(app, 'HELP')).plan.workflow.action).toBe('copy');
    expect((await installToEnd(app, 'HELP')).at(-1)?.state).toBe('installed');
    expect(supWorkflow()).toEqual(before);
    const copy = named('Guide des statuts – HELP')!;
    expect(byTag(copy, 'reopen')?.name).toBe('Reopen');
    const copyBefore = structuredClone(copy);

    // Now only SUP uses its workflow: Install on SUP completes it, and leaves HELP's copy alone.
    const again = await previewOf(app, 'SUP');
    expect(again.sections.workflow.at(-1)).toBe("Aucun autre projet n'utilise ce workflow.");
    app.double.resetLog();
    expect((await installToEnd(app, 'SUP')).at(-1)?.state).toBe('installed');
    expect(requestsOf(app).writes).toEqual(['POST /rest/api/3/workflows/update 200']);
    expect(byTag(supWorkflow(), 'reopen')?.name).toBe('Reopen');
    expect(named('Guide des statuts – HELP')).toEqual(copyBefore);

    app.double.resetLog();
    expect(ok(await installOnce(app, 'SUP')).state).toBe('installed');
    expect(ok(await installOnce(app, 'HELP')).state).toBe('installed');
    expect(requestsOf(app).writes).toEqual([]);
  });
});
