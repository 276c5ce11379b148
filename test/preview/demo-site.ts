/**
 * The preview's demo site: the double's SUP-1 … SUP-10 (one request per status, reported by Claire),
 * moved to the present and given the exchanges a desk would have had, so that what the agent and the
 * customer read ("waiting for 3 days", "accepted by Claire") looks like a working week, not 2025.
 * Only the preview uses this; the test suites keep the double's fixed demo site.
 */
import frFR from '../../locales/fr-FR.json';
import { formatMessage, lookup } from '../../src/i18n/locales';
import { AUDIT_PROPERTY_KEY, type AuditLog, type AuditRecord } from '../../src/portal/audit';
import { STATUSES, getCustomerTransition, type CustomerActionId } from '../../src/workflow';
import {
  DEMO_STATUS_IDS,
  DEMO_USERS,
  addComment,
  findIssue,
  type DoubleIssue,
  type DoubleState,
} from '../double';

const DAY = 24 * 60 * 60 * 1000;
/** The moment the double's demo histories lead up to: Thursday 20 March 2025, 10:00 in Brussels. */
const DEMO_NOW = Date.UTC(2025, 2, 20, 9, 0);

/** Moves every date of the site by whole days, so times of day stay office hours. */
function moveToToday(state: DoubleState, now: number): void {
  const shift = Math.max(0, Math.floor((now - DEMO_NOW) / DAY)) * DAY;
  for (const issue of state.issues) {
    issue.created += shift;
    issue.updated += shift;
    issue.statusChangedAt += shift;
    for (const entry of issue.changelog) entry.created += shift;
    for (const comment of issue.comments) comment.created += shift;
  }
}

function demoIssue(state: DoubleState, key: string): DoubleIssue {
  const issue = findIssue(state, key);
  if (!issue) throw new Error(`The demo site has no ${key}`);
  return issue;
}

/** When the issue entered the status it is in now (its last status change). */
const enteredCurrentStatus = (issue: DoubleIssue): number => issue.statusChangedAt;

/** When the customer's transition out of `statusName` happened, from the changelog. */
function leftStatusAt(issue: DoubleIssue, statusName: string): number {
  const entry = issue.changelog.find((e) => e.items.some((i) => i.fromString === statusName));
  if (!entry) throw new Error(`${issue.key} never left ${statusName}`);
  return entry.created;
}

/** What the app writes when a customer acts from the portal: the public comment and the audit record. */
function customerActed(
  state: DoubleState,
  issue: DoubleIssue,
  action: CustomerActionId,
  at: number,
  text?: string,
): void {
  const transition = getCustomerTransition(action);
  const from = transition.from[0];
  if (!from) throw new Error(`${action} has no status to start from`);
  const reporter = DEMO_USERS.reporter;
  const comment =
    text === undefined
      ? undefined
      : addComment(state, issue, {
          authorId: state.appAccountId,
          body: `${formatMessage(lookup(frFR, 'comment.attribution') ?? '', {
            name: reporter.displayName,
            action: transition.name,
          })}\n\n${text}`,
          public: true,
          created: at - 1000,
        });
  const record: AuditRecord = {
    at: new Date(at).toISOString(),
    accountId: reporter.accountId,
    action,
    from,
    to: transition.to,
    submissionId: `demo-${issue.key}-${action}`,
    ...(comment ? { commentId: comment.id } : {}),
  };
  const log: AuditLog = { records: [record] };
  issue.properties[AUDIT_PROPERTY_KEY] = log;
}

/** The exchanges on the demo requests, in the words of a municipal IT desk and its customers. */
function addConversations(state: DoubleState): void {
  const agent = DEMO_USERS.agent.accountId;
  const nameOf = (key: keyof typeof DEMO_STATUS_IDS): string =>
    STATUSES.find((s) => s.key === key)?.name ?? key;

  const sup4 = demoIssue(state, 'SUP-4');
  addComment(state, sup4, {
    authorId: agent,
    body: 'Merci pour votre signalement. Nous avons reproduit le problème et préparons une correction.',
    public: true,
    created: enteredCurrentStatus(sup4) + 20 * 60_000,
  });
  addComment(state, sup4, {
    authorId: agent,
    body: 'Note interne : le PDF est vide dès que le nom du citoyen contient une apostrophe.',
    public: false,
    created: enteredCurrentStatus(sup4) + 45 * 60_000,
  });

  const sup7 = demoIssue(state, 'SUP-7');
  addComment(state, sup7, {
    authorId: agent,
    body:
      'Bonjour, le nouveau modèle de courrier de rappel (numéro de dossier et délai de paiement ajoutés) ' +
      'est disponible sur l’environnement de test. Pouvez-vous le valider, ou nous dire ce qui doit encore changer ?',
    public: true,
    created: enteredCurrentStatus(sup7),
  });

  const sup8 = demoIssue(state, 'SUP-8');
  customerActed(state, sup8, 'acceptedByCustomer', leftStatusAt(sup8, nameOf('waiting_approval')));
  addComment(state, sup8, {
    authorId: agent,
    body: 'Merci pour votre validation. Le nouveau logo sera mis en production lors de la prochaine livraison.',
    public: true,
    created: enteredCurrentStatus(sup8) + 60 * 60_000,
  });

  const sup9 = demoIssue(state, 'SUP-9');
  addComment(state, sup9, {
    authorId: agent,
    body: 'Le lien de réinitialisation reste désormais valable 24 heures. Pouvez-vous réessayer ?',
    public: true,
    created: leftStatusAt(sup9, nameOf('in_progress')),
  });

  const sup10 = demoIssue(state, 'SUP-10');
  customerActed(
    state,
    sup10,
    'reopen',
    enteredCurrentStatus(sup10),
    'Le mois de décembre a de nouveau disparu du calendrier depuis la mise à jour de lundi.',
  );
}

/** The `seed` the preview gives the double. */
export function seedPreviewSite(state: DoubleState, now = Date.now()): void {
  moveToToday(state, now);
  addConversations(state);
}
