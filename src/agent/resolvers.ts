/** Issue-view resolvers for agents. Agents are licensed users, so Jira is called as them. */
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { projectKeyOf, statusKeyOf } from '../portal/current-status';
import { getProjectConfig } from '../shared/project-config';
import type { ResolverError } from '../shared/errors';
import { mayWrite } from '../shared/license';
import { answer, issueKeyFromContext, localeFromPayload, type ResolverRequest } from '../shared/resolver';
import { overridesOrNone, statusTexts } from '../texts/resolve';
import { resolveLocale } from '../i18n/locales';
import { waitingForAgent, type AgentWaiting } from '../waiting/agent';
import {
  ISSUE_EXPAND,
  ISSUE_FIELDS,
  ISSUE_PROPERTIES,
  knownNames,
  namesToLookUp,
  recentAuditRecords,
  statusHelpFor,
  type StatusHelp,
} from './status-help';

/** What the agent panel gets: the status help, the waiting plan, and `licence` when it is inactive. */
export type AgentStatusHelp = StatusHelp & { waiting?: AgentWaiting; licence?: 'inactive' };

/**
 * Jira requests per display: one for status, history and audit record; one more only when the
 * audit names someone other than the reporter (a participant), to get their display name.
 */
export function getStatusHelp(request: ResolverRequest): Promise<AgentStatusHelp | ResolverError> {
  return answer(request, async () => {
    const issueKey = issueKeyFromContext(request.context, 'issue');
    // As the agent: Jira applies their own permissions, so the panel never shows more than the issue view.
    const jira = new JiraClient('user');
    const [issue, config, overrides] = await Promise.all([
      jira.getIssue(issueKey, ISSUE_FIELDS, { properties: ISSUE_PROPERTIES, expand: ISSUE_EXPAND }),
      getProjectConfig(projectKeyOf(issueKey)),
      overridesOrNone(projectKeyOf(issueKey)),
    ]);
    const records = recentAuditRecords(issue);
    const names = knownNames(issue);
    const missing = namesToLookUp(records, names);
    if (missing.length > 0) {
      try {
        for (const user of await jira.getUsers(missing))
          if (user.displayName) names.set(user.accountId, user.displayName);
      } catch (error) {
        // Names are a nicety: without them the panel still says what happened and when.
        if (!(error instanceof JiraError)) throw error;
        console.warn(`Display names unavailable: ${error.method} ${error.path} ${error.status ?? '-'}`);
      }
    }
    // Known by the id the installer recorded, so a status renamed in Jira is still explained.
    const key = statusKeyOf(config, issue.fields.status);
    const help = statusHelpFor(issue, records, names, key);
    // Under an inactive license nothing is written: no reminder or automatic outcome will come, so none
    // is announced, and the panel says why briefly (src/shared/license.ts).
    const licensed = mayWrite(request.context);
    const waiting = licensed ? await waitingForAgent(issue, key, Date.now()) : null;
    const withWaiting: AgentStatusHelp = {
      ...help,
      ...(waiting ? { waiting } : {}),
      ...(licensed ? {} : { licence: 'inactive' as const }),
    };
    if (help.status.key === null) return withWaiting;
    // The project's words, in the agent's language: what the customer reads, and the team's note.
    const texts = await statusTexts(
      overrides,
      resolveLocale(localeFromPayload(request.payload)),
      help.status.key,
    );
    return { ...withWaiting, status: { ...help.status, texts } };
  });
}
