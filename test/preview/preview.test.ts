/**
 * `npm start` in Chromium. The start script's command runs as its own process group on a free port
 * (PORT=0), as a terminal runs it; the page lists the demo requests, a customer answers in the real
 * portal panel, and the page shows what changed in the Jira double and the Jira requests it took.
 * Then Ctrl-C, as a terminal sends it (SIGINT to the group): the process exits 0 and frees the port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { STATUSES } from '../../src/workflow';
import { ensurePortalBuild, REPO_ROOT } from '../bridge-server/portal-build';
import { CHROMIUM_ARGS, SCREENSHOTS, message, seriousA11yViolations, textOf } from '../browser/support';
import { DEMO_USERS } from '../double';

const fr = (key: Parameters<typeof message>[1]): string => message('fr-FR', key);

/**
 * Where a screenshot goes: docs/screenshots/ with UPDATE_SCREENSHOTS=1, else nowhere (it is still
 * taken). The preview's dates follow today's, so saving at every run would change the files each day.
 */
const screenshotFile = (name: string): { path?: string } =>
  process.env.UPDATE_SCREENSHOTS === '1' ? { path: join(SCREENSHOTS, name) } : {};
const ANSWER = 'Voici la capture demandée : paiement refusé à 10 h 12.';

let preview: ChildProcess;
let url = '';
let output = '';
let browser: Browser;
let page: Page;

/** The command `npm start` runs, from package.json (npm itself re-raises Ctrl-C, so it is left out). */
function startCommand(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  return (scripts.start ?? '').split(' ');
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Resolves once the preview prints its address, or fails with what it printed. */
function started(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const found = /local preview on (http:\/\/127\.0\.0\.1:\d+)/.exec((output += chunk.toString()));
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${output}`)));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

beforeAll(async () => {
  ensurePortalBuild();
  const [command = 'node', ...args] = startCommand();
  preview = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  preview.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  url = await started(preview);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, timezoneId: 'Europe/Brussels' });
  page.setDefaultTimeout(10_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (preview?.pid && preview.exitCode === null && preview.signalCode === null)
    process.kill(-preview.pid, 'SIGKILL');
});

const panel = (): FrameLocator => page.frameLocator('#panel');
const outline = (surface: 'agent' | 'admin') => page.locator(`#${surface}-outline`);

it('shows the ten demo requests with their status, the panel, the agent view and the admin page', async () => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/#request=SUP-5&as=reporter&locale=fr_FR&theme=light&ui=outline`);

  const requests = page.locator('#request option');
  await page.waitForFunction(() => document.querySelectorAll('#request option').length === 10);
  expect(await requests.allInnerTexts()).toEqual(STATUSES.map((s, i) => `SUP-${i + 1} · ${s.name}`));
  expect(await page.locator('#viewer option').allInnerTexts()).toEqual([
    `${DEMO_USERS.reporter.displayName} (reporter)`,
    `${DEMO_USERS.participant.displayName} (participant)`,
    `${DEMO_USERS.otherCustomer.displayName} (another customer)`,
  ]);
  expect(await textOf(page.getByRole('note'))).toContain('Local preview, not Jira.');

  expect(await textOf(panel().locator('#status-name'))).toBe('En attente du client');
  // The frame takes the height the panel reports: the whole panel shows, without a scroll bar.
  await page.waitForFunction(() =>
    /^\d+ px$/.test(document.getElementById('frame-height')?.textContent ?? ''),
  );
  const reported = Number((await page.locator('#frame-height').innerText()).split(' ')[0]);
  expect(await page.locator('#panel').evaluate((frame) => frame.clientHeight)).toBe(reported);
  expect(
    await panel()
      .locator('html')
      .evaluate((html) => html.scrollHeight <= window.innerHeight),
  ).toBe(true);

  await outline('agent').getByText('Réponse requise', { exact: true }).waitFor();
  expect(await textOf(outline('agent').locator('.ui-heading').first())).toBe('Heading En attente du client');
  await outline('admin').getByText('Support (SUP)', { exact: true }).waitFor();

  expect(await page.locator('#request-state .status-now .lozenge').textContent()).toBe(
    'En attente du client',
  );
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.screenshot({ ...screenshotFile('preview-fr-waiting_customer.png'), fullPage: true });
  expect(errors).toEqual([]);
});

it("performs the customer's answer in the panel and shows what changed in Jira and the requests it took", async () => {
  await panel()
    .getByRole('button', { name: fr('action.customerAnswered.label') })
    .click();
  await panel().locator('textarea').fill(ANSWER);
  await panel()
    .getByRole('button', { name: fr('dialog.confirm') })
    .click();
  await panel().locator('.notice').waitFor();

  // The request in Jira: new status, the answer as a public comment, the audit record.
  await page.waitForFunction(
    () => document.querySelector('#request-state .status-now .lozenge')?.textContent === 'En progression',
  );
  expect(await page.locator('#request-state .status-now .lozenge').textContent()).toBe('En progression');
  const newest = page.locator('#request-state .comment').first();
  expect(await newest.getAttribute('data-visibility')).toBe('public');
  expect(await textOf(newest.locator('.comment-body'))).toContain(ANSWER);
  const audit = page.locator('#request-state .audit tbody tr');
  expect(await audit.count()).toBe(1);
  expect(await textOf(audit)).toContain('customerAnswered waiting_customer → in_progress');
  expect(await page.locator('#request option:checked').innerText()).toBe('SUP-5 · En progression');

  // The Jira requests of the action, each with its status and duration.
  const call = page.locator('#invocations details[data-function="performCustomerAction"]').first();
  await call.waitFor();
  // The page lists a call as it runs; its Jira requests are all there once it has answered.
  await call.locator('.outcome', { hasText: /^ok$/ }).first().waitFor();
  expect(await call.getAttribute('open')).not.toBeNull();
  const rows = await call
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const requests = rows.map(([method, path]) => `${method} ${path}`);
  expect(requests).toEqual(
    expect.arrayContaining([
      'POST /rest/api/3/issue/SUP-5/comment',
      'POST /rest/api/3/issue/SUP-5/transitions',
    ]),
  );
  expect(await call.locator('.outcome').first().textContent()).toBe('ok');
  // Jira's own codes, e.g. 404 for the audit record before the first action.
  for (const [, , statusCode, ms] of rows) {
    expect(statusCode).toMatch(/^[1-5]\d\d$/);
    expect(ms).toMatch(/^\d+\.\d$/);
  }
  expect(await textOf(page.locator('#violations'))).toBe(
    'Every request and answer matched Atlassian’s OpenAPI specs.',
  );

  // The agent sees it too, in the issue view.
  await outline('agent').locator('.ui-heading', { hasText: 'En progression' }).first().waitFor();
  expect(await textOf(outline('agent'))).toContain(
    `${DEMO_USERS.reporter.displayName} : « Customer answered »`,
  );
  await page.screenshot({ ...screenshotFile('preview-after-answer.png'), fullPage: true });
});

it('tells another customer only that the guide is not available, in dark theme', async () => {
  await page.locator('#viewer').selectOption('otherCustomer');
  await page.locator('input[name="theme"][value="dark"]').check();
  await panel().getByText(fr('panel.notVisible')).waitFor();
  expect(await panel().locator('#status-name').count()).toBe(0);
  const call = page.locator('#invocations details[data-function="getRequestView"]').first();
  await page.waitForFunction(
    () =>
      document.querySelector('#invocations details[data-function="getRequestView"] .outcome')?.textContent ===
      'NOT_ALLOWED',
  );
  expect(await textOf(call.locator(':scope > summary'))).toContain(DEMO_USERS.otherCustomer.displayName);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

it("presses the admin page's buttons: the preview of the install, then the install", async () => {
  const admin = outline('admin');
  await admin.getByRole('button', { name: fr('admin.button.preview') }).click();
  await admin.getByText(message('fr-FR', 'admin.preview.title', { project: 'Support (SUP)' })).waitFor();
  await admin.getByRole('button', { name: fr('admin.button.install') }).click();
  await admin.getByText(message('fr-FR', 'admin.install.done', { project: 'SUP' })).waitFor();
  await admin.locator('.lozenge', { hasText: message('fr-FR', 'admin.state.installed') }).waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#invocations details[data-function="adminInstall"] .outcome')].some(
      (outcome) => outcome.textContent === 'ok',
    ),
  );
  expect(await textOf(page.locator('#violations'))).toBe(
    'Every request and answer matched Atlassian’s OpenAPI specs.',
  );
  await page.locator('section.admin').screenshot(screenshotFile('preview-admin-installed.png'));
});

it("sets a project's e-mails on the admin page: unticks a status and saves", async () => {
  const admin = outline('admin');
  const project = 'Support (SUP)';
  await admin.getByRole('button', { name: message('fr-FR', 'email.settings.open', { project }) }).click();
  await admin.getByText(message('fr-FR', 'email.settings.projectTitle', { project })).waitFor();
  expect(await textOf(admin)).toContain(fr('email.settings.checkOnSite'));
  // The four default statuses are ticked, the other six are not.
  const ticked = await admin
    .locator('.ui-checkbox')
    .evaluateAll((labels) =>
      labels
        .filter((label) => label.querySelector('input')?.checked)
        .map((label) => label.textContent?.trim()),
    );
  expect(ticked).toEqual([
    'En progression',
    'En attente du client',
    'Résolu',
    "En attente d'approbation client",
  ]);

  await admin.getByRole('checkbox', { name: 'Résolu' }).click();
  // The box unticks at once in the browser; the outline comes back from the UI Kit tree after.
  await page.waitForFunction(
    () =>
      !document.getElementById('admin-outline')?.hasAttribute('aria-busy') &&
      [...document.querySelectorAll('#admin-outline .ui-checkbox')]
        .find((label) => label.textContent?.includes('Résolu'))
        ?.querySelector('input')?.checked === false,
  );
  await admin.getByRole('button', { name: fr('email.settings.save') }).click();
  await admin.getByText(message('fr-FR', 'email.settings.saved', { project })).waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#invocations details[data-function="setMailSettings"] .outcome')].some(
      (outcome) => outcome.textContent === 'ok',
    ),
  );
  expect(await admin.getByRole('checkbox', { name: 'Résolu' }).isChecked()).toBe(false);
  expect(await admin.getByRole('checkbox', { name: 'En progression' }).isChecked()).toBe(true);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

it('stops on Ctrl-C: closes its servers, exits 0 and frees the port', async () => {
  const port = Number(new URL(url).port);
  process.kill(-(preview.pid ?? 0), 'SIGINT');
  expect(await exited(preview)).toEqual({ code: 0, signal: null });
  expect(output).toContain('SIGINT: stopping the preview');
  // Nothing went wrong on the server's side meanwhile: no error, no failed Jira request.
  expect(output).not.toMatch(/error|failed/i);
  expect(await portIsFree(port)).toBe(true);
});
