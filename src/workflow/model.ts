/**
 * The support workflow, as data. This module is the single source of truth for statuses and
 * transitions: the installer, the portal, the agent view and the e-mails all read it.
 * Source: the customer documentation (chapter 8.4–8.6), summarised in docs/WORKFLOW.md.
 */

export const STATUS_KEYS = [
  'open',
  'selected',
  'transferred',
  'in_progress',
  'waiting_customer',
  'resolved',
  'waiting_approval',
  'to_deliver',
  'closed',
  'reopened',
] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

/** Jira's three status categories, by the keys the workflow APIs use. */
export type StatusCategory = 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface WorkflowStatus {
  readonly key: StatusKey;
  /** The Jira status name, exactly as customers know it (including "A délivrer" without accent). */
  readonly name: string;
  readonly category: StatusCategory;
  /** Shown as "Réponse requise": the request waits on the customer. */
  readonly customerMustAct: boolean;
}

export const CUSTOMER_ACTION_IDS = [
  'customerAnswered',
  'acceptedByCustomer',
  'refusedByCustomer',
  'reopen',
] as const;
export type CustomerActionId = (typeof CUSTOMER_ACTION_IDS)[number];

export const TEAM_TRANSITION_IDS = [
  'create',
  'select',
  'transferToDevelopment',
  'startProgress',
  'requestInformation',
  'requestApproval',
  'resolve',
  'close',
  'closeWithoutAnswer',
  'acceptWithoutAnswer',
] as const;
export type TeamTransitionId = (typeof TEAM_TRANSITION_IDS)[number];

export type TransitionId = CustomerActionId | TeamTransitionId;
export type Actor = 'customer' | 'team';

export interface CommentRule {
  readonly required: boolean;
  /** In characters as a person counts them (Unicode code points). */
  readonly maxLength: number;
}

export interface WorkflowTransition {
  readonly id: TransitionId;
  /** The Jira transition name. Customer transitions keep their documented English names. */
  readonly name: string;
  /** Empty for the initial (create) transition. */
  readonly from: readonly StatusKey[];
  readonly to: StatusKey;
  /** Who performs it. Customer transitions may also be performed by agents in Jira (a phone answer). */
  readonly performer: Actor;
  readonly comment: CommentRule;
  /** Made by the app itself when the customer does not answer (src/waiting/), not a usual team step. */
  readonly automatic?: true;
}

/**
 * Long enough for a detailed answer, short enough to read in the issue view. Jira itself accepts
 * 32,767 characters per comment; the portal never gets near it.
 */
export const CUSTOMER_COMMENT_MAX_LENGTH = 4000;
/** Jira's own limit on a comment body; team transitions are performed in Jira, not by this app. */
export const JIRA_COMMENT_MAX_LENGTH = 32767;

/**
 * The transition property that tags a transition with its id in this model, so the app finds
 * transitions by tag rather than by (editable) name. Transition properties are a string map.
 */
export const TRANSITION_TAG_PROPERTY = 'guide-des-statuts.transition';

export const STATUSES: readonly WorkflowStatus[] = [
  { key: 'open', name: 'Ouvert', category: 'TODO', customerMustAct: false },
  { key: 'selected', name: 'Sélectionné pour traitement', category: 'TODO', customerMustAct: false },
  { key: 'transferred', name: 'Transféré au développement', category: 'IN_PROGRESS', customerMustAct: false },
  { key: 'in_progress', name: 'En progression', category: 'IN_PROGRESS', customerMustAct: false },
  { key: 'waiting_customer', name: 'En attente du client', category: 'IN_PROGRESS', customerMustAct: true },
  { key: 'resolved', name: 'Résolu', category: 'DONE', customerMustAct: false },
  {
    key: 'waiting_approval',
    name: "En attente d'approbation client",
    category: 'IN_PROGRESS',
    customerMustAct: true,
  },
  { key: 'to_deliver', name: 'A délivrer', category: 'IN_PROGRESS', customerMustAct: false },
  { key: 'closed', name: 'Fermé', category: 'DONE', customerMustAct: false },
  { key: 'reopened', name: 'ReOuvert', category: 'TODO', customerMustAct: false },
];

const optionalTeamComment: CommentRule = { required: false, maxLength: JIRA_COMMENT_MAX_LENGTH };

export const TRANSITIONS: readonly WorkflowTransition[] = [
  // Team transitions, performed by agents in Jira.
  { id: 'create', name: 'Créer', from: [], to: 'open', performer: 'team', comment: optionalTeamComment },
  {
    id: 'select',
    name: 'Sélectionner pour traitement',
    from: ['open', 'reopened'],
    to: 'selected',
    performer: 'team',
    comment: optionalTeamComment,
  },
  {
    id: 'transferToDevelopment',
    name: 'Transférer au développement',
    from: ['open', 'reopened', 'selected', 'in_progress'],
    to: 'transferred',
    performer: 'team',
    comment: optionalTeamComment,
  },
  {
    id: 'startProgress',
    name: 'Prendre en charge',
    from: ['open', 'reopened', 'selected', 'transferred'],
    to: 'in_progress',
    performer: 'team',
    comment: optionalTeamComment,
  },
  {
    id: 'requestInformation',
    name: 'Demander des informations',
    from: ['in_progress', 'transferred'],
    to: 'waiting_customer',
    performer: 'team',
    comment: optionalTeamComment,
  },
  {
    id: 'requestApproval',
    name: "Demander l'approbation",
    from: ['in_progress', 'transferred', 'resolved'],
    to: 'waiting_approval',
    performer: 'team',
    comment: optionalTeamComment,
  },
  {
    id: 'resolve',
    name: 'Résoudre',
    from: ['in_progress', 'transferred'],
    to: 'resolved',
    performer: 'team',
    comment: optionalTeamComment,
  },
  {
    id: 'close',
    name: 'Clôturer',
    from: ['resolved', 'to_deliver'],
    to: 'closed',
    performer: 'team',
    comment: optionalTeamComment,
  },
  // Customer transitions, performed from the portal (and by agents on the customer's behalf).
  {
    id: 'customerAnswered',
    name: 'Customer answered',
    from: ['waiting_customer'],
    to: 'in_progress',
    performer: 'customer',
    comment: { required: true, maxLength: CUSTOMER_COMMENT_MAX_LENGTH },
  },
  {
    id: 'acceptedByCustomer',
    name: 'Accepted by customer',
    from: ['waiting_approval'],
    to: 'to_deliver',
    performer: 'customer',
    comment: { required: false, maxLength: CUSTOMER_COMMENT_MAX_LENGTH },
  },
  {
    id: 'refusedByCustomer',
    name: 'Refused by customer',
    from: ['waiting_approval'],
    to: 'in_progress',
    performer: 'customer',
    comment: { required: true, maxLength: CUSTOMER_COMMENT_MAX_LENGTH },
  },
  {
    // The team may reopen too: the same Jira transition serves both.
    id: 'reopen',
    name: 'Reopen',
    from: ['closed'],
    to: 'reopened',
    performer: 'customer',
    comment: { required: true, maxLength: CUSTOMER_COMMENT_MAX_LENGTH },
  },
  // The app's automatic outcomes (src/waiting/), team transitions so that Jira's history shows the
  // app, not the customer, decided. Last in the list: the transitions before keep their numbers.
  {
    id: 'closeWithoutAnswer',
    automatic: true,
    name: 'Clôturer sans réponse',
    from: ['waiting_customer'],
    to: 'closed',
    performer: 'team',
    comment: optionalTeamComment,
  },
  {
    id: 'acceptWithoutAnswer',
    automatic: true,
    name: 'Accepter sans réponse',
    from: ['waiting_approval'],
    to: 'to_deliver',
    performer: 'team',
    comment: optionalTeamComment,
  },
];
