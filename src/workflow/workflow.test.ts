import {
  CUSTOMER_TRANSITIONS,
  STATUSES,
  STATUS_KEYS,
  TRANSITIONS,
  checkComment,
  commentLength,
  customerActionsFrom,
  findStatusByName,
  getCustomerTransition,
  getTransition,
  getStatus,
  initialStatus,
  isActionAvailable,
  isCustomerActionId,
  reachableFrom,
  teamTransitionsFrom,
  transitionsFrom,
  type CustomerActionId,
  type StatusKey,
  type TransitionId,
} from '.';

/** The tables of docs/WORKFLOW.md, restated independently of the model. */
const DOC_STATUSES: [StatusKey, string, string, boolean][] = [
  ['open', 'Ouvert', 'TODO', false],
  ['selected', 'Sélectionné pour traitement', 'TODO', false],
  ['transferred', 'Transféré au développement', 'IN_PROGRESS', false],
  ['in_progress', 'En progression', 'IN_PROGRESS', false],
  ['waiting_customer', 'En attente du client', 'IN_PROGRESS', true],
  ['resolved', 'Résolu', 'DONE', false],
  ['waiting_approval', "En attente d'approbation client", 'IN_PROGRESS', true],
  ['to_deliver', 'A délivrer', 'IN_PROGRESS', false],
  ['closed', 'Fermé', 'DONE', false],
  ['reopened', 'ReOuvert', 'TODO', false],
];

const DOC_TEAM: [string, string[], string][] = [
  ['Sélectionner pour traitement', ['Ouvert', 'ReOuvert'], 'Sélectionné pour traitement'],
  [
    'Transférer au développement',
    ['Ouvert', 'ReOuvert', 'Sélectionné pour traitement', 'En progression'],
    'Transféré au développement',
  ],
  [
    'Prendre en charge',
    ['Ouvert', 'ReOuvert', 'Sélectionné pour traitement', 'Transféré au développement'],
    'En progression',
  ],
  ['Demander des informations', ['En progression', 'Transféré au développement'], 'En attente du client'],
  [
    "Demander l'approbation",
    ['En progression', 'Transféré au développement', 'Résolu'],
    "En attente d'approbation client",
  ],
  ['Résoudre', ['En progression', 'Transféré au développement'], 'Résolu'],
  ['Clôturer', ['Résolu', 'A délivrer'], 'Fermé'],
];

const DOC_CUSTOMER: [string, string, string, boolean][] = [
  ['Customer answered', 'En attente du client', 'En progression', true],
  ['Accepted by customer', "En attente d'approbation client", 'A délivrer', false],
  ['Refused by customer', "En attente d'approbation client", 'En progression', true],
  ['Reopen', 'Fermé', 'ReOuvert', true],
];

const nameOf = (key: StatusKey): string => getStatus(key).name;

describe('statuses', () => {
  it('are exactly the ten documented ones, in order, with name, category and "Réponse requise"', () => {
    expect(STATUSES.map((s) => [s.key, s.name, s.category, s.customerMustAct])).toEqual(DOC_STATUSES);
    expect(STATUS_KEYS).toEqual(DOC_STATUSES.map(([k]) => k));
  });

  it('keep "A délivrer" without accent, as customers know it', () => {
    expect(getStatus('to_deliver').name).toBe('A délivrer');
  });

  it('mark exactly the two statuses where the customer must act', () => {
    expect(STATUSES.filter((s) => s.customerMustAct).map((s) => s.key)).toEqual([
      'waiting_customer',
      'waiting_approval',
    ]);
  });

  it('are found by Jira name whatever the case, apostrophe or spacing', () => {
    expect(findStatusByName('En attente d’approbation client')?.key).toBe('waiting_approval');
    expect(findStatusByName('  en   PROGRESSION ')?.key).toBe('in_progress');
    expect(findStatusByName('Re\u0301solu'.normalize('NFD'))?.key).toBe('resolved');
    expect(findStatusByName('Waiting for support')).toBeUndefined();
    // Spaces count, however many: a name written without them is another name.
    expect(findStatusByName('Enattente du client')).toBeUndefined();
    expect(findStatusByName('')).toBeUndefined();
  });

  it('are known by key only when they are the workflow’s', () => {
    expect(getStatus('closed').name).toBe('Fermé');
    expect(() => getStatus('archived' as StatusKey)).toThrow('Unknown workflow status key: archived');
  });

  it('have unique keys and names', () => {
    expect(new Set(STATUSES.map((s) => s.key)).size).toBe(10);
    expect(new Set(STATUSES.map((s) => s.name)).size).toBe(10);
  });
});

describe('transitions', () => {
  it('start at Ouvert', () => {
    expect(initialStatus().name).toBe('Ouvert');
    expect(TRANSITIONS.filter((t) => t.from.length === 0)).toHaveLength(1);
  });

  it('include every documented team transition with its endpoints', () => {
    for (const [name, from, to] of DOC_TEAM) {
      const t = TRANSITIONS.find((x) => x.name === name);
      expect(t).toBeDefined();
      expect(t?.performer).toBe('team');
      expect(t?.from.map(nameOf).sort()).toEqual([...from].sort());
      expect(nameOf(t?.to ?? 'open')).toBe(to);
    }
  });

  it('have exactly four customer transitions with the documented names, endpoints and comment rules', () => {
    expect(
      CUSTOMER_TRANSITIONS.map((t) => [t.name, t.from.map(nameOf), nameOf(t.to), t.comment.required]),
    ).toEqual(DOC_CUSTOMER.map(([name, from, to, required]) => [name, [from], to, required]));
    expect(TRANSITIONS.filter((t) => t.performer === 'customer')).toHaveLength(4);
  });

  it('give every customer transition a positive comment limit', () => {
    for (const t of CUSTOMER_TRANSITIONS) {
      expect(t.comment.maxLength).toBeGreaterThan(0);
      expect(t.comment.maxLength).toBeLessThanOrEqual(32767);
    }
  });

  it('have unique ids and no duplicate name leaving the same status', () => {
    expect(new Set(TRANSITIONS.map((t) => t.id)).size).toBe(TRANSITIONS.length);
    for (const key of STATUS_KEYS) {
      const names = TRANSITIONS.filter((t) => t.from.includes(key)).map((t) => t.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('never loop a status onto itself', () => {
    for (const t of TRANSITIONS) expect(t.from).not.toContain(t.to);
  });
});

describe('graph', () => {
  it('reaches every status from Ouvert', () => {
    expect([...reachableFrom('open')].sort()).toEqual([...STATUS_KEYS].sort());
  });

  it.each(STATUS_KEYS)('can reach Fermé from %s', (key) => {
    expect(reachableFrom(key).has('closed')).toBe(true);
  });

  it('gives the customer something to do exactly where a response is required, plus Reopen on Fermé', () => {
    const withActions = STATUS_KEYS.filter((k) => customerActionsFrom(k).length > 0);
    expect(withActions).toEqual(['waiting_customer', 'waiting_approval', 'closed']);
    expect(customerActionsFrom('waiting_approval').map((t) => t.id)).toEqual([
      'acceptedByCustomer',
      'refusedByCustomer',
    ]);
  });

  it('leaves the team a way forward from every status but Fermé', () => {
    for (const key of STATUS_KEYS) {
      if (key === 'closed' || key === 'waiting_customer' || key === 'waiting_approval') continue;
      expect(teamTransitionsFrom(key).length).toBeGreaterThan(0);
    }
  });

  it('lists what leaves a status: all of it, and what the team does by hand', () => {
    expect(transitionsFrom('closed').map((t) => t.id)).toEqual(['reopen']);
    expect(transitionsFrom('waiting_customer').map((t) => t.id)).toEqual([
      'customerAnswered',
      'closeWithoutAnswer',
    ]);
    // Neither the customer's answer nor the app's automatic closing is the team's to do.
    expect(teamTransitionsFrom('waiting_customer')).toEqual([]);
    expect(teamTransitionsFrom('resolved').map((t) => t.id)).toEqual(['requestApproval', 'close']);
  });

  it('knows a customer action only by its id', () => {
    expect(getCustomerTransition('reopen').name).toBe('Reopen');
    expect(() => getCustomerTransition('close' as CustomerActionId)).toThrow(
      'Unknown customer action: close',
    );
  });

  it("knows any transition by its id, the team's and the customer's", () => {
    expect(getTransition('closeWithoutAnswer').to).toBe('closed');
    expect(getTransition('reopen').name).toBe('Reopen');
    expect(() => getTransition('vanish' as TransitionId)).toThrow('Unknown transition: vanish');
  });

  it('answers availability per status', () => {
    expect(isActionAvailable('reopen', 'closed')).toBe(true);
    expect(isActionAvailable('reopen', 'resolved')).toBe(false);
    expect(isActionAvailable('customerAnswered', 'waiting_approval')).toBe(false);
    // A status outside the workflow offers no action.
    expect(isActionAvailable('reopen', null)).toBe(false);
    expect(isCustomerActionId('reopen')).toBe(true);
    expect(isCustomerActionId('close')).toBe(false);
    expect(isCustomerActionId(42)).toBe(false);
  });
});

describe('comment rules', () => {
  const required = { required: true, maxLength: 5 };
  const optional = { required: false, maxLength: 5 };

  it('require text when the rule says so, blank counting as none', () => {
    expect(checkComment(required, undefined)).toBe('COMMENT_REQUIRED');
    expect(checkComment(required, ' \n\t ')).toBe('COMMENT_REQUIRED');
    expect(checkComment(optional, '')).toBeNull();
    expect(checkComment(required, 'ok')).toBeNull();
  });

  it('count characters as a person does', () => {
    expect(commentLength('été')).toBe(3);
    expect(commentLength('e\u0301te\u0301')).toBe(3);
    expect(commentLength('👍🏽')).toBe(2);
    expect(checkComment(required, 'ééééé')).toBeNull();
    expect(checkComment(required, 'éééééé')).toBe('COMMENT_TOO_LONG');
  });
});
