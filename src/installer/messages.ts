/**
 * The installer's findings, blockers and plan, in plain words in the administrator's language.
 * Pure: takes the translator, so the texts are tested without Forge.
 */
import type { Translate } from '../i18n/locales';
import { TRANSITIONS, getStatus, type TransitionId } from '../workflow';
import type { Finding } from './analysis';
import type { Blocker, InstallPlan } from './plan';
import type { ProjectRef } from './usage';

/** Projects as an administrator knows them: name and key. */
const projectList = (projects: readonly ProjectRef[]): string =>
  projects.map((p) => (p.name === p.key ? p.key : `${p.name} (${p.key})`)).join(', ');

const transitionName = (id: TransitionId): string => TRANSITIONS.find((t) => t.id === id)?.name ?? id;

export function describeFinding(t: Translate, f: Finding): string {
  switch (f.kind) {
    case 'workflowMissing':
      return t('admin.finding.workflowMissing', { workflow: f.workflow });
    case 'statusMissing':
      return t('admin.finding.statusMissing', { status: getStatus(f.status).name });
    case 'transitionMissing':
      return t('admin.finding.transitionMissing', { transition: transitionName(f.transition) });
    case 'tagMissing':
      return t('admin.finding.tagMissing', { transition: transitionName(f.transition), name: f.jiraName });
    case 'transitionRenamed':
      return t('admin.finding.transitionRenamed', {
        transition: transitionName(f.transition),
        name: f.jiraName,
      });
    case 'transitionTarget': {
      const expected = TRANSITIONS.find((x) => x.id === f.transition)?.to;
      return t('admin.finding.transitionTarget', {
        transition: transitionName(f.transition),
        actual: f.actual,
        expected: expected ? getStatus(expected).name : '?',
      });
    }
    case 'transitionSource':
      return t('admin.finding.transitionSource', {
        transition: transitionName(f.transition),
        status: getStatus(f.status).name,
      });
    case 'issueTypesElsewhere':
      return t('admin.finding.issueTypesElsewhere', { issueTypes: f.issueTypes.join(', ') });
    case 'migrationRunning':
      return t('admin.finding.migrationRunning');
    case 'configMissing':
      return t('admin.finding.configMissing');
    case 'configOutdated':
      return t('admin.finding.configOutdated');
    case 'workflowShared':
      return t('admin.finding.workflowShared', { workflow: f.workflow, projects: projectList(f.projects) });
  }
}

export function describeBlocker(t: Translate, b: Blocker): string {
  switch (b.kind) {
    case 'schemeShared':
      return t('admin.blocker.schemeShared', { scheme: b.scheme, count: b.otherProjects });
    case 'workflowNotEditable':
      return t('admin.blocker.workflowNotEditable', { workflow: b.workflow });
    case 'workflowShared':
      return t('admin.blocker.workflowShared', { workflow: b.workflow, projects: projectList(b.projects) });
  }
}

export interface PlanSections {
  statuses: string[];
  workflow: string[];
  scheme: string[];
  requests: string[];
  app: string[];
}

/** The plan, step by step, as the preview shows it. */
export function describePlan(t: Translate, plan: InstallPlan): PlanSections {
  const present = plan.statuses.filter((s) => s.action === 'present').length;
  const statuses = plan.statuses.flatMap((s) => {
    if (s.action === 'create') return [t('admin.plan.statusCreate', { status: getStatus(s.key).name })];
    if (s.action === 'reuse' && s.existing)
      return [
        t(s.categoryDiffers ? 'admin.plan.statusReuseCategory' : 'admin.plan.statusReuse', {
          existing: s.existing.name,
        }),
      ];
    return [];
  });
  if (present > 0) statuses.push(t('admin.plan.statusesPresent', { count: present }));

  const workflow = describeWorkflow(t, plan);

  const scheme =
    plan.scheme.action === 'update'
      ? [
          t('admin.plan.schemeUpdate', {
            scheme: plan.scheme.name,
            issueTypes: plan.scheme.issueTypes.join(', '),
          }),
        ]
      : [t('admin.plan.schemeKeep')];

  const requests: string[] = plan.findings
    .filter((f) => f.kind === 'migrationRunning')
    .map((f) => describeFinding(t, f));
  if (plan.scheme.action === 'update') {
    // A status no request is in moves nothing: only the mappings that move requests are worth reading.
    for (const m of plan.mappings.filter((x) => x.requests !== 0))
      requests.push(
        m.requests === null
          ? t('admin.plan.mappingUncounted', { from: m.fromStatusName, to: getStatus(m.to).name })
          : t('admin.plan.mapping', { from: m.fromStatusName, to: getStatus(m.to).name, count: m.requests }),
      );
    const counted = plan.mappings.every((m) => m.requests !== null);
    const total = plan.mappings.reduce((sum, m) => sum + (m.requests ?? 0), 0);
    if (counted)
      requests.push(
        total === 0 ? t('admin.plan.noRequests') : t('admin.plan.requestsTotal', { count: total }),
      );
  } else requests.push(t('admin.plan.noRequests'));

  const app = [
    plan.upToDate ? t('admin.plan.upToDate') : '',
    plan.saveConfig ? t('admin.plan.saveConfig') : '',
  ].filter((line) => line !== '');
  return { statuses, workflow, scheme, requests, app };
}

/** The workflow step: which workflow the project ends up with, and why the one it shares stays as it is. */
function describeWorkflow(t: Translate, plan: InstallPlan): string[] {
  const w = plan.workflow;
  const repairs = w.repairs.map((f) => describeFinding(t, f));
  const shared = plan.findings.filter((f) => f.kind === 'workflowShared').map((f) => describeFinding(t, f));
  switch (w.action) {
    case 'create':
      return [
        t('admin.plan.workflowCreate', {
          workflow: w.name,
          transitions: TRANSITIONS.length,
          scope: t(plan.project.teamManaged ? 'admin.plan.scopeProject' : 'admin.plan.scopeGlobal'),
        }),
      ];
    case 'copy':
      return [
        ...shared,
        t('admin.plan.workflowCopy', { workflow: w.name, source: w.copyOf?.name ?? '?' }),
        ...repairs,
      ];
    case 'update':
      // Shared and blocked: the blocker says what to do; the workflow is left as it is.
      if (plan.blockers.some((b) => b.kind === 'workflowShared')) return [...shared, ...repairs];
      return [
        ...shared,
        t('admin.plan.workflowUpdate', { workflow: w.name }),
        ...repairs,
        ...(w.sharedWith.length === 0 ? [t('admin.plan.workflowNotShared')] : []),
      ];
    case 'none':
      return [
        ...shared,
        t(shared.length > 0 ? 'admin.plan.workflowUseOwn' : 'admin.plan.workflowKeep', { workflow: w.name }),
      ];
  }
}
