/**
 * The installer's findings, blockers and plan, in plain words in the administrator's language.
 * Pure: takes the translator, so the texts are tested without Forge.
 */
import type { Translate } from '../i18n/locales';
import { TRANSITIONS, getStatus, type TransitionId } from '../workflow';
import type { Finding } from './analysis';
import type { Blocker, InstallPlan } from './plan';

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
  }
}

export function describeBlocker(t: Translate, b: Blocker): string {
  switch (b.kind) {
    case 'schemeShared':
      return t('admin.blocker.schemeShared', { scheme: b.scheme, count: b.otherProjects });
    case 'workflowNotEditable':
      return t('admin.blocker.workflowNotEditable', { workflow: b.workflow });
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

  const workflow =
    plan.workflow.action === 'create'
      ? [
          t('admin.plan.workflowCreate', {
            workflow: plan.workflow.name,
            transitions: TRANSITIONS.length,
            scope: t(plan.project.teamManaged ? 'admin.plan.scopeProject' : 'admin.plan.scopeGlobal'),
          }),
        ]
      : plan.workflow.action === 'update'
        ? [
            t('admin.plan.workflowUpdate', { workflow: plan.workflow.name }),
            ...plan.workflow.repairs.map((f) => describeFinding(t, f)),
          ]
        : [t('admin.plan.workflowKeep', { workflow: plan.workflow.name })];

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
