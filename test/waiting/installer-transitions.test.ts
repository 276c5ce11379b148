/**
 * The two automatic-outcome transitions ("Clôturer sans réponse", "Accepter sans réponse") reach a
 * project installed before they existed through the installer's update path: previewed, added by one
 * update that deletes nothing, recorded for the scan, and a rerun writes nothing. A workflow another
 * project uses is left alone (that project's own copy gets them instead).
 */
import { projectConfigKey, type ProjectWorkflowConfig } from '../../src/shared/project-config';
import { TRANSITION_TAG_PROPERTY } from '../../src/workflow';
import { DEMO_WORKFLOW_ID, type DoubleWorkflow } from '../double/state';
import { checkOf, installOnce, installToEnd, ok, previewOf, requestsOf } from '../installer/helpers';
import { addServiceProject, shareWorkflow } from '../installer/sites';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';

let app: TestApp;
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
});

const NEW_TAGS = ['closeWithoutAnswer', 'acceptWithoutAnswer'];
const demoWorkflow = (): DoubleWorkflow => app.double.state.workflows.find((w) => w.id === DEMO_WORKFLOW_ID)!;
const tagOf = (t: { properties: Record<string, string> }): string =>
  t.properties[TRANSITION_TAG_PROPERTY] ?? '';

/** The demo workflow as the installer left it before the two transitions existed. */
function installedBefore(workflow: DoubleWorkflow): void {
  workflow.transitions = workflow.transitions.filter((t) => !NEW_TAGS.includes(tagOf(t)));
}

describe('a project installed before the automatic outcomes existed', () => {
  beforeEach(async () => {
    app = await startTestApp();
    installedBefore(demoWorkflow());
    app.configureDemoProject();
    app.double.resetLog();
  });

  it('previews the two transitions, adds them with one update, deletes nothing, records them, then writes nothing', async () => {
    const check = await checkOf(app, 'SUP');
    expect(check.state).toBe('partial');
    expect(check.findings).toEqual([
      "La transition « Clôturer sans réponse » n'existe plus dans le workflow.",
      "La transition « Accepter sans réponse » n'existe plus dans le workflow.",
    ]);
    const view = await previewOf(app, 'SUP');
    expect(view.plan.workflow.action).toBe('update');
    expect(view.sections.workflow.join('\n')).toContain('Clôturer sans réponse');
    expect(view.sections.workflow.join('\n')).toContain('Accepter sans réponse');
    expect(view.sections.workflow.at(-1)).toBe("Aucun autre projet n'utilise ce workflow.");
    expect(requestsOf(app).writes).toEqual([]);

    const before = structuredClone(demoWorkflow().transitions);
    app.double.resetLog();
    expect((await installToEnd(app, 'SUP')).at(-1)?.state).toBe('installed');
    expect(requestsOf(app).writes).toEqual(['POST /rest/api/3/workflows/update 200']);

    const after = demoWorkflow().transitions;
    // Nothing deleted or changed: every transition is still there, as it was.
    expect(after.filter((t) => before.some((b) => b.id === t.id))).toEqual(before);
    const close = after.find((t) => tagOf(t) === 'closeWithoutAnswer')!;
    const accept = after.find((t) => tagOf(t) === 'acceptWithoutAnswer')!;
    expect(close).toEqual(
      expect.objectContaining({ name: 'Clôturer sans réponse', from: ['10005'], to: '10009' }),
    );
    expect(accept).toEqual(
      expect.objectContaining({ name: 'Accepter sans réponse', from: ['10007'], to: '10008' }),
    );
    // The customer can still reopen a request closed without answer.
    expect(after.find((t) => tagOf(t) === 'reopen')?.from).toEqual(['10009']);
    const saved = app.forge.kvs.peek(projectConfigKey('SUP')) as ProjectWorkflowConfig;
    expect(saved.transitions.closeWithoutAnswer).toBe(close.id);
    expect(saved.transitions.acceptWithoutAnswer).toBe(accept.id);

    app.double.resetLog();
    expect(ok(await installOnce(app, 'SUP')).state).toBe('installed');
    expect(requestsOf(app).writes).toEqual([]);
    expect((await checkOf(app, 'SUP')).findings).toEqual([]);
  });
});

describe('the same workflow, also used by another project', () => {
  beforeEach(async () => {
    app = await startTestApp({
      seed: (s) => {
        addServiceProject(s, { key: 'HELP' });
        shareWorkflow(s, 'HELP', DEMO_WORKFLOW_ID);
      },
    });
    installedBefore(demoWorkflow());
    app.configureDemoProject();
    app.double.resetLog();
  });

  it('is not updated: the project asking gets its own copy with the two transitions', async () => {
    const before = structuredClone(demoWorkflow());
    const view = await previewOf(app, 'HELP');
    expect(view.plan.workflow.action).toBe('copy');
    expect((await installToEnd(app, 'HELP')).at(-1)?.state).toBe('installed');
    expect(demoWorkflow()).toEqual(before);
    const copy = app.double.state.workflows.find((w) => w.name === 'Guide des statuts – HELP')!;
    expect(copy.transitions.map(tagOf)).toEqual(expect.arrayContaining(NEW_TAGS));
    expect(requestsOf(app).writes.some((w) => w.includes('/workflows/update'))).toBe(false);
  });
});
