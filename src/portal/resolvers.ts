/** Portal resolvers: thin. Who is calling, on which request, may they; then the tested modules. */
import { JiraClient } from '../jira/client';
import { AppError, type ResolverError } from '../shared/errors';
import { mayWrite, requireWritable } from '../shared/license';
import {
  answer,
  callerFromContext,
  issueKeyFromContext,
  localeFromPayload,
  type ResolverRequest,
} from '../shared/resolver';
import { overridesOrNone, portalTexts } from '../texts/resolve';
import { isReporterOrParticipant } from './access';
import { deadlineOf } from '../waiting/deadline';
import { currentStatusKey, projectKeyOf } from './current-status';
import { parseActionPayload } from './payload';
import { performCustomerAction as performAction, type ActionResult } from './perform-action';
import { toRequestView, type RequestView } from './request-view';

/**
 * The portal sends getRequestView its locale and nothing else. @forge/resolver hands the function
 * `payload || {}`, so no payload arrives as an empty object.
 */
function checkViewPayload(payload: unknown): void {
  if (typeof payload !== 'object' || Array.isArray(payload)) throw new AppError('INVALID_INPUT');
  for (const [key, value] of Object.entries(Object(payload) as object)) {
    if (key !== 'locale' || typeof value !== 'string' || value.length > 35)
      throw new AppError('INVALID_INPUT');
  }
}

/**
 * The request as its customer sees it on the portal. Portal-only customers cannot call Jira as
 * themselves (Atlassian ECO-838), so the app reads as itself and checks access here.
 */
export function getRequestView(request: ResolverRequest): Promise<RequestView | ResolverError> {
  return answer(request, async () => {
    checkViewPayload(request.payload);
    const issueKey = issueKeyFromContext(request.context, 'request');
    const caller = callerFromContext(request.context);
    const jira = new JiraClient('app');
    // The project's texts (one storage read, never failing) are read while Jira answers.
    const overrides = overridesOrNone(projectKeyOf(issueKey));
    const customerRequest = await jira.getCustomerRequest(issueKey);
    if (!(await isReporterOrParticipant(jira, customerRequest, caller))) throw new AppError('NOT_ALLOWED');
    // After the access check: the platform issue is read only for someone who may see the request.
    const view = toRequestView(customerRequest, await currentStatusKey(jira, customerRequest));
    const [texts, deadline] = await Promise.all([
      portalTexts(await overrides, localeFromPayload(request.payload), view.status.key),
      deadlineOf(
        projectKeyOf(issueKey),
        view.status.key,
        customerRequest.currentStatus?.statusDate.epochMillis,
      ),
    ]);
    // Under an inactive license the app acts on nothing: no actions to offer, no automatic outcome to
    // announce. The answer says no more than that: customers never read licensing words (src/shared/license.ts).
    const licensed = mayWrite(request.context);
    const status = {
      ...view.status,
      ...(texts ? { texts } : {}),
      ...(deadline && licensed ? { deadline } : {}),
    };
    return { ...view, status, actions: licensed ? view.actions : [] };
  });
}

/**
 * Performs one of the four customer actions on the request the panel is shown on. The app acts as
 * itself (portal-only customers cannot call Jira), so who may do what is decided here.
 */
export function performCustomerAction(request: ResolverRequest): Promise<ActionResult | ResolverError> {
  return answer(request, async () => {
    const input = parseActionPayload(request.payload);
    const issueKey = issueKeyFromContext(request.context, 'request');
    const caller = callerFromContext(request.context);
    // Before any request: a neutral refusal (NOT_AVAILABLE, so the panel reads the view again, now without actions).
    requireWritable(request.context, 'error.ACTION_UNAVAILABLE');
    return performAction({ jira: new JiraClient('app') }, issueKey, caller, input);
  });
}
