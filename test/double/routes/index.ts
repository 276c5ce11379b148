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
import { getCustomerRequests, getRequestCommentById, getServiceDeskById } from './jsm-lists';
import { addCommentHandler, getComments, getCommentsByIds, setCommentProperty } from './platform-comments';
import {
  doTransition,
  getChangeLogs,
  getChangeLogsByIds,
  getIssue,
  getTransitions,
  notify,
} from './platform-issues';
import {
  deleteIssueProperty,
  getIssueProperty,
  getIssuePropertyKeys,
  setIssueProperty,
} from './platform-properties';
import { bulkGetUsers, getCurrentUser, getMyPermissions, getUser } from './platform-users';
import {
  countIssues,
  createWorkflows,
  getProjectUsagesForWorkflowScheme,
  getTask,
  readWorkflowSchemes,
  readWorkflows,
  searchProjects,
  searchStatuses,
  updateSchemes,
  updateWorkflows,
  validateCreateWorkflows,
  validateUpdateWorkflows,
} from './platform-workflows';
import { getWorkflowSchemeUsagesForWorkflow } from './platform-workflow-usages';
import { searchIssuesByJql } from './platform-search';

export const HANDLERS: Readonly<Record<string, Handler>> = {
  // Platform
  getCurrentUser,
  getUser,
  bulkGetUsers,
  getMyPermissions,
  getIssue,
  getTransitions,
  doTransition,
  getChangeLogs,
  getChangeLogsByIds,
  getComments,
  getCommentsByIds,
  addComment: addCommentHandler,
  setCommentProperty,
  getIssuePropertyKeys,
  getIssueProperty,
  setIssueProperty,
  deleteIssueProperty,
  notify,
  // Platform: projects, statuses, workflows, workflow schemes, tasks (the installer's endpoints)
  searchProjects,
  search: searchStatuses,
  readWorkflows,
  validateCreateWorkflows,
  createWorkflows,
  validateUpdateWorkflows,
  updateWorkflows,
  readWorkflowSchemes,
  getProjectUsagesForWorkflowScheme,
  getWorkflowSchemeUsagesForWorkflow,
  updateSchemes,
  getTask,
  countIssues,
  searchAndReconsileIssuesUsingJqlPost: searchIssuesByJql,
  // JSM
  getCustomerRequestByIdOrKey,
  getCustomerRequestStatus,
  getRequestParticipants,
  getRequestComments,
  createRequestComment,
  getRequestCommentById,
  getCustomerRequests,
  getServiceDeskById,
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
  'countIssues',
]);
