/**
 * An install interrupted anywhere is finished by the next one, without duplicates; rate limits are
 * waited out; a change that would reach other projects is refused before anything is written.
 */
import { statusById } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { installToEnd, isError, list, ok, previewOf, requestsOf, installOnce } from './helpers';
import { addRequests, addServiceProject, withoutDemoProject } from './sites';

let app: TestApp;
let warn: jest.SpyInstance;
afterEach(async () => {
  warn.mockRestore();
  expectNoViolations(app.double);
  await app.close();
});

beforeEach(async () => {
  // Failed Jira calls are logged (method, path, status only); the tests check the line, quietly.
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  app = await startTestApp({
    seed: (s) => {
      withoutDemoProject(s);
      addServiceProject(s, { key: 'HELP' });
      addRequests(s, 'HELP', 'Waiting for customer', 2);
      addRequests(s, 'HELP', 'Closed', 1);
    },
  });
});

const ourWorkflows = (): number =>
  app.double.state.workflows.filter((w) => w.name === 'Guide des statuts – HELP').length;

it('a 500 on the second write leaves a state the next install completes, without creating twice', async () => {
  app.double.faults.add({ method: 'POST', path: '/rest/api/3/workflowscheme/update', status: 500 });
  const statusesBefore = app.double.state.statuses.length;

  const failed = await installOnce(app, 'HELP');
  expect(isError(failed) && failed.error).toEqual({
    code: 'JIRA_UNAVAILABLE',
    message:
      "Jira n'a pas répondu comme prévu. Rien n'a été perdu : relancez l'installation pour la terminer.",
  });
  expect(requestsOf(app).writes).toEqual([
    'POST /rest/api/3/workflows/create 200',
    'POST /rest/api/3/workflowscheme/update 500',
  ]);
  expect(warn).toHaveBeenCalledWith('Jira request failed: POST /rest/api/3/workflowscheme/update 500 server');
  // Half done: the workflow exists, the requests have not moved, the portal has no ids yet.
  expect(ourWorkflows()).toBe(1);
  expect(app.double.state.issues.map((i) => statusById(app.double.state, i.statusId).name).sort()).toEqual([
    'Closed',
    'Waiting for customer',
    'Waiting for customer',
  ]);
  expect((await list(app))[0]).toEqual(
    expect.objectContaining({
      state: 'partial',
      details: [
        "Types de demande qui n'utilisent pas encore le workflow : [System] Service request, [System] Incident.",
      ],
    }),
  );
  const view = await previewOf(app, 'HELP');
  expect(view.plan.workflow.action).toBe('none');
  expect(view.plan.statuses.every((s) => s.action === 'present')).toBe(true);

  app.double.resetLog();
  const answers = await installToEnd(app, 'HELP');
  expect(answers.at(-1)?.state).toBe('installed');
  expect(requestsOf(app).writes).toEqual(['POST /rest/api/3/workflowscheme/update 303']);
  expect(ourWorkflows()).toBe(1);
  expect(app.double.state.statuses.length).toBe(statusesBefore + 10);
  expect(app.double.state.issues.map((i) => statusById(app.double.state, i.statusId).name).sort()).toEqual([
    'En attente du client',
    'En attente du client',
    'Fermé',
  ]);
});

it('a 500 on the first write changes nothing, and the next install does it all', async () => {
  app.double.faults.add({ method: 'POST', path: '/rest/api/3/workflows/create', status: 500 });
  const failed = await installOnce(app, 'HELP');
  expect(isError(failed) && failed.error.code).toBe('JIRA_UNAVAILABLE');
  // A 500 on a write is not repeated: Jira may have done it, and the next run looks first.
  expect(requestsOf(app).writes).toEqual(['POST /rest/api/3/workflows/create 500']);
  expect(ourWorkflows()).toBe(0);
  const answers = await installToEnd(app, 'HELP');
  expect(answers.at(-1)?.state).toBe('installed');
  expect(ourWorkflows()).toBe(1);
});

it('waits out a storm of 429s (Retry-After: 1) and completes, each write done once', async () => {
  app.double.faults.add({
    method: 'POST',
    path: '/rest/api/3/workflows/create',
    status: 429,
    retryAfterSeconds: 1,
    times: 2,
  });
  app.double.faults.add({
    method: 'POST',
    path: '/rest/api/3/workflowscheme/read',
    status: 429,
    retryAfterSeconds: 1,
  });
  app.double.faults.add({
    method: 'POST',
    path: '/rest/api/3/workflowscheme/update',
    status: 429,
    retryAfterSeconds: 1,
  });
  app.double.resetLog();
  const started = Date.now();
  const answers = await installToEnd(app, 'HELP');
  expect(answers.at(-1)?.state).toBe('installed');
  expect(Date.now() - started).toBeGreaterThanOrEqual(3900);
  const { writes } = requestsOf(app);
  expect(writes).toEqual([
    'POST /rest/api/3/workflows/create 429',
    'POST /rest/api/3/workflows/create 429',
    'POST /rest/api/3/workflows/create 200',
    'POST /rest/api/3/workflowscheme/update 429',
    'POST /rest/api/3/workflowscheme/update 303',
  ]);
  expect(writes.filter((w) => !w.endsWith(' 429'))).toHaveLength(2);
  expect(ourWorkflows()).toBe(1);
}, 30_000);

it('refuses, before writing anything, a scheme shared with another project', async () => {
  const state = app.double.state;
  const other = addServiceProject(state, { key: 'OTHER' });
  other.workflowSchemeId = state.projects.find((p) => p.key === 'HELP')!.workflowSchemeId;

  const view = await previewOf(app, 'HELP');
  expect(view.canInstall).toBe(false);
  expect(view.blockers).toEqual([
    "Le schéma de workflow « HELP: Service Management workflow scheme » sert aussi à d'autres projets (1) : l'installation les modifierait. Donnez d'abord à ce projet son propre schéma, puis relancez l'installation.",
  ]);
  app.double.resetLog();
  const answer = ok(await installOnce(app, 'HELP'));
  expect(answer.state).toBe('blocked');
  expect(answer.blockers).toEqual(view.blockers);
  expect(requestsOf(app).writes).toEqual([]);
});

it('decides again at install time: a status created since the preview is reused, not duplicated', async () => {
  const state = app.double.state;
  const original = state.statuses.length;
  expect((await previewOf(app, 'HELP')).plan.statuses[0]?.action).toBe('create');
  // Someone creates a status of the guide's name between the preview and the install.
  state.statuses.push({
    id: '19999',
    name: 'Ouvert',
    description: '',
    statusCategory: 'TODO',
    scope: { type: 'GLOBAL' },
  });
  const answers = await installToEnd(app, 'HELP');
  expect(answers.at(-1)?.state).toBe('installed');
  expect(state.statuses.length).toBe(original + 1 + 9);
  expect(state.workflows.find((w) => w.name === 'Guide des statuts – HELP')?.statuses).toContain('19999');
});
