/**
 * Platform: which workflow schemes use a workflow (GET /workflow/{workflowId}/workflowSchemes). Apart
 * from platform-workflows.ts, which is long enough. The spec says only "workflow schemes using a given
 * workflow"; the double counts a scheme whose default workflow it is, or that maps an issue type to it,
 * whether or not a project uses the scheme (the installer asks the scheme's project usages next).
 */
import { hasGlobalPermission } from './access';
import { JiraHttpError, pathParam, type Handler } from './context';

export const getWorkflowSchemeUsagesForWorkflow: Handler = (ctx) => {
  // Like the other new workflow APIs, 401 for a caller without Administer Jira.
  if (!hasGlobalPermission(ctx.state, ctx.caller.user, 'ADMINISTER'))
    throw new JiraHttpError(401, [
      'You are not authorized to perform this action. Administrator privileges are required.',
    ]);
  const id = pathParam(ctx, 'workflowId');
  if (!ctx.state.workflows.some((w) => w.id === id))
    throw new JiraHttpError(404, [`The workflow ${id} does not exist.`]);
  const schemes = ctx.state.workflowSchemes
    .filter((s) => s.defaultWorkflow === id || Object.values(s.issueTypeMappings).includes(id))
    .map((s) => ({ id: s.id }));
  return { status: 200, body: { workflowId: id, workflowSchemes: { values: schemes } } };
};
