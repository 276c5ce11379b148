/**
 * The installer's pure core: status mapping, comparison with the model, the plan, the payloads and
 * their wording, on hand-made snapshots (the suites in test/installer run them against the double).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_LOCALES, formatMessage, lookup, type Translate } from '../i18n/locales';
import type { JiraWorkflowTransition } from '../jira/workflow-types';
import {
  STATUSES,
  TRANSITIONS,
  TRANSITION_TAG_PROPERTY,
  type StatusCategory,
  type StatusKey,
} from '../workflow';
import { assess, configFrom, matchWorkflow, type Finding } from './analysis';
import { describeBlocker, describeFinding, describePlan } from './messages';
import { modelTransitionId, statusReference, targetStatusFor, workflowNameFor } from './model';
import { buildCopyPayload, buildCreatePayload, buildSchemeUpdate, buildUpdatePayload } from './payloads';
import { planInstall, type Blocker } from './plan';
import type { ProjectSnapshot, SchemeInfo, StatusInfo, TransitionInfo, WorkflowInfo } from './snapshot';

// --- fixtures ------------------------------------------------------------------------------------

const modelStatuses: StatusInfo[] = STATUSES.map((s, i) => ({
  id: String(10001 + i),
  name: s.name,
  category: s.category,
  description: '',
}));
const idOf = (key: StatusKey): string => modelStatuses[STATUSES.findIndex((s) => s.key === key)]!.id;
const jsm: StatusInfo[] = [
  { id: '1', name: 'Waiting for support', category: 'TODO', description: '' },
  { id: '3', name: 'In Progress', category: 'IN_PROGRESS', description: '' },
  { id: '5', name: 'Resolved', category: 'DONE', description: '' },
];

function transition(
  id: string,
  name: string,
  from: string[],
  to: string,
  properties: Record<string, string> = {},
  extra: Partial<TransitionInfo> = {},
): TransitionInfo {
  const raw: JiraWorkflowTransition = {
    id,
    name,
    type: from.length === 0 ? 'INITIAL' : 'DIRECTED',
    toStatusReference: `ref-${to}`,
    links: from.map((f) => ({ fromStatusReference: `ref-${f}` })),
    properties,
  };
  return {
    id,
    name,
    type: raw.type ?? 'DIRECTED',
    toStatusId: to,
    fromStatusIds: from,
    properties,
    raw,
    ...extra,
  };
}

function workflow(
  id: string,
  name: string,
  statuses: StatusInfo[],
  transitions: TransitionInfo[],
): WorkflowInfo {
  return {
    id,
    name,
    version: { id: 'v', versionNumber: 3 },
    isEditable: true,
    statusIds: statuses.map((s) => s.id),
    transitions,
    raw: {
      id,
      name,
      statuses: statuses.map((s) => ({
        statusReference: `ref-${s.id}`,
        properties: {},
        layout: { x: 1, y: 2 },
      })),
      transitions: transitions.map((t) => t.raw),
    },
    referenceOf: new Map(statuses.map((s) => [s.id, `ref-${s.id}`])),
  };
}

/** The model workflow as Jira would hold it once installed. */
function modelWorkflow(): WorkflowInfo {
  return workflow(
    'wf-ours',
    workflowNameFor('HELP'),
    modelStatuses,
    TRANSITIONS.map((t) =>
      transition(modelTransitionId(t.id), t.name, t.from.map(idOf), idOf(t.to), {
        [TRANSITION_TAG_PROPERTY]: t.id,
      }),
    ),
  );
}

const jsmWorkflow = workflow('wf-jsm', 'HELP: Service request fulfilment workflow', jsm, [
  transition('1', 'Create', [], '1'),
  transition(
    '11',
    'Start work',
    ['1'],
    '3',
    {},
    { raw: { id: '11', name: 'Start work', validators: [{ ruleKey: 'x' }] } },
  ),
  transition('21', 'Resolve', ['3'], '5'),
]);

function scheme(
  mappings: Record<string, string>,
  defaultWorkflowId: string | undefined,
  teamManaged = false,
): SchemeInfo {
  return {
    id: 's1',
    name: 'HELP scheme',
    description: '',
    version: { versionNumber: 7 },
    teamManaged,
    defaultWorkflowId,
    mappings,
    taskId: undefined,
  };
}

function snapshot(overrides: Partial<ProjectSnapshot> = {}): ProjectSnapshot {
  const workflows = overrides.workflows ?? [jsmWorkflow];
  return {
    project: {
      id: '10100',
      key: 'HELP',
      name: 'Help',
      teamManaged: false,
      issueTypes: [
        { id: 'it-1', name: 'Service request' },
        { id: 'it-2', name: 'Incident' },
      ],
    },
    scheme: scheme({ 'it-9': 'wf-other' }, 'wf-jsm'),
    workflows,
    statuses: new Map([...jsm, ...modelStatuses].map((s) => [s.id, s])),
    statusesInScope: [],
    schemeProjectIds: ['10100'],
    otherProjectsOnScheme: 0,
    ...overrides,
  };
}

function translator(locale: string): Translate {
  const messages: unknown = JSON.parse(readFileSync(join(__dirname, `../../locales/${locale}.json`), 'utf8'));
  return (key, vars) => {
    const text = lookup(messages, key);
    if (text === undefined) throw new Error(`no ${key} in ${locale}`);
    return formatMessage(text, vars);
  };
}
const fr = translator('fr-FR');

// --- mapping ----------------------------------------------------------------------------------------

describe('the status a request moves to', () => {
  it.each<[string, StatusCategory, StatusKey]>([
    ['en attente d’approbation client', 'IN_PROGRESS', 'waiting_approval'],
    ['FERMÉ', 'TODO', 'closed'],
    ['Waiting for customer', 'IN_PROGRESS', 'waiting_customer'],
    ['Waiting for approval', 'IN_PROGRESS', 'waiting_approval'],
    ['Waiting for support', 'TODO', 'open'],
    ['Resolved', 'DONE', 'resolved'],
    ['Canceled', 'DONE', 'closed'],
    ['Escalated', 'IN_PROGRESS', 'in_progress'],
    ['Backlog', 'TODO', 'open'],
  ])('%s (%s) → %s', (name, category, key) => {
    expect(targetStatusFor({ name, category })).toBe(key);
  });

  it('gives every model status and transition a distinct reference and id', () => {
    expect(new Set(STATUSES.map((s) => statusReference(s.key))).size).toBe(STATUSES.length);
    expect(TRANSITIONS.map((t) => modelTransitionId(t.id))).toEqual([
      '1',
      ...TRANSITIONS.slice(1).map((_, i) => String((i + 1) * 10 + 1)),
    ]);
  });
});

// --- comparison -----------------------------------------------------------------------------------------

describe('comparing a workflow with the model', () => {
  it('finds nothing to say about the model itself, and every id the portal needs', () => {
    const match = matchWorkflow(modelWorkflow(), snapshot().statuses);
    expect(match.findings).toEqual([]);
    const config = configFrom(match);
    expect(config.statuses).toEqual(Object.fromEntries(STATUSES.map((s) => [s.key, idOf(s.key)])));
    expect(config.transitions.reopen).toBe(modelTransitionId('reopen'));
  });

  it('recognises an untagged transition by name and target, and a global one as leaving every status', () => {
    const w = modelWorkflow();
    const answered = w.transitions.find((t) => t.properties[TRANSITION_TAG_PROPERTY] === 'customerAnswered')!;
    answered.properties = {};
    const select = w.transitions.find((t) => t.properties[TRANSITION_TAG_PROPERTY] === 'select')!;
    select.type = 'GLOBAL';
    select.fromStatusIds = [];
    const match = matchWorkflow(w, snapshot().statuses);
    expect(match.findings).toEqual([
      { kind: 'tagMissing', transition: 'customerAnswered', jiraName: 'Customer answered' },
    ]);
    expect(match.transitions.customerAnswered?.id).toBe(answered.id);
  });

  it('tells a renamed, retargeted, narrowed or missing transition and a missing status apart', () => {
    const w = modelWorkflow();
    const byTag = (tag: string): TransitionInfo =>
      w.transitions.find((t) => t.properties[TRANSITION_TAG_PROPERTY] === tag)!;
    byTag('reopen').name = 'Rouvrir';
    byTag('close').toStatusId = idOf('resolved');
    byTag('resolve').fromStatusIds = [idOf('in_progress')];
    w.transitions = w.transitions.filter((t) => t !== byTag('requestApproval'));
    w.statusIds = w.statusIds.filter((id) => id !== idOf('to_deliver'));
    expect(matchWorkflow(w, snapshot().statuses).findings).toEqual<Finding[]>([
      { kind: 'statusMissing', status: 'to_deliver' },
      { kind: 'transitionMissing', transition: 'requestApproval' },
      { kind: 'transitionSource', transition: 'resolve', status: 'transferred' },
      { kind: 'transitionTarget', transition: 'close', actual: 'Résolu' },
      { kind: 'transitionRenamed', transition: 'reopen', jiraName: 'Rouvrir' },
    ]);
  });

  it('says absent, partial or installed, and asks for the ids only once Jira is right', () => {
    expect(assess(snapshot(), null).state).toBe('absent');
    const ours = modelWorkflow();
    const half = snapshot({ workflows: [jsmWorkflow, ours] });
    expect(assess(half, null)).toEqual(
      expect.objectContaining({
        state: 'partial',
        findings: [{ kind: 'issueTypesElsewhere', issueTypes: ['Service request', 'Incident'] }],
      }),
    );
    const done = snapshot({ workflows: [ours], scheme: scheme({ 'it-9': 'wf-other' }, 'wf-ours') });
    expect(assess(done, null).findings).toEqual([{ kind: 'configMissing' }]);
    const config = configFrom(matchWorkflow(ours, done.statuses));
    expect(assess(done, config).state).toBe('installed');
    expect(
      assess(done, { ...config, transitions: { ...config.transitions, reopen: '999' } }).findings,
    ).toEqual([{ kind: 'configOutdated' }]);
  });
});

// --- plan and payloads ------------------------------------------------------------------------------------

describe('the plan', () => {
  it('reuses statuses of the same names as they are, creates the others, and maps the rest', () => {
    const inScope: StatusInfo[] = [
      { id: '777', name: 'résolu', category: 'IN_PROGRESS', description: 'Ours' },
    ];
    const plan = planInstall(snapshot({ statusesInScope: inScope }), null);
    expect(plan.statuses.find((s) => s.key === 'resolved')).toEqual({
      key: 'resolved',
      action: 'reuse',
      existing: inScope[0],
      categoryDiffers: true,
    });
    expect(plan.statuses.filter((s) => s.action === 'create')).toHaveLength(9);
    expect(plan.workflow).toEqual(
      expect.objectContaining({ action: 'create', name: 'Guide des statuts – HELP' }),
    );
    expect(plan.scheme).toEqual(
      expect.objectContaining({ action: 'update', issueTypes: ['Service request', 'Incident'] }),
    );
    expect(plan.mappings.map((m) => [m.fromStatusName, m.to])).toEqual([
      ['Waiting for support', 'open'],
      ['In Progress', 'in_progress'],
      ['Resolved', 'resolved'],
    ]);

    const payload = buildCreatePayload(plan);
    expect(payload.scope).toEqual({ type: 'GLOBAL' });
    // The existing status goes back exactly as it is, so Jira changes nothing about it.
    expect(payload.statuses.find((s) => s.id === '777')).toEqual({
      id: '777',
      name: 'résolu',
      statusCategory: 'IN_PROGRESS',
      description: 'Ours',
      statusReference: statusReference('resolved'),
    });
    const [created] = payload.workflows;
    expect(created?.transitions.filter((t) => t.type === 'INITIAL')).toHaveLength(1);
    expect(created?.transitions.map((t) => t.properties?.[TRANSITION_TAG_PROPERTY])).toEqual(
      TRANSITIONS.map((t) => t.id),
    );
    const references = new Set(payload.statuses.map((s) => s.statusReference));
    for (const t of created?.transitions ?? [])
      for (const ref of [t.toStatusReference, ...(t.links ?? []).map((l) => l.fromStatusReference)])
        expect(references.has(ref ?? '')).toBe(true);
  });

  it('lives in the project for a team-managed project', () => {
    const plan = planInstall(snapshot({ project: { ...snapshot().project, teamManaged: true } }), null);
    expect(buildCreatePayload(plan).scope).toEqual({ type: 'PROJECT', project: { id: '10100' } });
  });

  it('is blocked by a shared scheme or a workflow Jira will not let change, not by a migration under way', () => {
    const broken = modelWorkflow();
    broken.isEditable = false;
    broken.transitions = broken.transitions.slice(0, -1);
    const s = snapshot({ workflows: [jsmWorkflow, broken], otherProjectsOnScheme: 2 });
    s.scheme.taskId = '10001';
    expect(planInstall(s, null, new Map([['wf-ours', []]])).blockers).toEqual<Blocker[]>([
      { kind: 'schemeShared', scheme: 'HELP scheme', otherProjects: 2 },
      { kind: 'workflowNotEditable', workflow: 'Guide des statuts – HELP' },
    ]);
  });

  it('never plans to change a workflow without knowing which projects use it', () => {
    const broken = modelWorkflow();
    broken.transitions = broken.transitions.slice(0, -1);
    const s = snapshot({ workflows: [broken], scheme: scheme({}, 'wf-ours') });
    expect(() => planInstall(s, null)).toThrow('were not read');
  });

  it('copies a workflow other projects use instead of changing it, and the copy keeps everything', () => {
    const shared = modelWorkflow();
    shared.id = 'wf-sup';
    shared.name = workflowNameFor('SUP');
    const renamed = shared.transitions.find((t) => t.properties[TRANSITION_TAG_PROPERTY] === 'reopen')!;
    renamed.name = 'Rouvrir (SUP)';
    const s = snapshot({ workflows: [shared], scheme: scheme({}, 'wf-sup') });
    const sup = { id: '10200', key: 'SUP', name: 'Support' };
    const plan = planInstall(s, null, new Map([['wf-sup', [sup]]]));
    expect(plan.blockers).toEqual([]);
    expect(plan.workflow).toEqual(
      expect.objectContaining({
        action: 'copy',
        name: 'Guide des statuts – HELP',
        copyOf: { id: 'wf-sup', name: 'Guide des statuts – SUP' },
        sharedWith: [sup],
      }),
    );
    expect(plan.scheme.issueTypes).toEqual(['Service request', 'Incident']);
    // The copy has every status of the shared one: no request changes status.
    expect(plan.mappings).toEqual([]);
    const payload = buildCopyPayload(plan, shared, matchWorkflow(shared, s.statuses), s.statuses);
    expect(payload.workflows.map((w) => w.name)).toEqual(['Guide des statuts – HELP']);
    expect(payload.workflows[0]).not.toHaveProperty('id');
    const reopen = payload.workflows[0]!.transitions.find((t) => t.id === renamed.id);
    expect(reopen?.name).toBe('Reopen');
    expect(describePlan(fr, plan).workflow.slice(0, 2)).toEqual([
      "Le workflow « Guide des statuts – SUP » sert aussi à d'autres projets : Support (SUP). L'installation ne le modifie pas, pour ne rien changer chez eux.",
      'Créer « Guide des statuts – HELP », une copie de « Guide des statuts – SUP » réservée à ce projet (statuts, transitions, règles et écrans repris tels quels), et la compléter :',
    ]);

    // Shared under this project's own name: nothing to copy to, so nothing is done.
    shared.name = workflowNameFor('HELP');
    const blocked = planInstall(s, null, new Map([['wf-sup', [sup]]]));
    expect(blocked.blockers).toEqual<Blocker[]>([
      { kind: 'workflowShared', workflow: 'Guide des statuts – HELP', projects: [sup] },
    ]);
  });

  it('repairs our workflow by sending back everything it has, plus what it lacks', () => {
    const ours = modelWorkflow();
    const foreign = transition('901', 'Escalate to vendor', [idOf('in_progress')], '3', {}, {});
    foreign.raw = {
      ...foreign.raw,
      validators: [{ ruleKey: 'system:check-permission', parameters: { p: 'x' } }],
    };
    ours.transitions = ours.transitions.filter((t) => t.properties[TRANSITION_TAG_PROPERTY] !== 'reopen');
    ours.transitions.push(foreign);
    ours.statusIds.push('3');
    ours.raw.statuses?.push({ statusReference: 'ref-3', properties: { keep: 'me' } });
    ours.referenceOf.set('3', 'ref-3');
    const s = snapshot({ workflows: [ours], scheme: scheme({}, 'wf-ours') });
    const plan = planInstall(s, null, new Map([['wf-ours', []]]));
    expect(plan.workflow).toEqual(
      expect.objectContaining({
        action: 'update',
        repairs: [{ kind: 'transitionMissing', transition: 'reopen' }],
      }),
    );
    const payload = buildUpdatePayload(plan, ours, matchWorkflow(ours, s.statuses), s.statuses);
    const [update] = payload.workflows;
    expect(update?.version).toEqual({ id: 'v', versionNumber: 3 });
    expect(update?.statuses).toContainEqual({ statusReference: 'ref-3', properties: { keep: 'me' } });
    expect(update?.transitions.find((t) => t.id === '901')).toEqual(
      expect.objectContaining({
        name: 'Escalate to vendor',
        validators: [{ ruleKey: 'system:check-permission', parameters: { p: 'x' } }],
      }),
    );
    const reopen = update?.transitions.find((t) => t.properties?.[TRANSITION_TAG_PROPERTY] === 'reopen');
    expect(reopen).toEqual(
      expect.objectContaining({
        id: '911',
        name: 'Reopen',
        toStatusReference: `ref-${idOf('reopened')}`,
        links: [{ fromStatusReference: `ref-${idOf('closed')}` }],
      }),
    );
    expect(payload.statuses.map((x) => x.id)).toEqual([...modelStatuses.map((m) => m.id), '3']);
    // A status outside the model goes back exactly as it is: the update renames nothing.
    expect(payload.statuses.at(-1)).toEqual({
      id: '3',
      name: 'In Progress',
      statusCategory: 'IN_PROGRESS',
      description: '',
      statusReference: 'ref-3',
    });
  });

  it('points the project at our workflow, keeping the scheme’s other mappings', () => {
    const s = snapshot();
    const plan = planInstall(s, null);
    const update = buildSchemeUpdate(plan, s, 'wf-new', (key) => `new-${key}`);
    expect(update).toEqual({
      id: 's1',
      name: 'HELP scheme',
      description: '',
      version: { versionNumber: 7 },
      defaultWorkflowId: 'wf-new',
      workflowsForIssueTypes: [
        { workflowId: 'wf-other', issueTypeIds: ['it-9'] },
        { workflowId: 'wf-new', issueTypeIds: ['it-1', 'it-2'] },
      ],
      statusMappingsByWorkflows: [
        {
          oldWorkflowId: 'wf-jsm',
          newWorkflowId: 'wf-new',
          statusMappings: [
            { oldStatusId: '1', newStatusId: 'new-open' },
            { oldStatusId: '3', newStatusId: 'new-in_progress' },
            { oldStatusId: '5', newStatusId: 'new-resolved' },
          ],
        },
      ],
    });
    const team = snapshot({ scheme: scheme({ 'it-1': 'wf-jsm', 'it-2': 'wf-jsm' }, undefined, true) });
    expect(buildSchemeUpdate(planInstall(team, null), team, 'wf-new', () => 'x')).not.toHaveProperty(
      'defaultWorkflowId',
    );
  });
});

// --- wording ------------------------------------------------------------------------------------------

describe('the words', () => {
  const findings: Finding[] = [
    { kind: 'workflowMissing', workflow: 'W' },
    { kind: 'statusMissing', status: 'to_deliver' },
    { kind: 'transitionMissing', transition: 'reopen' },
    { kind: 'tagMissing', transition: 'acceptedByCustomer', jiraName: 'OK' },
    { kind: 'transitionRenamed', transition: 'customerAnswered', jiraName: 'Répondu' },
    { kind: 'transitionTarget', transition: 'close', actual: 'Résolu' },
    { kind: 'transitionSource', transition: 'resolve', status: 'transferred' },
    { kind: 'issueTypesElsewhere', issueTypes: ['A', 'B'] },
    { kind: 'migrationRunning' },
    { kind: 'configMissing' },
    { kind: 'configOutdated' },
    { kind: 'workflowShared', workflow: 'W', projects: [{ id: '1', key: 'SUP', name: 'Support' }] },
  ];
  const blockers: Blocker[] = [
    { kind: 'schemeShared', scheme: 'S', otherProjects: 3 },
    { kind: 'workflowNotEditable', workflow: 'W' },
    { kind: 'workflowShared', workflow: 'W', projects: [{ id: '1', key: 'SUP', name: 'Support' }] },
  ];

  it.each(SUPPORTED_LOCALES)('say every finding and blocker in %s, with nothing left unfilled', (locale) => {
    const t = translator(locale);
    for (const text of [
      ...findings.map((f) => describeFinding(t, f)),
      ...blockers.map((b) => describeBlocker(t, b)),
    ]) {
      expect(text).not.toMatch(/\{\w+\}/);
      expect(text.length).toBeGreaterThan(10);
    }
  });

  it('read plainly in French', () => {
    expect(describeFinding(fr, findings[5]!)).toBe(
      'La transition « Clôturer » mène à « Résolu » au lieu de « Fermé ».',
    );
    expect(describeFinding(fr, findings[6]!)).toBe(
      "La transition « Résoudre » n'est plus possible depuis « Transféré au développement ».",
    );
  });

  it('leave out mappings that move no request, and total the others', () => {
    const plan = planInstall(snapshot(), null);
    const counted = { ...plan, mappings: plan.mappings.map((m, i) => ({ ...m, requests: i === 1 ? 4 : 0 })) };
    expect(describePlan(fr, counted).requests).toEqual([
      '« In Progress » devient « En progression » (demandes concernées : 4).',
      'Demandes qui changeront de statut : 4.',
    ]);
  });
});
