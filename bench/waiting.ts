/**
 * The Jira requests of one hourly waiting scan over 10, 100 and 1,000 waiting requests (the demo
 * project's own two included): with nothing due (the search pages alone), and with a reminder due
 * on every one of them (the run stops after MAX_ACTIONS_PER_RUN actions; the next resumes).
 */
import { waitingScan } from '../src/index';
import { rulesKey } from '../src/waiting/store';
import type { ScheduledTriggerResponse } from '../src/waiting/scan';
import { CLOUD_ID } from '../test/harness/forge';
import { startTestApp } from '../test/support/app';
import { requestMovedBy } from '../test/support/events';
import { costOf, type Measurement, type OperationCost } from './requests';

/** Monday 30 November 2026, 10:00 in Brussels. */
const MONDAY_10 = Date.parse('2026-11-30T09:00:00Z');
const DAY = 86_400_000;
export const WAITING_SIZES = [10, 100, 1000] as const;

async function scanCost(operation: string, waiting: number, runAt: number): Promise<OperationCost> {
  const realNow = Date.now;
  let now = MONDAY_10;
  // The app, the harness and the double all read Date.now: the scan runs days later.
  Date.now = () => now;
  const app = await startTestApp({
    // The demo project has two waiting requests already.
    seed: (state) => {
      for (let i = 2; i < waiting; i++) requestMovedBy(state, 'requestInformation');
    },
  });
  try {
    app.configureDemoProject();
    app.forge.kvs.entries.set(rulesKey('SUP'), {
      value: {
        rules: {
          workingDays: true,
          timeZone: 'Europe/Brussels',
          waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 10 },
          waiting_approval: { remindAfterDays: 2, maxReminders: 1, acceptAfterDays: 10 },
        },
        // Switched on when these requests entered their status (the demo's own waited longer).
        since: {
          waiting_customer: { reminders: MONDAY_10, outcome: MONDAY_10 },
          waiting_approval: { reminders: MONDAY_10, outcome: MONDAY_10 },
        },
        savedAt: MONDAY_10,
      },
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
    now = runAt;
    app.double.resetLog();
    const response = await app.forge.trigger<ScheduledTriggerResponse>((request) => waitingScan(request), {
      context: { cloudId: CLOUD_ID, moduleKey: 'guide-des-statuts-waiting-scan' },
    });
    if (response.statusCode !== 200) throw new Error(`${operation} failed: ${response.body}`);
    const violations = app.double.takeViolations();
    if (violations.length > 0) throw new Error(`${operation} went off-spec: ${JSON.stringify(violations)}`);
    return costOf(operation, app.double.log);
  } finally {
    await app.close();
    Date.now = realNow;
  }
}

export const idleScanName = (n: number): string => `waiting scan, ${n} waiting, nothing due`;
export const dueScanName = (n: number): string => `waiting scan, ${n} waiting, a reminder due on each`;

export function waitingOperations(): Measurement[] {
  return WAITING_SIZES.flatMap((n): Measurement[] => [
    [idleScanName(n), () => scanCost(idleScanName(n), n, MONDAY_10 + DAY)],
    [dueScanName(n), () => scanCost(dueScanName(n), n, MONDAY_10 + 2 * DAY + 3_600_000)],
  ]);
}
