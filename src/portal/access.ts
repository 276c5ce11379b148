/**
 * Who may see and act on a request from the portal. The app calls Jira as itself, so it must apply
 * JSM's rule itself: the reporter and the request participants, nobody else.
 */
import type { JiraClient } from '../jira/client';
import type { CustomerRequest, JsmUser } from '../jira/types';

/** Upper bound on participant pages read, so a huge list cannot exhaust the invocation. */
const MAX_PARTICIPANT_PAGES = 20;

/** The caller as Jira lists them on the request (its reporter, or one of its participants), if they are. */
export async function findReporterOrParticipant(
  client: JiraClient,
  request: CustomerRequest,
  accountId: string,
): Promise<JsmUser | undefined> {
  if (request.reporter?.accountId === accountId) return request.reporter;
  let page = request.participants;
  for (let read = 1; page; read++) {
    const found = page.values.find((p) => p.accountId === accountId);
    if (found) return found;
    // The expanded list is the first page only; read on only when Jira says there is more.
    if (page.isLastPage !== false || read >= MAX_PARTICIPANT_PAGES) return undefined;
    page = await client.getRequestParticipants(request.issueKey, (page.start ?? 0) + page.values.length);
  }
  return undefined;
}

export async function isReporterOrParticipant(
  client: JiraClient,
  request: CustomerRequest,
  accountId: string,
): Promise<boolean> {
  return (await findReporterOrParticipant(client, request, accountId)) !== undefined;
}
