/** What the agent panel explains about a status. Pure, built from the workflow model. */
import {
  customerActionsFrom,
  findStatusByName,
  teamTransitionsFrom,
  type CustomerActionId,
  type StatusKey,
  type TransitionId,
} from '../workflow';

export interface StatusHelp {
  issueKey: string;
  /** Null when the status is outside the workflow: the panel then stays out of the way. */
  status: { key: StatusKey; name: string; responseRequired: boolean } | { key: null; name: string };
  customerActions: CustomerActionId[];
  nextTeamTransitions: { id: TransitionId; name: string }[];
}

export function statusHelpFor(issueKey: string, statusName: string): StatusHelp {
  const known = findStatusByName(statusName);
  if (!known)
    return {
      issueKey,
      status: { key: null, name: statusName },
      customerActions: [],
      nextTeamTransitions: [],
    };
  return {
    issueKey,
    status: { key: known.key, name: statusName, responseRequired: known.customerMustAct },
    customerActions: customerActionsFrom(known.key).map((t) => t.id),
    nextTeamTransitions: teamTransitionsFrom(known.key).map((t) => ({ id: t.id, name: t.name })),
  };
}
