/**
 * Installing the workflow on service projects, against the Jira double: an empty site, a site whose
 * statuses already exist, a project with requests to migrate, a team-managed project. Every run
 * counts its requests from the double's log and ends with no contract violation.
 */
import { projectConfigKey, type ProjectWorkflowConfig } from '../../src/shared/project-config';
import {
  STATUSES,
  TRANSITIONS,
  TRANSITION_TAG_PROPERTY,
  findStatusByName,
  normalizeStatusName,
  type StatusKey,
} from '../../src/workflow';
import {
  DEMO_STATUS_IDS,
  findProject,
  statusById,
  type DoubleState,
  type DoubleWorkflow,
} from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { installToEnd, list, ok, previewOf, requestsOf, installOnce, progressOf, checkOf } from './helpers';
import { addRequests, addServiceProject, withoutDemoProject } from './sites';

/** A fresh install may write at most this many times to Jira (task polls aside). */
const WRITE_BUDGET = 8;

let app: TestApp;
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
});

function workflowNamed(state: DoubleState, name: string): DoubleWorkflow {
  const found = state.workflows.filter((w) => w.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The workflow the project's requests follow, for each of its issue types. */
function workflowsOfProject(state: DoubleState, key: string): string[] {
  const project = findProject(state, key)!;
  const scheme = state.workflowSchemes.find((s) => s.id === project.workflowSchemeId)!;
  return project.issueTypeIds.map((id) => scheme.issueTypeMappings[id] ?? scheme.defaultWorkflow);
}

/** The workflow matches the model: ten statuses by name, twelve transitions found by their tag. */
function expectModelWorkflow(state: DoubleState, workflow: DoubleWorkflow): void {
  const names = workflow.statuses.map((id) => statusById(state, id).name);
  expect(names.map((n) => findStatusByName(n)?.key).sort()).toEqual(STATUSES.map((s) => s.key).sort());
  const keyOf = (id: string): StatusKey | undefined => findStatusByName(statusById(state, id).name)?.key;
  for (const model of TRANSITIONS) {
    const t = workflow.transitions.find((x) => x.properties[TRANSITION_TAG_PROPERTY] === model.id);
    expect({ id: model.id, name: t?.name, to: t && keyOf(t.to), from: t?.from.map(keyOf).sort() }).toEqual({
      id: model.id,
      name: model.name,
      to: model.to,
      from: [...model.from].sort(),
    });
  }
}

function savedConfig(): ProjectWorkflowConfig | undefined {
  return app.forge.kvs.peek(projectConfigKey('HELP')) as ProjectWorkflowConfig | undefined;
}

describe('an empty site (a service project with only the JSM default statuses)', () => {
  beforeEach(async () => {
    app = await startTestApp({
      seed: (s) => {
        withoutDemoProject(s);
        addServiceProject(s, { key: 'HELP' });
      },
    });
  });

  it('lists the project as not installed, and previews statuses, workflow and scheme to create', async () => {
    expect(await list(app)).toEqual([
      expect.objectContaining({
        key: 'HELP',
        teamManaged: false,
        state: 'absent',
        details: ["Le workflow « Guide des statuts – HELP » n'existe pas encore."],
      }),
    ]);
    const view = await previewOf(app, 'HELP');
    expect(view.canInstall).toBe(true);
    expect(view.plan.statuses.map((s) => s.action)).toEqual(STATUSES.map(() => 'create'));
    expect(view.sections.statuses[0]).toBe('Créer le statut « Ouvert ».');
    expect(view.sections.workflow).toEqual([
      "Créer le workflow « Guide des statuts – HELP » avec ses 14 transitions (workflow global, pour un projet géré par l'entreprise).",
    ]);
    expect(view.sections.scheme).toEqual([
      'Dans le schéma « HELP: Service Management workflow scheme », appliquer le workflow à : [System] Service request, [System] Incident.',
    ]);
    expect(view.sections.requests).toEqual(['Aucune demande ne change de statut.']);
    expect(requestsOf(app).writes).toEqual([]);
  });

  it('installs with two writes, records the ids for the portal, and a second install writes nothing', async () => {
    const statusesBefore = app.double.state.statuses.length;
    app.double.resetLog();
    expect(await installToEnd(app, 'HELP')).toEqual([
      {
        state: 'installed',
        message: "Le workflow est installé sur HELP. Le portail client l'utilise dès maintenant.",
      },
    ]);
    const first = requestsOf(app);
    expect(first.writes).toEqual([
      'POST /rest/api/3/workflows/create 200',
      'POST /rest/api/3/workflowscheme/update 200',
    ]);
    expect(first.writes.length).toBeLessThanOrEqual(WRITE_BUDGET);
    // The validation comes before the create.
    const calls = app.double.log.map((e) => e.path);
    expect(calls.indexOf('/rest/api/3/workflows/create/validation')).toBeLessThan(
      calls.indexOf('/rest/api/3/workflows/create'),
    );

    const state = app.double.state;
    expect(state.statuses.length).toBe(statusesBefore + 10);
    const workflow = workflowNamed(state, 'Guide des statuts – HELP');
    expect(workflow.scope).toEqual({ type: 'GLOBAL' });
    expectModelWorkflow(state, workflow);
    expect(workflowsOfProject(state, 'HELP')).toEqual([workflow.id, workflow.id]);

    const config = savedConfig()!;
    expect(Object.keys(config.statuses).sort()).toEqual(STATUSES.map((s) => s.key).sort());
    expect(Object.keys(config.transitions).sort()).toEqual(TRANSITIONS.map((t) => t.id).sort());
    expect(config.transitions.customerAnswered).toBe(
      workflow.transitions.find((t) => t.properties[TRANSITION_TAG_PROPERTY] === 'customerAnswered')!.id,
    );

    app.double.resetLog();
    expect(ok(await installOnce(app, 'HELP')).state).toBe('installed');
    expect(requestsOf(app).writes).toEqual([]);
    expect((await list(app))[0]?.state).toBe('installed');
    expect((await checkOf(app, 'HELP')).findings).toEqual([]);
    expect(requestsOf(app).writes).toEqual([]);
  });
});

describe('a site where statuses of the same names already exist', () => {
  beforeEach(async () => {
    app = await startTestApp({ seed: (s) => void addServiceProject(s, { key: 'HELP' }) });
  });

  it('reuses them, unchanged, instead of creating duplicates', async () => {
    const state = app.double.state;
    // One existing status differs from the model in case and category: reused all the same, kept as it is.
    const resolved = statusById(state, DEMO_STATUS_IDS.resolved);
    resolved.name = 'résolu';
    resolved.statusCategory = 'IN_PROGRESS';
    resolved.description = 'Statut du site';
    const before = structuredClone(state.statuses);

    const view = await previewOf(app, 'HELP');
    expect(view.plan.statuses.map((s) => [s.key, s.action, s.existing?.id])).toEqual(
      STATUSES.map((s) => [s.key, 'reuse', DEMO_STATUS_IDS[s.key]]),
    );
    expect(view.sections.statuses).toContain(
      'Réutiliser le statut existant « résolu » (sa catégorie dans Jira diffère de celle du guide : elle est conservée).',
    );
    expect(view.sections.statuses).toContain('Réutiliser le statut existant « Ouvert ».');

    app.double.resetLog();
    await installToEnd(app, 'HELP');
    expect(requestsOf(app).writes).toHaveLength(2);
    expect(state.statuses).toEqual(before);
    const names = state.statuses
      .filter((s) => s.scope.type === 'GLOBAL')
      .map((s) => normalizeStatusName(s.name));
    expect(new Set(names).size).toBe(names.length);
    const workflow = workflowNamed(state, 'Guide des statuts – HELP');
    expect([...workflow.statuses].sort()).toEqual(Object.values(DEMO_STATUS_IDS).sort());
    expect(savedConfig()?.statuses).toEqual(DEMO_STATUS_IDS);
  });
});

describe('a project with requests in other statuses', () => {
  beforeEach(async () => {
    app = await startTestApp({
      seed: (s) => {
        withoutDemoProject(s);
        addServiceProject(s, { key: 'HELP' });
        addRequests(s, 'HELP', 'Waiting for support', 2);
        addRequests(s, 'HELP', 'In Progress', 3);
        addRequests(s, 'HELP', 'Waiting for customer', 1);
        addRequests(s, 'HELP', 'Pending', 1);
        addRequests(s, 'HELP', 'Resolved', 2);
        addRequests(s, 'HELP', 'Canceled', 1);
        addRequests(s, 'HELP', 'Escalated', 2, 'incident');
        addRequests(s, 'HELP', 'Waiting for customer', 1, 'incident');
      },
    });
  });

  it('previews how each status maps and how many requests move', async () => {
    const view = await previewOf(app, 'HELP');
    const moves = Object.fromEntries(view.plan.mappings.map((m) => [m.fromStatusName, [m.to, m.requests]]));
    expect(moves).toEqual({
      'Waiting for support': ['open', 2],
      'Waiting for customer': ['waiting_customer', 2],
      'In Progress': ['in_progress', 3],
      Pending: ['in_progress', 1],
      Resolved: ['resolved', 2],
      Closed: ['closed', 0],
      Canceled: ['closed', 1],
      Escalated: ['in_progress', 2],
    });
    expect(view.sections.requests).toEqual([
      '« Waiting for support » devient « Ouvert » (demandes concernées : 2).',
      '« Waiting for customer » devient « En attente du client » (demandes concernées : 2).',
      '« In Progress » devient « En progression » (demandes concernées : 3).',
      '« Pending » devient « En progression » (demandes concernées : 1).',
      '« Resolved » devient « Résolu » (demandes concernées : 2).',
      '« Canceled » devient « Fermé » (demandes concernées : 1).',
      '« Escalated » devient « En progression » (demandes concernées : 2).',
      'Demandes qui changeront de statut : 13.',
    ]);
    expect(requestsOf(app).writes).toEqual([]);
  });

  it('migrates them through the scheme update task, polled to completion, then records the ids', async () => {
    const state = app.double.state;
    const before = new Map(state.issues.map((i) => [i.id, statusById(state, i.statusId).name]));
    app.double.resetLog();

    const answers = await installToEnd(app, 'HELP');
    expect(answers.map((a) => [a.state, a.progress])).toEqual([
      ['migrating', 33],
      ['migrating', 66],
      ['installed', undefined],
    ]);
    expect(answers[0]?.message).toBe('Déplacement des demandes existantes : 33 %');
    const measured = requestsOf(app);
    expect(measured.writes).toEqual([
      'POST /rest/api/3/workflows/create 200',
      // Jira answers 303 with the task; the redirect is followed to the task, the first poll.
      'POST /rest/api/3/workflowscheme/update 303',
    ]);
    expect(measured.polls).toEqual([
      'GET /rest/api/3/task/10001 200',
      'GET /rest/api/3/task/10001 200',
      'GET /rest/api/3/task/10001 200',
    ]);

    const expected: Record<string, string> = {
      'Waiting for support': 'Ouvert',
      'In Progress': 'En progression',
      'Waiting for customer': 'En attente du client',
      Pending: 'En progression',
      Resolved: 'Résolu',
      Canceled: 'Fermé',
      Escalated: 'En progression',
    };
    const workflow = workflowNamed(state, 'Guide des statuts – HELP');
    for (const issue of state.issues) {
      expect(statusById(state, issue.statusId).name).toBe(expected[before.get(issue.id)!]);
      expect(workflow.statuses).toContain(issue.statusId);
      // Nothing is lost: the history shows where the request was.
      expect(issue.changelog.at(-1)?.items[0]?.fromString).toBe(before.get(issue.id));
    }
    expect(state.issues).toHaveLength(13);
    expect(savedConfig()).toBeDefined();

    // While nothing is left to do, a new install neither writes nor polls.
    app.double.resetLog();
    expect(ok(await installOnce(app, 'HELP')).state).toBe('installed');
    expect(requestsOf(app)).toEqual(expect.objectContaining({ writes: [], polls: [] }));
  });

  it('follows a migration under way instead of starting another one', async () => {
    app.double.state.taskPollsToComplete = 4;
    const first = ok(await installOnce(app, 'HELP'));
    expect(first.state).toBe('migrating');
    app.double.resetLog();
    // The page was closed and reopened: Install again joins the running task.
    const again = ok(await installOnce(app, 'HELP'));
    expect(again).toEqual(expect.objectContaining({ state: 'migrating', taskId: first.taskId }));
    expect(requestsOf(app).writes).toEqual([]);
    expect((await checkOf(app, 'HELP')).findings).toContain(
      'Jira est en train de déplacer les demandes vers le workflow.',
    );
    // The preview says so, and Install stays available to follow it.
    const view = await previewOf(app, 'HELP');
    expect(view.canInstall).toBe(true);
    expect(view.sections.requests[0]).toBe('Jira est en train de déplacer les demandes vers le workflow.');
    let last = again;
    for (let i = 0; i < 5 && last.state === 'migrating'; i++)
      last = ok(await progressOf(app, 'HELP', first.taskId!));
    expect(last.state).toBe('installed');
    expect(requestsOf(app).writes).toEqual([]);
    // A task Jira no longer knows: the page looks at Jira itself and finds the install done.
    expect(ok(await progressOf(app, 'HELP', '99999')).state).toBe('installed');
  });
});

describe('a team-managed project', () => {
  beforeEach(async () => {
    app = await startTestApp({
      seed: (s) => {
        addServiceProject(s, { key: 'TEAM', style: 'next-gen' });
        addRequests(s, 'TEAM', 'Waiting for customer', 2);
        addRequests(s, 'TEAM', 'Resolved', 1, 'incident');
      },
    });
  });

  it('gets project-scoped statuses and workflow, even where global ones of the same names exist', async () => {
    const state = app.double.state;
    const project = findProject(state, 'TEAM')!;
    const rows = await list(app);
    expect(rows.find((r) => r.key === 'TEAM')).toEqual(
      expect.objectContaining({ teamManaged: true, state: 'absent' }),
    );
    const view = await previewOf(app, 'TEAM', 'en-US');
    expect(view.plan.statuses.every((s) => s.action === 'create')).toBe(true);
    expect(view.sections.workflow[0]).toBe(
      'Create the workflow “Guide des statuts – TEAM” with its 14 transitions (a workflow for this team-managed project only).',
    );

    app.double.resetLog();
    const answers = await installToEnd(app, 'TEAM');
    expect(answers.at(-1)?.state).toBe('installed');
    expect(requestsOf(app).writes).toHaveLength(2);

    const workflow = workflowNamed(state, 'Guide des statuts – TEAM');
    expect(workflow.scope).toEqual({ type: 'PROJECT', projectId: project.id });
    expectModelWorkflow(state, workflow);
    for (const id of workflow.statuses)
      expect(statusById(state, id).scope).toEqual({ type: 'PROJECT', projectId: project.id });
    expect(workflowsOfProject(state, 'TEAM')).toEqual([workflow.id, workflow.id]);
    const team = state.issues.filter((i) => i.projectId === project.id);
    expect(team.map((i) => statusById(state, i.statusId).name).sort()).toEqual([
      'En attente du client',
      'En attente du client',
      'Résolu',
    ]);
    // The demo project's global statuses are untouched and still used by its own workflow.
    expect(workflowsOfProject(state, 'SUP')).toEqual(['10100', '10100']);

    app.double.resetLog();
    expect(ok(await installOnce(app, 'TEAM')).state).toBe('installed');
    expect(requestsOf(app).writes).toEqual([]);
  });
});
