/**
 * The double's workflow administration endpoints on their own: scopes of statuses, create
 * validation, the asynchronous scheme migration (303 + task polled to completion) and refusals.
 */
import { TRANSITION_TAG_PROPERTY } from '../../src/workflow';
import { addRequests, addServiceProject } from '../installer/sites';
import { startJiraDouble, type JiraDouble } from './index';
import { DEMO_USERS, findProject, statusById } from './state';
import { arr, asUser, call, obj } from './testing';

let jira: JiraDouble;
const admin = asUser(DEMO_USERS.admin.accountId);

beforeEach(async () => {
  jira = await startJiraDouble({
    seed: (s) => {
      addServiceProject(s, { key: 'HELP' });
      addRequests(s, 'HELP', 'Waiting for customer', 2);
      addServiceProject(s, { key: 'TEAM', style: 'next-gen' });
    },
  });
});
afterEach(async () => {
  expect(jira.takeViolations()).toEqual([]);
  await jira.close();
});

it('searches global statuses, or those of one team-managed project', async () => {
  const global = obj((await call(jira, admin, 'GET', '/rest/api/3/statuses/search?searchString=ouv')).json);
  expect(arr(global.values).map((s) => obj(s).name)).toEqual(['Ouvert', 'ReOuvert']);
  const team = findProject(jira.state, 'TEAM')!;
  const scoped = obj(
    (await call(jira, admin, 'GET', `/rest/api/3/statuses/search?projectId=${team.id}`)).json,
  );
  expect(arr(scoped.values).every((s) => obj(obj(s).scope).type === 'PROJECT')).toBe(true);
});

it('refuses to create a second status of a name the scope already has', async () => {
  const payload = {
    scope: { type: 'GLOBAL' },
    statuses: [{ name: 'ouvert', statusCategory: 'TODO', statusReference: 'r1' }],
    workflows: [
      {
        name: 'W',
        statuses: [{ statusReference: 'r1', properties: {} }],
        transitions: [
          { id: '1', type: 'INITIAL', name: 'Create', toStatusReference: 'r1', links: [], properties: {} },
        ],
      },
    ],
  };
  const validation = obj(
    (await call(jira, admin, 'POST', '/rest/api/3/workflows/create/validation', { body: { payload } })).json,
  );
  expect(arr(validation.errors).map((e) => obj(e).code)).toEqual(['DUPLICATE_STATUS_NAME']);
  const created = await call(jira, admin, 'POST', '/rest/api/3/workflows/create', { body: payload });
  expect(created.status).toBe(400);
  expect(jira.state.workflows.some((w) => w.name === 'W')).toBe(false);
});

it('migrates requests asynchronously: 303 to the task, ENQUEUED → RUNNING → COMPLETE, then the new statuses', async () => {
  const project = findProject(jira.state, 'HELP')!;
  const scheme = jira.state.workflowSchemes.find((s) => s.id === project.workflowSchemeId)!;
  const oldWorkflow = scheme.defaultWorkflow;
  const target = jira.state.workflows.find((w) => w.id === '10100')!; // the demo workflow
  const waitingCustomer = jira.state.statuses.find((s) => s.name === 'Waiting for customer')!.id;
  const body = {
    id: scheme.id,
    name: scheme.name,
    description: '',
    version: { versionNumber: 1 },
    defaultWorkflowId: target.id,
    workflowsForIssueTypes: [{ workflowId: target.id, issueTypeIds: project.issueTypeIds }],
  };
  // Without a mapping for the requests' status, Jira refuses.
  const refused = await call(jira, admin, 'POST', '/rest/api/3/workflowscheme/update', { body });
  expect(refused.status).toBe(400);

  const withMappings = {
    ...body,
    statusMappingsByWorkflows: [
      {
        oldWorkflowId: oldWorkflow,
        newWorkflowId: target.id,
        statusMappings: [{ oldStatusId: waitingCustomer, newStatusId: '10005' }],
      },
    ],
  };
  const response = await fetch(`${jira.url}/rest/api/3/workflowscheme/update`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/json', 'x-forge-principal': admin },
    body: JSON.stringify(withMappings),
  });
  expect(response.status).toBe(303);
  const task = obj(await response.json());
  expect(task.status).toBe('ENQUEUED');
  expect(response.headers.get('Location')).toBe(`${jira.url}/rest/api/3/task/${String(task.id)}`);
  // A second update while the migration runs is refused.
  expect(
    (await call(jira, admin, 'POST', '/rest/api/3/workflowscheme/update', { body: withMappings })).status,
  ).toBe(409);

  const statuses: unknown[] = [];
  for (let i = 0; i < 3; i++)
    statuses.push(obj((await call(jira, admin, 'GET', `/rest/api/3/task/${String(task.id)}`)).json).status);
  expect(statuses).toEqual(['RUNNING', 'RUNNING', 'COMPLETE']);
  const moved = jira.state.issues.filter((i) => i.projectId === project.id);
  expect(moved.map((i) => statusById(jira.state, i.statusId).name)).toEqual([
    'En attente du client',
    'En attente du client',
  ]);
  expect(scheme.defaultWorkflow).toBe(target.id);
  expect(scheme.taskId).toBeUndefined();
  expect(target.transitions.every((t) => t.properties[TRANSITION_TAG_PROPERTY] !== undefined)).toBe(true);
});

it('answers 401 to callers without Administer Jira, as the workflow APIs declare', async () => {
  const agent = asUser(DEMO_USERS.agent.accountId);
  expect(
    (await call(jira, agent, 'POST', '/rest/api/3/workflows', { body: { workflowIds: ['10100'] } })).status,
  ).toBe(401);
  expect((await call(jira, agent, 'GET', '/rest/api/3/statuses/search')).status).toBe(401);
});

it('tells which workflow schemes use a workflow, as default or for an issue type, and whose projects', async () => {
  const help = findProject(jira.state, 'HELP')!;
  const scheme = jira.state.workflowSchemes.find((s) => s.id === help.workflowSchemeId)!;
  const incidents = scheme.issueTypeMappings[help.issueTypeIds[1]!]!;
  // SUP's scheme starts using HELP's incident workflow too, for one issue type.
  const sup = jira.state.workflowSchemes.find(
    (s) => s.id === findProject(jira.state, 'SUP')!.workflowSchemeId,
  )!;
  sup.issueTypeMappings = { ...sup.issueTypeMappings, '10099': incidents };
  const usage = obj(
    (await call(jira, admin, 'GET', `/rest/api/3/workflow/${incidents}/workflowSchemes?maxResults=200`)).json,
  );
  expect(usage.workflowId).toBe(incidents);
  expect(arr(obj(usage.workflowSchemes).values).map((s) => obj(s).id)).toEqual([sup.id, scheme.id]);
  const projects = obj(
    (await call(jira, admin, 'GET', `/rest/api/3/workflowscheme/${scheme.id}/projectUsages?maxResults=200`))
      .json,
  );
  expect(arr(obj(projects.projects).values)).toEqual([{ id: help.id }]);

  expect((await call(jira, admin, 'GET', '/rest/api/3/workflow/nope/workflowSchemes')).status).toBe(404);
  const agent = asUser(DEMO_USERS.agent.accountId);
  expect((await call(jira, agent, 'GET', `/rest/api/3/workflow/${incidents}/workflowSchemes`)).status).toBe(
    401,
  );
});
