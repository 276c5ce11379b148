/** Issue-view resolvers for agents. Agents are licensed users, so Jira is called as them. */
import { JiraClient } from '../jira/client';
import type { ResolverError } from '../shared/errors';
import { answer, issueKeyFromContext, type ResolverRequest } from '../shared/resolver';
import { statusHelpFor, type StatusHelp } from './status-help';

export function getStatusHelp(request: ResolverRequest): Promise<StatusHelp | ResolverError> {
  return answer(request, async () => {
    const issueKey = issueKeyFromContext(request.context, 'issue');
    // As the agent: Jira applies their own permissions, so the panel never shows more than the issue view.
    const issue = await new JiraClient('user').getIssue(issueKey, ['status']);
    return statusHelpFor(issue.key, issue.fields.status?.name ?? '');
  });
}
