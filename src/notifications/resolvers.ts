/**
 * Mail settings resolvers, for the admin page: which statuses send an e-mail, per project. Only Jira
 * administrators may read or change them; Jira says who is one, asked as the caller.
 */
import { JiraClient } from '../jira/client';
import { AppError, type ResolverError } from '../shared/errors';
import { answer, callerFromContext, type ResolverRequest } from '../shared/resolver';
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

async function requireJiraAdmin(request: ResolverRequest): Promise<void> {
  callerFromContext(request.context);
  const { permissions } = await new JiraClient('user').getMyPermissions(['ADMINISTER']);
  if (permissions.ADMINISTER?.havePermission !== true)
    throw new AppError('NOT_ALLOWED', 'email.settings.notAdmin');
}

export function getMailSettings(request: ResolverRequest): Promise<MailSettings | ResolverError> {
  return answer(request, async () => {
    const projectKey = parseProjectKey(payloadOf(request.payload, GET_KEYS).projectKey);
    await requireJiraAdmin(request);
    return readMailSettings(projectKey);
  });
}

export function setMailSettings(request: ResolverRequest): Promise<MailSettings | ResolverError> {
  return answer(request, async () => {
    const payload = payloadOf(request.payload, SET_KEYS);
    const projectKey = parseProjectKey(payload.projectKey);
    const statuses = parseStatuses(payload.statuses);
    await requireJiraAdmin(request);
    return saveMailSettings(projectKey, statuses);
  });
}
