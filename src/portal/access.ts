/**
 * Who may see and act on a request from the portal. The app calls Jira as itself, so it must apply
 * JSM's rule itself: the reporter and the request participants, nobody else.
 */
import type { JiraClient } from '../jira/client';
import type { CustomerRequest } from '../jira/types';

/** Upper bound on participant pages read, so a huge list cannot exhaust the invocation. */
const MAX_PARTICIPANT_PAGES = 20;

export async function isReporterOrParticipant(
  client: JiraClient,
  request: CustomerRequest,
  accountId: string,
): Promise<boolean> {
  if (request.reporter?.accountId === accountId) return true;
  let page = request.participants;
  for (let read = 1; page; read++) {
    if (page.values.some((p) => p.accountId === accountId)) return true;
    // The expanded list is the first page only; read on only when Jira says there is more.
    if (page.isLastPage !== false || read >= MAX_PARTICIPANT_PAGES) return false;
    page = await client.getRequestParticipants(request.issueKey, (page.start ?? 0) + page.values.length);
  }
  return false;
}
