/**
 * Check reports, in plain words, what someone changed by hand in the workflow of the demo project
 * (installed by hand, tagged); Install then puts back what the guide needs and nothing else.
 */
import { projectConfigKey, type ProjectWorkflowConfig } from '../../src/shared/project-config';
import { TRANSITION_TAG_PROPERTY } from '../../src/workflow';
import { DEMO_TRANSITION_IDS, DEMO_WORKFLOW_ID, type DoubleWorkflow } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { checkOf, installToEnd, list, ok, previewOf, requestsOf, installOnce } from './helpers';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
});

const demoWorkflow = (): DoubleWorkflow => app.double.state.workflows.find((w) => w.id === DEMO_WORKFLOW_ID)!;
const byTag = (tag: string) =>
  demoWorkflow().transitions.find((t) => t.properties[TRANSITION_TAG_PROPERTY] === tag);

it('finds the demo project installed once the app has recorded its ids, reading only', async () => {
  expect((await checkOf(app, 'SUP')).findings).toEqual([
    "L'application n'a pas encore enregistré les identifiants du workflow pour le portail.",
  ]);
  app.double.resetLog();
  // Nothing to change in Jira: Install only records the ids.
  expect(ok(await installOnce(app, 'SUP')).state).toBe('installed');
  expect(requestsOf(app).writes).toEqual([]);
  const saved = app.forge.kvs.peek(projectConfigKey('SUP')) as ProjectWorkflowConfig;
  expect(saved.transitions).toEqual(DEMO_TRANSITION_IDS);

  const check = await checkOf(app, 'SUP');
  expect(check).toEqual(expect.objectContaining({ state: 'installed', findings: [] }));
  expect((await list(app)).find((r) => r.key === 'SUP')?.state).toBe('installed');
  expect(requestsOf(app).writes).toEqual([]);
});

describe('after hand edits to the workflow', () => {
  beforeEach(() => {
    app.configureDemoProject();
    const workflow = demoWorkflow();
    byTag('customerAnswered')!.name = 'Client a répondu';
    delete byTag('acceptedByCustomer')!.properties[TRANSITION_TAG_PROPERTY];
    workflow.transitions = workflow.transitions.filter(
      (t) => t.properties[TRANSITION_TAG_PROPERTY] !== 'reopen',
    );
    byTag('requestApproval')!.from = byTag('requestApproval')!.from.filter((id) => id !== '10006');
    byTag('close')!.to = '10006';
    app.double.resetLog();
  });

  it('Check reports each difference in plain words, in the language of the administrator', async () => {
    const french = await checkOf(app, 'SUP');
    expect(french.state).toBe('partial');
    expect(french.findings).toEqual([
      "La transition « Demander l'approbation » n'est plus possible depuis « Résolu ».",
      'La transition « Clôturer » mène à « Résolu » au lieu de « Fermé ».',
      'La transition « Customer answered » a été renommée « Client a répondu ».',
      "La transition « Accepted by customer » a perdu son étiquette « Accepted by customer » : l'application ne peut plus la reconnaître.",
      "La transition « Reopen » n'existe plus dans le workflow.",
    ]);
    const english = await checkOf(app, 'SUP', 'en-US');
    expect(english.findings).toEqual([
      "The transition “Demander l'approbation” is no longer possible from “Résolu”.",
      'The transition “Clôturer” leads to “Résolu” instead of “Fermé”.',
      'The transition “Customer answered” was renamed “Client a répondu”.',
      'The transition “Accepted by customer” has lost its “Accepted by customer” tag: the app can no longer recognise it.',
      'The transition “Reopen” is no longer in the workflow.',
    ]);
    expect((await list(app, 'nl-NL')).find((r) => r.key === 'SUP')).toEqual(
      expect.objectContaining({
        state: 'partial',
        details: expect.arrayContaining(['De transitie ‘Reopen’ staat niet meer in de workflow.']),
      }),
    );
    expect(requestsOf(app).writes).toEqual([]);
  });

  it('Install repairs it with one update that keeps everything else, then writes nothing more', async () => {
    const view = await previewOf(app, 'SUP');
    expect(view.plan.workflow.action).toBe('update');
    expect(view.sections.workflow[0]).toBe('Compléter le workflow « Guide des statuts – SUP » :');
    expect(view.sections.workflow).toHaveLength(7);
    // Only SUP uses its workflow (the installer asked Jira before planning the update).
    expect(view.sections.workflow.at(-1)).toBe("Aucun autre projet n'utilise ce workflow.");
    // One request more than a plain preview: the schemes using it (SUP's, whose projects it has read).
    expect(requestsOf(app).reads).toHaveLength(7);
    expect(requestsOf(app).reads.filter((r) => r.includes('/workflowSchemes'))).toEqual([
      `GET /rest/api/3/workflow/${DEMO_WORKFLOW_ID}/workflowSchemes 200`,
    ]);
    const untouched = demoWorkflow().transitions.filter((t) =>
      ['select', 'startProgress', 'resolve', 'refusedByCustomer'].includes(
        t.properties[TRANSITION_TAG_PROPERTY] ?? '',
      ),
    );
    const kept = structuredClone(untouched);
    const statusesBefore = structuredClone(app.double.state.statuses);

    app.double.resetLog();
    expect((await installToEnd(app, 'SUP')).at(-1)?.state).toBe('installed');
    expect(requestsOf(app).writes).toEqual(['POST /rest/api/3/workflows/update 200']);
    const calls = app.double.log.map((e) => e.path);
    expect(calls.indexOf('/rest/api/3/workflows/update/validation')).toBeLessThan(
      calls.indexOf('/rest/api/3/workflows/update'),
    );

    expect(byTag('customerAnswered')?.name).toBe('Customer answered');
    expect(byTag('acceptedByCustomer')?.id).toBe(DEMO_TRANSITION_IDS.acceptedByCustomer);
    expect(byTag('close')?.to).toBe('10009');
    expect(byTag('requestApproval')?.from).toContain('10006');
    const reopen = byTag('reopen')!;
    expect(reopen).toEqual(expect.objectContaining({ name: 'Reopen', from: ['10009'], to: '10010' }));
    // The screens of team transitions and every untouched transition stay as they were.
    expect(demoWorkflow().transitions.filter((t) => kept.some((k) => k.id === t.id))).toEqual(kept);
    expect(demoWorkflow().transitions).toHaveLength(12);
    expect(app.double.state.statuses).toEqual(statusesBefore);

    // The portal finds the new Reopen transition by the id recorded.
    const saved = app.forge.kvs.peek(projectConfigKey('SUP')) as ProjectWorkflowConfig;
    expect(saved.transitions.reopen).toBe(reopen.id);
    expect((await checkOf(app, 'SUP')).findings).toEqual([]);

    app.double.resetLog();
    expect(ok(await installOnce(app, 'SUP')).state).toBe('installed');
    expect(requestsOf(app).writes).toEqual([]);
  });
});
