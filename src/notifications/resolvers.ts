/**
 * Mail settings resolvers, for the admin page: which statuses send an e-mail, per project. Only the
 * admin page may call them (any module of the app can invoke any resolver), and only for a Jira
 * administrator: Jira says who is one, asked as the caller, before anything is read or written.
 */
import type { JiraClient } from '../jira/client';
import { requireAdminPage, requireJiraAdminCaller } from '../shared/admin-access';
import { AppError, type ResolverError } from '../shared/errors';
import { requireWritable } from '../shared/license';
import { answer, type ResolverRequest } from '../shared/resolver';
import {
  parseProjectKey,
  parseStatuses,
  readMailSettings,
  saveMailSettings,
  type MailSettings,
} from './settings';

const GET_KEYS = new Set(['projectKey', 'locale']);
const SET_KEYS = new Set(['projectKey', 'statuses', 'locale']);

/** The payload as an object holding only `allowed` keys. */
function payloadOf(payload: unknown, allowed: ReadonlySet<string>): Record<string, unknown> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    throw new AppError('INVALID_INPUT');
  const record = payload as Record<string, unknown>;
  if (Object.keys(record).some((k) => !allowed.has(k))) throw new AppError('INVALID_INPUT');
  return record;
}

const requireAdmin = (request: ResolverRequest): Promise<JiraClient> =>
  requireJiraAdminCaller(request.context, {
    refusal: 'email.settings.notAdmin',
    unavailable: 'email.settings.unavailable',
  });

export function getMailSettings(request: ResolverRequest): Promise<MailSettings | ResolverError> {
  return answer(request, async () => {
    requireAdminPage(request.context, 'email.settings.notAdmin');
    const projectKey = parseProjectKey(payloadOf(request.payload, GET_KEYS).projectKey);
    await requireAdmin(request);
    return readMailSettings(projectKey);
  });
}

export function setMailSettings(request: ResolverRequest): Promise<MailSettings | ResolverError> {
  return answer(request, async () => {
    requireAdminPage(request.context, 'email.settings.notAdmin');
    requireWritable(request.context, 'licensing.admin.refused');
    const payload = payloadOf(request.payload, SET_KEYS);
    const projectKey = parseProjectKey(payload.projectKey);
    const statuses = parseStatuses(payload.statuses);
    await requireAdmin(request);
    return saveMailSettings(projectKey, statuses);
  });
}
