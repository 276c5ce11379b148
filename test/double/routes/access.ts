/**
 * Who may see and do what. A simplified JSM permission model, matching the defaults of a
 * company-managed service project:
 * - the app user (asApp) holds every project permission (Forge app users get them through the
 *   atlassian-addons-project-access role) and Administer Jira (atlassian-addons-admin group);
 * - agents of the project may browse every request and do everything agents do;
 * - any other Atlassian account is a customer with portal access: JSM's default scheme grants
 *   "Service Project Customer - Portal Access" Browse, Create, Add comments and Transition, but a
 *   customer only sees requests they reported or participate in; others look absent (404);
 * - portal-only customers never get this far (every asUser call answers 403, ECO-838).
 */
import { projectOf, type DoubleIssue, type DoubleProject, type DoubleState, type DoubleUser } from '../state';
import { JiraHttpError, type Caller } from './context';

export type ProjectRole = 'app' | 'agent' | 'customer';

export function roleIn(user: DoubleUser, project: DoubleProject): ProjectRole {
  if (user.accountType === 'app') return 'app';
  return project.agents.includes(user.accountId) ? 'agent' : 'customer';
}

export function isAgentLike(user: DoubleUser, project: DoubleProject): boolean {
  return roleIn(user, project) !== 'customer';
}

export function canBrowse(state: DoubleState, user: DoubleUser, issue: DoubleIssue): boolean {
  if (isAgentLike(user, projectOf(state, issue))) return true;
  return issue.reporter === user.accountId || issue.participants.includes(user.accountId);
}

/** Customers only ever see public comments. */
export function canSeeInternalComments(state: DoubleState, user: DoubleUser, issue: DoubleIssue): boolean {
  return isAgentLike(user, projectOf(state, issue));
}

export const PLATFORM_ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
export const JSM_REQUEST_NOT_FOUND = 'The request does not exist or you do not have permission to see it.';

/** The issue, if it exists and the caller may browse it; 404 otherwise, as Jira hides what you may not see. */
export function requireVisibleIssue(
  state: DoubleState,
  caller: Caller,
  issue: DoubleIssue | undefined,
  message = PLATFORM_ISSUE_NOT_FOUND,
): DoubleIssue {
  if (!issue || !canBrowse(state, caller.user, issue)) throw new JiraHttpError(404, [message]);
  return issue;
}

export interface PermissionInfo {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

/** The permissions the double knows, with Jira's ids and names. Unknown keys answer 400, as in Jira. */
export const PERMISSIONS: readonly PermissionInfo[] = [
  {
    id: '0',
    key: 'ADMINISTER',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  {
    id: '44',
    key: 'SYSTEM_ADMIN',
    name: 'Jira System Administrators',
    type: 'GLOBAL',
    description: 'Ability to perform most administration functions.',
  },
  {
    id: '27',
    key: 'USER_PICKER',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker, and share issues.',
  },
  {
    id: '10',
    key: 'BROWSE_PROJECTS',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  {
    id: '11',
    key: 'CREATE_ISSUES',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
  },
  {
    id: '12',
    key: 'EDIT_ISSUES',
    name: 'Edit Issues',
    type: 'PROJECT',
    description: 'Ability to edit issues.',
  },
  {
    id: '13',
    key: 'ASSIGN_ISSUES',
    name: 'Assign Issues',
    type: 'PROJECT',
    description: 'Ability to assign issues to other people.',
  },
  {
    id: '14',
    key: 'RESOLVE_ISSUES',
    name: 'Resolve Issues',
    type: 'PROJECT',
    description: 'Ability to resolve and reopen issues.',
  },
  {
    id: '15',
    key: 'ADD_COMMENTS',
    name: 'Add Comments',
    type: 'PROJECT',
    description: 'Ability to comment on issues.',
  },
  {
    id: '16',
    key: 'DELETE_ISSUES',
    name: 'Delete Issues',
    type: 'PROJECT',
    description: 'Ability to delete issues.',
  },
  {
    id: '23',
    key: 'ADMINISTER_PROJECTS',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  {
    id: '32',
    key: 'MANAGE_WATCHERS',
    name: 'Manage Watchers',
    type: 'PROJECT',
    description: 'Ability to manage the watchers of an issue.',
  },
  {
    id: '46',
    key: 'TRANSITION_ISSUES',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
  },
];

const CUSTOMER_PROJECT_PERMISSIONS = new Set([
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'ADD_COMMENTS',
  'TRANSITION_ISSUES',
]);
const AGENT_PROJECT_PERMISSIONS = new Set([
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'ASSIGN_ISSUES',
  'RESOLVE_ISSUES',
  'ADD_COMMENTS',
  'MANAGE_WATCHERS',
  'TRANSITION_ISSUES',
]);

export function hasGlobalPermission(state: DoubleState, user: DoubleUser, key: string): boolean {
  switch (key) {
    case 'ADMINISTER':
      return user.jiraAdmin === true || user.accountType === 'app';
    case 'SYSTEM_ADMIN':
      return user.jiraAdmin === true;
    case 'USER_PICKER':
      return (
        user.jiraAdmin === true ||
        user.accountType === 'app' ||
        state.projects.some((p) => p.agents.includes(user.accountId))
      );
    default:
      return false;
  }
}

/** A project permission in a project (the caller already passed the issue visibility check, if any). */
export function hasProjectPermission(user: DoubleUser, project: DoubleProject, key: string): boolean {
  const role = roleIn(user, project);
  if (role === 'app') return true;
  if (key === 'ADMINISTER_PROJECTS' || key === 'DELETE_ISSUES') return user.jiraAdmin === true;
  return (role === 'agent' ? AGENT_PROJECT_PERMISSIONS : CUSTOMER_PROJECT_PERMISSIONS).has(key);
}

/** Throws 403 (Jira's answer for a browsable issue the caller may not change) unless the permission is held. */
export function requireProjectPermission(
  user: DoubleUser,
  project: DoubleProject,
  key: string,
  message: string,
): void {
  if (!hasProjectPermission(user, project, key)) throw new JiraHttpError(403, [message]);
}
