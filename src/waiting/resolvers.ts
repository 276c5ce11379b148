/**
 * `getWaitingRules` / `setWaitingRules`, for the admin page only and Jira administrators only (asked
 * of Jira as the caller, before anything else is read or written). Payload `{ projectKey, rules?,
 * locale? }`. `getWaitingRules` answers the project's rules with the defaults filled in and, for the
 * rules given (else those saved), what they would do to the requests waiting now. `setWaitingRules`
 * stores them only when all of them are valid.
 */
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { parseProjectKey } from '../notifications/settings';
import { requireAdminPage, requireJiraAdminCaller } from '../shared/admin-access';
import { AppError, type ResolverError } from '../shared/errors';
import { requireWritable } from '../shared/license';
import { getProjectConfig } from '../shared/project-config';
import { answer, logJiraFailure, type ResolverRequest } from '../shared/resolver';
import { previewRules, type RulesPreview } from './preview';
import { parseRules, toPayload, type WaitingRulesPayload } from './rules';
import { readStoredRules, saveRules } from './store';

export interface WaitingRulesAnswer {
  projectKey: string;
  rules: WaitingRulesPayload;
  preview?: RulesPreview;
}

const KEYS = new Set(['projectKey', 'rules', 'locale']);

function payloadOf(payload: unknown): Record<string, unknown> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    throw new AppError('INVALID_INPUT', 'waiting.error.notAnObject', { field: 'payload' });
  const record = payload as Record<string, unknown>;
  const unknown = Object.keys(record).find((k) => !KEYS.has(k));
  if (unknown !== undefined)
    throw new AppError('INVALID_INPUT', 'waiting.error.unknownKey', { field: unknown });
  return record;
}

/** Jira is asked as the caller; its failure is said in the administrator's terms. */
async function asAdmin<T>(request: ResolverRequest, work: (jira: JiraClient) => Promise<T>): Promise<T> {
  const jira = await requireJiraAdminCaller(request.context, {
    refusal: 'waiting.error.notAdmin',
    unavailable: 'waiting.error.unavailable',
  });
  try {
    return await work(jira);
  } catch (error) {
    if (!(error instanceof JiraError)) throw error;
    logJiraFailure(error);
    throw new AppError('JIRA_UNAVAILABLE', 'waiting.error.unavailable');
  }
}

export function getWaitingRules(request: ResolverRequest): Promise<WaitingRulesAnswer | ResolverError> {
  return answer(request, async () => {
    requireAdminPage(request.context, 'waiting.error.notAdmin');
    const payload = payloadOf(request.payload);
    const projectKey = parseProjectKey(payload.projectKey);
    const given = payload.rules === undefined ? null : parseRules(payload.rules);
    return asAdmin(request, async (jira) => {
      const stored = await readStoredRules(projectKey);
      const rules = given ?? stored?.rules ?? parseRules({});
      const config = await getProjectConfig(projectKey);
      const preview = await previewRules(jira, projectKey, config, stored, rules, Date.now());
      return { projectKey, rules: toPayload(rules), preview };
    });
  });
}

export function setWaitingRules(request: ResolverRequest): Promise<WaitingRulesAnswer | ResolverError> {
  return answer(request, async () => {
    requireAdminPage(request.context, 'waiting.error.notAdmin');
    requireWritable(request.context, 'licensing.admin.refused');
    const payload = payloadOf(request.payload);
    const projectKey = parseProjectKey(payload.projectKey);
    if (payload.rules === undefined)
      throw new AppError('INVALID_INPUT', 'waiting.error.notAnObject', { field: 'rules' });
    const rules = parseRules(payload.rules);
    return asAdmin(request, async () => {
      const stored = await saveRules(projectKey, rules, Date.now());
      return { projectKey, rules: toPayload(stored.rules) };
    });
  });
}
