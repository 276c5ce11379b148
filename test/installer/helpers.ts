/** Calls to the admin page resolvers, as the page makes them, for the installer suites. */
import type { InstallView, PlanView, CheckView, ProjectRowView } from '../../src/installer/resolvers';
import { isResolverError as isError, type ResolverError } from '../../src/shared/errors';
import { DEMO_USERS } from '../double/state';
import type { TestApp } from '../support/app';

export const ADMIN = { accountId: DEMO_USERS.admin.accountId };
export const AGENT = { accountId: DEMO_USERS.agent.accountId };
export const PORTAL_CUSTOMER = { accountId: DEMO_USERS.reporter.accountId };
export const ATLASSIAN_CUSTOMER = { accountId: DEMO_USERS.atlassianCustomer.accountId };

export { isError };

/** The answer, or a failed test naming the error the resolver sent instead. */
export function ok<T>(value: T | ResolverError): T {
  if (isError(value)) throw new Error(`resolver answered ${value.error.code}: ${value.error.message}`);
  return value;
}

export const list = async (app: TestApp, locale = 'fr-FR'): Promise<ProjectRowView[]> =>
  ok(
    await app.adminPage<{ projects: ProjectRowView[] } | ResolverError>(
      'adminListProjects',
      { locale },
      ADMIN,
    ),
  ).projects;

export const previewOf = async (app: TestApp, projectKey: string, locale = 'fr-FR'): Promise<PlanView> =>
  ok(await app.adminPage<PlanView | ResolverError>('adminPreview', { projectKey, locale }, ADMIN));

export const checkOf = async (app: TestApp, projectKey: string, locale = 'fr-FR'): Promise<CheckView> =>
  ok(await app.adminPage<CheckView | ResolverError>('adminCheck', { projectKey, locale }, ADMIN));

export const installOnce = (
  app: TestApp,
  projectKey: string,
  locale = 'fr-FR',
): Promise<InstallView | ResolverError> =>
  app.adminPage<InstallView | ResolverError>('adminInstall', { projectKey, locale }, ADMIN);

export const progressOf = (
  app: TestApp,
  projectKey: string,
  taskId: string,
  locale = 'fr-FR',
): Promise<InstallView | ResolverError> =>
  app.adminPage<InstallView | ResolverError>('adminInstallProgress', { projectKey, taskId, locale }, ADMIN);

/** Installs and follows the migration to its end, as the page does; returns every answer seen. */
export async function installToEnd(app: TestApp, projectKey: string): Promise<InstallView[]> {
  const answers = [ok(await installOnce(app, projectKey))];
  for (let polls = 0; answers[answers.length - 1]?.state === 'migrating' && polls < 20; polls++) {
    const taskId = answers[answers.length - 1]?.taskId ?? '';
    answers.push(ok(await progressOf(app, projectKey, taskId)));
  }
  return answers;
}

/** A read of an asynchronous task's progress (the migration the install starts). */
export const isTaskPoll = (e: { method: string; path: string }): boolean =>
  e.method === 'GET' && e.path.startsWith('/rest/api/3/task/');

/** Requests the app sent since the log was last reset, by kind. */
export function requestsOf(app: TestApp): { reads: string[]; writes: string[]; polls: string[] } {
  const line = (e: { method: string; path: string; status: number }): string =>
    `${e.method} ${decodeURIComponent(e.path)} ${e.status}`;
  return {
    reads: app.double.log.filter((e) => e.kind === 'read' && !isTaskPoll(e)).map(line),
    writes: app.double.log.filter((e) => e.kind === 'write').map(line),
    polls: app.double.log.filter(isTaskPoll).map(line),
  };
}
