/**
 * The two functions no user calls, under each license: the status e-mail trigger and the hourly
 * waiting scan get `license` in their context as every Forge function does (function arguments
 * reference); the harness sends either. Under an inactive license neither reads, writes or sends
 * anything; without a license object, or with an active one, they work as before.
 */
import { statusMail, waitingScan } from '../../src/index';
import type { ScheduledTriggerResponse } from '../../src/waiting/scan';
import type { LicenseSetting } from '../harness/forge';
import { expectNoViolations, startTestApp, writesIn, type TestApp } from '../support/app';
import { issueUpdatedEvent, requestMovedBy } from '../support/events';
import {
  DAY,
  MONDAY_10,
  SCAN_REQUEST,
  mailsTo,
  setRules,
  statusNameOf,
  useClock,
  type Clock,
} from '../waiting/support';

let app: TestApp;
let clock: Clock;
beforeEach(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  clock = useClock(MONDAY_10 - 3_600_000);
  app = await startTestApp();
  app.configureDemoProject();
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
  jest.restoreAllMocks();
});

const scan = (license: LicenseSetting) =>
  app.forge.trigger<ScheduledTriggerResponse>(
    (request, context) => waitingScan(request, context),
    SCAN_REQUEST,
    { license },
  );

describe('the status e-mail trigger', () => {
  /** The agent moved a request into "En cours", a status that e-mails the reporter by default. */
  function movedInProgress() {
    const issue = requestMovedBy(app.double.state, 'startProgress');
    app.double.resetLog();
    app.forge.kvs.log.length = 0;
    return { issue, event: issueUpdatedEvent(app.double.state, issue.key) };
  }

  it.each<LicenseSetting>(['absent', 'active', 'evaluation'])(
    'sends the e-mail with the license %s',
    async (license) => {
      const { issue, event } = movedInProgress();
      expect(await app.forge.trigger(statusMail, event, { license })).toBe('sent');
      expect(mailsTo(app, issue)).toHaveLength(1);
    },
  );

  it.each<LicenseSetting>(['inactive', 'evaluation-ended'])(
    'sends nothing, reads nothing and claims nothing with the license %s',
    async (license) => {
      const { issue, event } = movedInProgress();
      expect(await app.forge.trigger(statusMail, event, { license })).toBe('unlicensed');
      expect(mailsTo(app, issue)).toEqual([]);
      expect(app.double.log).toEqual([]);
      expect(app.forge.kvs.log).toEqual([]);
    },
  );

  it('reads the license from the runtime too, when the event context has none', async () => {
    const { issue, event } = movedInProgress();
    app.forge.appContext.license = { isActive: false };
    expect(await statusMailOutside(event)).toBe('unlicensed');
    expect(mailsTo(app, issue)).toEqual([]);
  });

  /** The handler called with a context that carries no license (only the runtime's app context does). */
  const statusMailOutside = (event: unknown) =>
    app.forge.trigger((delivered) => statusMail(delivered, { installContext: 'x' }), event);
});

describe('the hourly waiting scan', () => {
  /** Rules saved, a request waiting for the customer since Monday, a reminder due on Wednesday. */
  async function reminderDue(): Promise<string> {
    await setRules(app, 'SUP', {
      waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 3 },
    });
    clock.set(MONDAY_10);
    const issue = requestMovedBy(app.double.state, 'requestInformation');
    clock.set(MONDAY_10 + 2 * DAY);
    app.double.resetLog();
    app.forge.kvs.log.length = 0;
    return issue.key;
  }

  it.each<LicenseSetting>(['inactive', 'evaluation-ended'])(
    'sends no reminder, applies no outcome and touches nothing with the license %s',
    async (license) => {
      const key = await reminderDue();
      for (const day of [2, 4, 6]) {
        clock.set(MONDAY_10 + day * DAY);
        const response = await scan(license);
        expect(response.statusCode).toBe(200);
        expect(JSON.parse(response.body)).toEqual({ skipped: 'unlicensed' });
      }
      expect(app.double.state.notifications).toEqual([]);
      expect(statusNameOf(app, key)).toBe('En attente du client');
      expect(app.double.log).toEqual([]);
      expect(app.forge.kvs.log).toEqual([]);
    },
  );

  it.each<LicenseSetting>(['absent', 'active', 'evaluation'])(
    'reminds as before with the license %s',
    async (license) => {
      const key = await reminderDue();
      const response = await scan(license);
      expect((JSON.parse(response.body) as { reminded: number }).reminded).toBeGreaterThanOrEqual(1);
      expect(app.double.state.notifications.filter((n) => n.issueKey === key)).toHaveLength(1);
      expect(writesIn(app.double).length).toBeGreaterThan(0);
    },
  );
});
