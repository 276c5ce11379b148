/**
 * The operations the double serves, by the specs' operationId. An operation the specs describe but
 * this table lacks answers 404 and is recorded as an 'unimplemented' violation.
 */
import type { Handler } from './context';
import {
  createRequestComment,
  getCustomerRequestByIdOrKey,
  getCustomerRequestStatus,
  getRequestComments,
  getRequestParticipants,
} from './jsm-requests';
import { addCommentHandler, getComments } from './platform-comments';
import { doTransition, getChangeLogs, getIssue, getTransitions, notify } from './platform-issues';
import {
  deleteIssueProperty,
  getIssueProperty,
  getIssuePropertyKeys,
  setIssueProperty,
} from './platform-properties';
import { getCurrentUser, getMyPermissions, getUser } from './platform-users';

export const HANDLERS: Readonly<Record<string, Handler>> = {
  // Platform
  getCurrentUser,
  getUser,
  getMyPermissions,
  getIssue,
  getTransitions,
  doTransition,
  getChangeLogs,
  getComments,
  addComment: addCommentHandler,
  getIssuePropertyKeys,
  getIssueProperty,
  setIssueProperty,
  deleteIssueProperty,
  notify,
  // JSM
  getCustomerRequestByIdOrKey,
  getCustomerRequestStatus,
  getRequestParticipants,
  getRequestComments,
  createRequestComment,
};

/**
 * POST operations that only read (searches and bulk reads), logged as 'read'. Every other
 * non-GET request is a write.
 */
export const READ_ONLY_POST_OPERATIONS: ReadonlySet<string> = new Set([
  'getCustomFieldsConfigurations',
  'getBulkChangelogs',
  'getCommentsByIds',
  'analyseExpression',
  'evaluateJiraExpression',
  'evaluateJSISJiraExpression',
  'getCustomFieldContextsForProjectsAndIssueTypes',
  'getIsWatchingIssueBulk',
  'getChangeLogsByIds',
  'getAutoCompletePost',
  'getPrecomputationsByID',
  'matchIssues',
  'parseJqlQueries',
  'sanitiseJqlQueries',
  'getBulkPermissions',
  'getPermittedProjects',
  'searchForIssuesUsingJqlPost',
  'searchAndReconsileIssuesUsingJqlPost',
  'readWorkflowFromHistory',
  'listWorkflowHistory',
  'readWorkflows',
  'validateCreateWorkflows',
  'readWorkflowPreviews',
  'validateUpdateWorkflows',
  'readWorkflowSchemes',
  'getRequiredWorkflowSchemeMappings',
  'getWorklogsForIds',
  'checkRequestTypePermissions',
]);
