/**
 * Admin page resolvers: thin. The call must come from the admin page, the caller must be a Jira
 * administrator (asked of Jira, as the caller, before anything else is read), and the payload may
 * only name a project key and a task id. Then the tested modules do the work, as the caller, so
 * Jira applies the administrator's own permissions and records the changes under their name.
 */
import { getTranslator, type Translate } from '../i18n';
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { AppError, type ResolverError } from '../shared/errors';
import { requireAdminPage, requireJiraAdmin } from '../shared/admin-access';
import { mayWrite, requireWritable } from '../shared/license';
import { answer, callerFromContext, logJiraFailure, type ResolverRequest } from '../shared/resolver';
import type { InstallState } from './analysis';
import { check, followMigration, install, preview, type ProgressOutcome } from './install';
import { describeBlocker, describeFinding, describePlan, type PlanSections } from './messages';
import { overview } from './overview';
import type { InstallPlan } from './plan';

export interface ProjectRowView {
  key: string;
  name: string;
  teamManaged: boolean;
  state: InstallState;
  details: string[];
}

export interface PlanView {
  project: InstallPlan['project'];
  state: InstallState;
  upToDate: boolean;
  canInstall: boolean;
  blockers: string[];
  sections: PlanSections;
  plan: InstallPlan;
}

export interface CheckView {
  project: InstallPlan['project'];
  state: InstallState;
  findings: string[];
  plan: InstallPlan;
}

export interface InstallView {
  state: 'installed' | 'migrating' | 'blocked' | 'failed';
  message: string;
  progress?: number;
  taskId?: string;
  blockers?: string[];
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;
/** Task ids are numbers today; letters and dashes are allowed in case Jira moves to UUIDs. */
const TASK_ID = /^[A-Za-z0-9-]{1,64}$/;
const PAYLOAD_KEYS = new Set(['locale', 'projectKey', 'taskId']);

interface AdminInput {
  locale?: string;
  projectKey?: string;
  taskId?: string;
}

function parseInput(payload: unknown, needs: { project?: boolean; task?: boolean }): AdminInput {
  const given: unknown = payload ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new AppError('INVALID_INPUT', 'admin.error.invalidInput');
  const input: AdminInput = {};
  for (const [key, value] of Object.entries(given)) {
    if (!PAYLOAD_KEYS.has(key) || typeof value !== 'string')
      throw new AppError('INVALID_INPUT', 'admin.error.invalidInput');
    if (key === 'locale' && value.length <= 35) input.locale = value;
    else if (key === 'projectKey' && PROJECT_KEY.test(value)) input.projectKey = value;
    else if (key === 'taskId' && TASK_ID.test(value)) input.taskId = value;
    else throw new AppError('INVALID_INPUT', 'admin.error.invalidInput');
  }
  if ((needs.project && !input.projectKey) || (needs.task && !input.taskId))
    throw new AppError('INVALID_INPUT', 'admin.error.invalidInput');
  return input;
}

/** Jira refusals in the administrator's terms: busy, rejected, or unavailable (nothing lost). */
function adminError(error: unknown): unknown {
  if (!(error instanceof JiraError)) return error;
  logJiraFailure(error);
  if (error.kind === 'conflict') return new AppError('NOT_AVAILABLE', 'admin.error.busy');
  if (error.kind === 'bad-request')
    return new AppError('NOT_AVAILABLE', 'admin.error.rejected', {
      details: error.jiraMessages.join(' ; ') || '-',
    });
  if (error.kind === 'forbidden' || error.kind === 'unauthorized')
    return new AppError('NOT_ALLOWED', 'admin.error.notAdmin');
  return new AppError('JIRA_UNAVAILABLE', 'admin.error.jira');
}

/** `writes`: the resolver changes Jira or storage, refused under an inactive license before any request. */
interface Needs {
  project?: boolean;
  task?: boolean;
  writes?: boolean;
}

function adminResolver<T>(
  needs: Needs,
  body: (jira: JiraClient, input: AdminInput, t: Translate, licensed: boolean) => Promise<T>,
): (request: ResolverRequest) => Promise<T | ResolverError> {
  return (request) =>
    answer(request, async () => {
      requireAdminPage(request.context, 'admin.error.notAdmin');
      callerFromContext(request.context);
      if (needs.writes) requireWritable(request.context, 'licensing.admin.refused');
      const input = parseInput(request.payload, needs);
      const jira = new JiraClient('user');
      try {
        await requireJiraAdmin(jira, 'admin.error.notAdmin');
        const { t } = await getTranslator(input.locale);
        return await body(jira, input, t, mayWrite(request.context));
      } catch (error) {
        throw adminError(error);
      }
    });
}

const projectKeyOf = (input: AdminInput): string => input.projectKey ?? '';

/** Under an inactive license, what the page shows above everything: why nothing can be saved. */
export interface LicenceNotice {
  title: string;
  body: string;
}

export const adminListProjects = adminResolver(
  {},
  async (jira, _input, t, licensed): Promise<{ projects: ProjectRowView[]; licence?: LicenceNotice }> => {
    const rows = await overview(jira);
    return {
      ...(licensed
        ? {}
        : { licence: { title: t('licensing.admin.title'), body: t('licensing.admin.body') } }),
      projects: rows.map((row) => ({
        key: row.project.key,
        name: row.project.name,
        teamManaged: row.project.teamManaged,
        state: row.state,
        details: row.findings.map((f) => describeFinding(t, f)),
      })),
    };
  },
);

/** `licensed` false: the preview still shows the plan, but it cannot be installed, and says why. */
function planView(t: Translate, plan: InstallPlan, licensed: boolean): PlanView {
  const blockers = plan.blockers.map((b) => describeBlocker(t, b));
  return {
    project: plan.project,
    state: plan.state,
    upToDate: plan.upToDate && !plan.saveConfig,
    canInstall: licensed && plan.blockers.length === 0 && !(plan.upToDate && !plan.saveConfig),
    blockers: licensed ? blockers : [t('licensing.admin.refused'), ...blockers],
    sections: describePlan(t, plan),
    plan,
  };
}

export const adminPreview = adminResolver(
  { project: true },
  async (jira, input, t, licensed): Promise<PlanView> =>
    planView(t, await preview(jira, projectKeyOf(input)), licensed),
);

export const adminCheck = adminResolver({ project: true }, async (jira, input, t): Promise<CheckView> => {
  const plan = await check(jira, projectKeyOf(input));
  return {
    project: plan.project,
    state: plan.state,
    findings: plan.findings.map((f) => describeFinding(t, f)),
    plan,
  };
});

function installView(t: Translate, projectKey: string, outcome: ProgressOutcome): InstallView {
  switch (outcome.state) {
    case 'installed':
      return { state: 'installed', message: t('admin.install.done', { project: projectKey }) };
    case 'migrating':
      return {
        state: 'migrating',
        taskId: outcome.taskId,
        progress: outcome.progress,
        message: t('admin.install.migrating', { progress: outcome.progress }),
      };
    case 'blocked':
      return {
        state: 'blocked',
        message: t('admin.preview.blocked'),
        blockers: outcome.blockers.map((b) => describeBlocker(t, b)),
      };
    case 'failed':
      return { state: 'failed', taskId: outcome.taskId, message: t('admin.install.failed') };
  }
}

export const adminInstall = adminResolver(
  { project: true, writes: true },
  async (jira, input, t): Promise<InstallView> =>
    installView(t, projectKeyOf(input), await install(jira, projectKeyOf(input))),
);

/** One look at the migration; when it is done, the install finishes (it records the ids in storage). */
export const adminInstallProgress = adminResolver(
  { project: true, task: true, writes: true },
  async (jira, input, t): Promise<InstallView> =>
    installView(t, projectKeyOf(input), await followMigration(jira, projectKeyOf(input), input.taskId ?? '')),
);
