/**
 * Status names: JSM may show customers another name for a status, per request type, and may
 * translate it (src/portal/current-status.ts). For the most recent request of each request type,
 * this compares the name JSM reports with the platform issue's status, and says what the app takes
 * the request to be in, by the same rule as the portal, against what it is by id.
 */
import type { JiraClient } from '../jira/client';
import { projectKeyOf, statusKeyOf, trustedShownKey } from '../portal/current-status';
import { getProjectConfig } from '../shared/project-config';
import type { StatusSample } from './model';

/** Requests read in one page; request types sampled at most (one platform read each). */
const REQUESTS_PAGE = 50;
export const MAX_REQUEST_TYPES = 5;

/** At most 2 + MAX_REQUEST_TYPES Jira requests, all reads, as the app (as the portal reads). */
export async function checkStatusNames(
  jira: JiraClient,
  projectKey: string,
): Promise<{ configRecorded: boolean; samples: StatusSample[] }> {
  const [desk, config] = await Promise.all([
    jira.getServiceDeskOfProject(projectKey),
    getProjectConfig(projectKey),
  ]);
  const page = await jira.getServiceDeskRequests(desk.id, REQUESTS_PAGE);
  // Latest activity first (documented): the first request of each type is its most recent.
  const latest = new Map<string, (typeof page.values)[number]>();
  for (const request of page.values) {
    const type = request.requestTypeId ?? '';
    if (!latest.has(type) && latest.size < MAX_REQUEST_TYPES && projectKeyOf(request.issueKey) === projectKey)
      latest.set(type, request);
  }
  const samples = await Promise.all(
    [...latest.entries()].map(async ([requestTypeId, request]): Promise<StatusSample> => {
      const issue = await jira.getIssue(request.issueKey, ['status']);
      const jiraStatus = { id: issue.fields.status?.id ?? '', name: issue.fields.status?.name ?? '' };
      const shown = request.currentStatus?.status ?? '';
      const shownCategory = request.currentStatus?.statusCategory ?? null;
      // The portal's own rule: the shown name when it can be trusted, otherwise the status by its id.
      const actual = statusKeyOf(config, jiraStatus);
      const appReads = trustedShownKey(request.currentStatus) ?? actual;
      return {
        requestTypeId,
        requestType: request.requestType?.name ?? requestTypeId,
        issueKey: request.issueKey,
        shown,
        shownCategory,
        jira: jiraStatus,
        appReads,
        actual,
      };
    }),
  );
  return { configRecorded: config !== null, samples };
}
