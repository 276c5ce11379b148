/**
 * The budgets the issues set, in one place, measured as `npm run bench` measures them: Jira requests
 * per operation from the test double's log, and bundle sizes. A regression fails CI; timings are
 * never asserted here (they only appear in the bench report).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { bundle } from '../bench/backend';
import { operations, type OperationCost } from '../bench/requests';
import { WAITING_SIZES, dueScanName, idleScanName } from '../bench/waiting';
import { MAX_ACTIONS_PER_RUN } from '../src/waiting/scan';
import { CUSTOMER_TRANSITIONS } from '../src/workflow';
import { ensurePortalBuild } from './bridge-server/portal-build';
import { formatReport, INITIAL_GZIP_BUDGET, measureBundle } from './browser/bundle-size';

/** [operation, most requests, most writes]; undefined leaves that count free. */
const REQUEST_BUDGETS: [string, number | undefined, number | undefined][] = [
  ['portal view (warm)', 1, 0],
  ...CUSTOMER_TRANSITIONS.map((t): [string, number, number] => [`customer action: ${t.name}`, 4, 2]),
  // Exactly once: the lost answer's comment found (2 reads more); a retry reads before it writes.
  ['customer action: comment answer lost', 6, 2],
  ['customer action: retry after an ended invocation', 5, 1],
  ['agent panel', 2, 0],
  // The request, the reporter's locale, the e-mail.
  ['e-mail: En progression', 3, 1],
  ['e-mail: En attente du client', 3, 1],
  ['e-mail: Résolu', 3, 1],
  ["e-mail: En attente d'approbation client", 3, 1],
  // A change a customer could make: its changelog entry too, read alongside the request.
  ['e-mail: answer recorded by an agent', 4, 1],
  // The installer's budget is on writes; its reads (and task polls) grow with the site.
  ['fresh install', undefined, 8],
  ['fresh install, 6 requests to migrate', undefined, 8],
  ['second install', undefined, 0],
  // The copy and the scheme change: the shared workflow itself is never written to.
  ['install on a workflow another project uses', undefined, 2],
  // The waiting scan: one search page per 100 waiting requests when nothing is due; with a reminder
  // due on each, at most 60 actions a run (4 requests each, 2 of them writes; the reporter's language
  // read once), the next run resuming. The 4th is the audit record read again right before it is
  // written (src/waiting/act.ts latestAudit): Jira has no conditional write of an issue property, and
  // appending to the copy the search read would drop a customer action recorded meanwhile.
  ...WAITING_SIZES.flatMap((n): [string, number, number][] => [
    [idleScanName(n), Math.ceil(n / 100), 0],
    [
      dueScanName(n),
      Math.ceil(n / 100) + 1 + 4 * Math.min(n, MAX_ACTIONS_PER_RUN),
      2 * Math.min(n, MAX_ACTIONS_PER_RUN),
    ],
  ]),
];

/**
 * The whole back end as Forge ships it (src/index.ts bundled), raw bytes: 335 KB on 1 December 2026,
 * after the guide texts, waiting rules, site check and privacy capabilities (247 KB before them).
 */
const BACKEND_BUNDLE_BUDGET = 400_000;

let costs: Map<string, OperationCost>;

beforeAll(async () => {
  costs = new Map();
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    for (const [name, run] of operations()) costs.set(name, await run());
  } finally {
    warn.mockRestore();
    info.mockRestore();
    log.mockRestore();
  }
}, 120_000);

describe('Jira requests per operation', () => {
  it('measures every operation the budgets name, and budgets every operation measured', () => {
    expect([...costs.keys()].sort()).toEqual(REQUEST_BUDGETS.map(([name]) => name).sort());
  });

  const title = ([name, requests, writes]: (typeof REQUEST_BUDGETS)[number]): string =>
    [name, requests !== undefined && `≤ ${requests} requests`, writes !== undefined && `≤ ${writes} writes`]
      .filter(Boolean)
      .join(', ');

  it.each(REQUEST_BUDGETS.map((budget) => [title(budget), ...budget] as const))(
    '%s',
    (_title, name, requests, writes) => {
      const cost = costs.get(name);
      expect(cost).toBeDefined();
      // Each operation does real work: a budget met by doing nothing would prove nothing.
      expect(cost?.requests).toBeGreaterThan(0);
      if (requests !== undefined) expect(cost?.requests).toBeLessThanOrEqual(requests);
      if (writes !== undefined) expect(cost?.writes).toBeLessThanOrEqual(writes);
    },
  );
});

// Sizes are measured on the real sources: under the mutation run (npm run mutation) they are Stryker's
// instrumented copies, several times larger, and the request budgets above are what the run checks.
const describeSizes = process.env.MUTATION_GROUP ? describe.skip : describe;

describeSizes('bundle sizes', () => {
  it(`loads at most ${INITIAL_GZIP_BUDGET / 1000} KB (gzip) in the portal before the status shows`, () => {
    ensurePortalBuild();
    const report = measureBundle();
    if (report.initialGzipBytes > INITIAL_GZIP_BUDGET)
      throw new Error(`Over budget:\n${formatReport(report)}`);
    expect(report.initialGzipBytes).toBeGreaterThan(10_000);
  });

  it(`ships a back-end function of at most ${BACKEND_BUNDLE_BUDGET / 1000} KB`, () => {
    const out = mkdtempSync(join(tmpdir(), 'guide-des-statuts-backend-'));
    try {
      const { bytes } = bundle(join(__dirname, '../src/index.ts'), join(out, 'index.cjs'));
      expect(bytes).toBeGreaterThan(10_000);
      expect(bytes).toBeLessThanOrEqual(BACKEND_BUNDLE_BUDGET);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
