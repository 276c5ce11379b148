/**
 * The preview page: pickers for what to show, the real portal panel in a frame sized by iframe-resizer,
 * the request as the Jira double holds it, the Jira requests of each resolver call, and the agent panel
 * and the admin page, drawn with the design system (rendered-view.ts) or as outlines. It refreshes
 * when the server says a resolver call ended.
 * Plain DOM: every text from the server goes in through textContent.
 */
import type {
  CallsView,
  ChangeEvent,
  InvocationView,
  RequestState,
  SiteView,
  Surface,
  UiKitEvent,
  UiKitRequest,
  UiKitView,
  ViewerOption,
} from '../types';
import { el } from './dom';
import { renderNode } from './outline-view';
import { setBusy, setRenderedTheme, setUiView, showRendered, type Theme, type UiView } from './rendered-view';

interface IFrameResizeOptions {
  checkOrigin: string[];
  heightCalculationMethod: string;
  warningTimeout: number;
  onResized: (data: { height: number | string }) => void;
}

declare global {
  interface Window {
    /** iframe-resizer's host half, loaded by index.html before this script. */
    iFrameResize?: (options: IFrameResizeOptions, target: HTMLIFrameElement) => unknown;
  }
}

interface Selection {
  request: string;
  viewer: ViewerOption['role'];
  locale: string;
  theme: Theme;
  ui: UiView;
}

const LANGUAGES: Readonly<Record<string, string>> = {
  fr_FR: 'Français (fr_FR)',
  en_US: 'English (en_US)',
  nl_NL: 'Nederlands (nl_NL)',
  de_DE: 'Deutsch (de_DE)',
};

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Brussels',
});
const formatDate = (iso: string): string => dateTime.format(new Date(iso));

function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`The page has no #${id}`);
  return element;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await response.text());
  return (await response.json()) as T;
}

const controls = {
  request: byId('request', HTMLSelectElement),
  viewer: byId('viewer', HTMLSelectElement),
  locale: byId('locale', HTMLSelectElement),
  form: byId('controls', HTMLFormElement),
};
const frame = byId('panel', HTMLIFrameElement);

let site: SiteView | undefined;
let current: RequestState | undefined;

/** Disclosures the user opened or closed, by key, so that a refresh does not undo it. */
const toggled = new Map<string, boolean>();

function disclosure(
  key: string,
  openByDefault: boolean,
  summary: HTMLElement,
  className?: string,
): HTMLDetailsElement {
  const details = el('details', className);
  details.open = toggled.get(key) ?? openByDefault;
  // A click on the summary (or Enter, Space) is the user's doing; `toggle` also fires for the line above.
  summary.addEventListener('click', () => toggled.set(key, !details.open));
  details.append(summary);
  return details;
}

/**
 * A call that started within this long after the previous one ended belongs to the same click: the
 * action, the panel reading the request again, the agent panel reloading.
 */
const SAME_CLICK_GAP_MS = 1_000;

// --- the selection, kept in the address so a reload shows the same thing ------------------------

function readSelection(): Selection {
  const hash = new URLSearchParams(location.hash.slice(1));
  const viewer = hash.get('as');
  return {
    request: hash.get('request') ?? 'SUP-5',
    viewer: viewer === 'participant' || viewer === 'otherCustomer' ? viewer : 'reporter',
    locale: LANGUAGES[hash.get('locale') ?? ''] ? (hash.get('locale') ?? 'fr_FR') : 'fr_FR',
    theme: hash.get('theme') === 'dark' ? 'dark' : 'light',
    ui: hash.get('ui') === 'outline' ? 'outline' : 'rendered',
  };
}

function selectionFromControls(): Selection {
  const checked = (name: string): string | undefined =>
    controls.form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;
  const viewer = controls.viewer.value;
  return {
    request: controls.request.value,
    viewer: viewer === 'participant' || viewer === 'otherCustomer' ? viewer : 'reporter',
    locale: controls.locale.value,
    theme: checked('theme') === 'dark' ? 'dark' : 'light',
    ui: checked('ui') === 'outline' ? 'outline' : 'rendered',
  };
}

function writeSelection(selection: Selection): void {
  const hash = new URLSearchParams({
    request: selection.request,
    as: selection.viewer,
    locale: selection.locale,
    theme: selection.theme,
    ui: selection.ui,
  });
  history.replaceState(null, '', `#${hash.toString()}`);
}

/** Forge's form of a Jira locale: fr_FR → fr-FR. */
const forgeLocale = (jiraLocale: string): string => jiraLocale.replace('_', '-');

// --- pickers -------------------------------------------------------------------------------------

function fillOptions(
  select: HTMLSelectElement,
  options: [value: string, label: string][],
  value: string,
): void {
  select.replaceChildren(
    ...options.map(([optionValue, label]) => {
      const option = el('option', undefined, label);
      option.value = optionValue;
      return option;
    }),
  );
  select.value = options.some(([optionValue]) => optionValue === value) ? value : (options[0]?.[0] ?? '');
}

/** "Pierre Participant (participant)", or "(participant, not on SUP-2)" where he is not one. */
function viewerLabel(viewer: ViewerOption, request: RequestState | undefined): string {
  switch (viewer.role) {
    case 'reporter':
      return `${viewer.displayName} (reporter)`;
    case 'participant':
      return request && !request.participants.includes(viewer.displayName)
        ? `${viewer.displayName} (participant, not on ${request.key})`
        : `${viewer.displayName} (participant)`;
    case 'otherCustomer':
      return `${viewer.displayName} (another customer)`;
  }
}

function renderPickers(selection: Selection): void {
  if (!site) return;
  fillOptions(
    controls.request,
    site.requests.map((r) => [r.key, `${r.key} · ${r.statusName}`]),
    selection.request,
  );
  fillOptions(
    controls.viewer,
    site.viewers.map((v) => [v.role, viewerLabel(v, current)]),
    selection.viewer,
  );
  fillOptions(
    controls.locale,
    site.locales.map((l) => [l, LANGUAGES[l] ?? l]),
    selection.locale,
  );
  for (const radio of controls.form.querySelectorAll<HTMLInputElement>('input[name="theme"]'))
    radio.checked = radio.value === selection.theme;
  for (const radio of controls.form.querySelectorAll<HTMLInputElement>('input[name="ui"]'))
    radio.checked = radio.value === selection.ui;
}

// --- the portal panel ----------------------------------------------------------------------------

function showPanel(selection: Selection): void {
  const viewer = site?.viewers.find((v) => v.role === selection.viewer);
  const query = new URLSearchParams({
    request: selection.request,
    locale: selection.locale,
    theme: selection.theme,
    ...(viewer ? { as: viewer.accountId } : {}),
  });
  const src = `/panel.html?${query.toString()}`;
  if (frame.getAttribute('src') !== src) frame.setAttribute('src', src);
  byId('frame-box', HTMLDivElement).dataset.theme = selection.theme;
}

function sizeFrameWithPanel(): void {
  const height = byId('frame-height', HTMLSpanElement);
  if (!window.iFrameResize) {
    height.textContent = 'iframe-resizer did not load; fixed height';
    return;
  }
  window.iFrameResize(
    {
      checkOrigin: [location.origin],
      // The action dialog is drawn over the panel and may reach below it: measure the lowest element.
      heightCalculationMethod: 'lowestElement',
      warningTimeout: 0,
      onResized: (data) => {
        height.textContent = `${String(data.height)} px`;
      },
    },
    frame,
  );
}

// --- the request in Jira -------------------------------------------------------------------------

function field(label: string, value: string | Node): HTMLElement {
  const row = el('div', 'field');
  row.append(el('dt', undefined, label));
  const dd = el('dd');
  dd.append(value);
  row.append(dd);
  return row;
}

interface AuditRow {
  at: string;
  accountId: string;
  action: string;
  from: string;
  to: string;
  commentId?: string;
}

function auditRows(audit: unknown): AuditRow[] {
  if (audit === null || typeof audit !== 'object') return [];
  const records = (audit as { records?: unknown }).records;
  return Array.isArray(records) ? (records as AuditRow[]) : [];
}

function nameOfAccount(accountId: string): string {
  return site?.viewers.find((v) => v.accountId === accountId)?.displayName ?? accountId;
}

function renderAudit(state: RequestState): HTMLElement {
  const box = el('div', 'audit');
  box.append(el('h3', undefined, 'Audit record'));
  const note = el('p', 'hint');
  note.append(
    'Issue property ',
    el('code', undefined, 'guide-des-statuts.customer-actions'),
    ', written by the app.',
  );
  box.append(note);
  const rows = auditRows(state.audit);
  if (rows.length === 0) {
    box.append(el('p', 'muted', 'None: no customer has acted on this request from the portal.'));
    return box;
  }
  const table = el('table', 'compact');
  const head = el('tr');
  for (const title of ['When', 'Who', 'Action', 'From → to', 'Comment'])
    head.append(el('th', undefined, title));
  table.append(el('thead'), el('tbody'));
  table.tHead?.append(head);
  for (const record of [...rows].reverse()) {
    const row = el('tr');
    row.append(
      el('td', undefined, formatDate(record.at)),
      el('td', undefined, nameOfAccount(record.accountId)),
      el('td', undefined, record.action),
      el('td', undefined, `${record.from} → ${record.to}`),
      el('td', undefined, record.commentId ?? '—'),
    );
    table.tBodies[0]?.append(row);
  }
  box.append(table);
  const raw = disclosure(`audit-json-${state.key}`, false, el('summary', undefined, 'As stored (JSON)'));
  raw.append(el('pre', undefined, JSON.stringify(state.audit, null, 2)));
  box.append(raw);
  return box;
}

function renderRequestState(state: RequestState): void {
  const root = byId('request-state', HTMLDivElement);
  const title = el('p', 'request-title');
  title.append(el('strong', undefined, state.key), ` ${state.summary}`);
  const status = el('span', 'status-now');
  status.append(el('span', 'lozenge', state.status.name), ` since ${formatDate(state.status.since)}`);
  const facts = el('dl', 'facts');
  facts.append(
    field('Status', status),
    field('Request type', state.requestType),
    field('Reporter', state.reporter),
    field('Participants', state.participants.join(', ') || 'none'),
  );

  const comments = el('div', 'comments');
  comments.append(el('h3', undefined, `Comments (${state.comments.length})`));
  if (state.comments.length === 0) comments.append(el('p', 'muted', 'No comment yet.'));
  const list = el('ol', 'comment-list');
  for (const comment of [...state.comments].reverse()) {
    const item = el('li', 'comment');
    item.dataset.visibility = comment.public ? 'public' : 'internal';
    const meta = el('p', 'comment-meta');
    meta.append(
      el('span', comment.public ? 'flag public' : 'flag internal', comment.public ? 'Public' : 'Internal'),
      ` ${comment.author} · ${formatDate(comment.created)}`,
    );
    item.append(meta, el('p', 'comment-body', comment.body));
    list.append(item);
  }
  if (state.comments.length > 0) comments.append(list);

  const history = disclosure(
    `history-${state.key}`,
    false,
    el('summary', undefined, `Status history (${state.history.length} changes)`),
    'history',
  );
  const steps = el('ol');
  for (const step of state.history)
    steps.append(
      el('li', undefined, `${formatDate(step.at)}: ${step.from ?? '—'} → ${step.to} (${step.author})`),
    );
  history.append(steps);

  root.replaceChildren(title, facts, renderAudit(state), comments, history);
}

// --- the Jira requests of each resolver call -----------------------------------------------------

function renderViolations(violations: CallsView['violations']): void {
  const root = byId('violations', HTMLParagraphElement);
  root.className = violations.length === 0 ? 'muted' : 'error';
  root.textContent =
    violations.length === 0
      ? 'Every request and answer matched Atlassian’s OpenAPI specs.'
      : `Off-spec, as the double checks against Atlassian’s OpenAPI specs: ${violations
          .map((v) => `${v.method} ${v.path}: ${v.message}`)
          .join('; ')}`;
}

function renderInvocations(invocations: InvocationView[]): void {
  const root = byId('invocations', HTMLDivElement);
  if (invocations.length === 0) {
    root.replaceChildren(el('p', 'muted', 'No resolver call yet.'));
    return;
  }
  const items: HTMLElement[] = [];
  // Newest first: the last click's calls follow one another closely; the first gap ends them.
  let lastClick = true;
  let laterStart = Date.parse(invocations[0]?.startedAt ?? '');
  for (const call of invocations) {
    const start = Date.parse(call.startedAt);
    if (lastClick && start + (call.durationMs ?? 0) < laterStart - SAME_CLICK_GAP_MS) {
      lastClick = false;
      items.push(el('p', 'earlier muted', 'Earlier calls'));
    }
    laterStart = Math.min(laterStart, start);
    const writes = call.requests.filter((r) => r.kind === 'write').length;
    const summary = el('summary');
    summary.append(
      el('code', 'fn', call.functionKey),
      el('span', `outcome ${call.outcome === 'ok' ? 'ok' : 'not-ok'}`, call.outcome),
      el(
        'span',
        'muted',
        ` ${call.origin} · ${call.caller}${call.issueKey ? ` · ${call.issueKey}` : ''} · ` +
          `${call.requests.length} Jira request${call.requests.length === 1 ? '' : 's'}` +
          `${writes > 0 ? ` (${writes} write${writes === 1 ? '' : 's'})` : ''} · ` +
          `${call.durationMs === null ? 'running' : `${Math.round(call.durationMs)} ms`}`,
      ),
    );
    const details = disclosure(`call-${call.id}`, lastClick, summary, 'invocation');
    details.dataset.function = call.functionKey;
    if (call.requests.length > 0) {
      const table = el('table', 'compact requests');
      const head = el('tr');
      for (const title of ['Method', 'Path', 'Status', 'ms']) head.append(el('th', undefined, title));
      table.append(el('thead'), el('tbody'));
      table.tHead?.append(head);
      for (const request of call.requests) {
        const row = el('tr');
        row.dataset.kind = request.kind;
        row.append(
          el('td', 'method', request.method),
          el('td', 'path', request.path),
          el('td', request.status >= 500 ? 'status bad' : 'status', String(request.status || '…')),
          el('td', 'ms', request.durationMs === undefined ? '…' : request.durationMs.toFixed(1)),
        );
        table.tBodies[0]?.append(row);
      }
      details.append(table);
    }
    if (call.answer !== undefined) {
      const answer = disclosure(
        `answer-${call.id}`,
        false,
        el('summary', undefined, 'Resolver answer (JSON)'),
        'answer',
      );
      answer.append(el('pre', undefined, JSON.stringify(call.answer, null, 2)));
      details.append(answer);
    }
    items.push(details);
  }
  root.replaceChildren(...items);
}

// --- UI Kit outlines -----------------------------------------------------------------------------

const outlineSequence: Record<Surface, number> = { agent: 0, admin: 0 };

/** An event of the rendered view goes to the server like a press of the outline. */
const sendEvent = (surface: Surface, event: UiKitEvent): void => void showOutline(surface, { event });

async function showOutline(
  surface: Surface,
  change: Pick<UiKitRequest, 'reload' | 'press' | 'event'> = {},
): Promise<void> {
  const selection = selectionFromControls();
  const root = byId(`${surface}-outline`, HTMLDivElement);
  const sequence = ++outlineSequence[surface];
  root.setAttribute('aria-busy', 'true');
  setBusy(surface, true);
  try {
    const request: UiKitRequest = {
      surface,
      locale: forgeLocale(selection.locale),
      ...(surface === 'agent' ? { issueKey: selection.request } : {}),
      ...change,
    };
    const view = await postJson<UiKitView>('/__preview/api/ui-kit', request);
    if (sequence !== outlineSequence[surface]) return;
    root.replaceChildren(
      ...view.outline.children.map((node) =>
        renderNode(node, (id) => void showOutline(surface, { press: id })),
      ),
    );
    showRendered(surface, view.doc, sendEvent);
  } catch (error) {
    if (sequence === outlineSequence[surface])
      root.replaceChildren(el('p', 'error', error instanceof Error ? error.message : String(error)));
  } finally {
    if (sequence === outlineSequence[surface]) {
      root.removeAttribute('aria-busy');
      setBusy(surface, false);
    }
  }
}

const UI_KIT_HINT =
  'The tree the real @forge/react renders, drawn with the Atlassian Design System (or as an outline): ' +
  'close to Jira, not Jira’s own renderer.';

// --- refreshing ----------------------------------------------------------------------------------

async function refreshData(): Promise<void> {
  const selection = selectionFromControls();
  const [nextSite, state, calls] = await Promise.all([
    getJson<SiteView>('/__preview/api/site'),
    getJson<RequestState>(`/__preview/api/request?key=${encodeURIComponent(selection.request)}`),
    getJson<CallsView>('/__preview/api/invocations'),
  ]);
  site = nextSite;
  current = state;
  renderPickers(selectionFromControls());
  renderRequestState(state);
  renderInvocations(calls.calls);
  renderViolations(calls.violations);
  byId('agent-hint', HTMLParagraphElement).textContent =
    `getStatusHelp as ${site.agentName} (agent), on ${selection.request}. ${UI_KIT_HINT}`;
  byId('admin-hint', HTMLParagraphElement).textContent =
    `adminListProjects, adminPreview, adminCheck, adminInstall, getMailSettings, setMailSettings as ${site.adminName} ` +
    `(Jira administrator). ${UI_KIT_HINT} Its buttons, fields and checkboxes work.`;
}

let refreshTimer: number | undefined;
/** Several calls often end together (an action, then the panel reading the request again): refresh once. */
function refreshSoon(): void {
  window.clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => void refreshData().catch(reportError), 60);
}

function reportError(error: unknown): void {
  console.error('preview:', error);
}

function applySelection(reload: { agent: boolean; admin: boolean }): void {
  const selection = selectionFromControls();
  writeSelection(selection);
  showPanel(selection);
  setUiView(selection.ui);
  setRenderedTheme(selection.theme, sendEvent);
  void refreshData().catch(reportError);
  if (reload.agent) void showOutline('agent');
  if (reload.admin) void showOutline('admin');
}

function listen(): void {
  controls.request.addEventListener('change', () => applySelection({ agent: true, admin: false }));
  controls.viewer.addEventListener('change', () => applySelection({ agent: false, admin: false }));
  controls.locale.addEventListener('change', () => applySelection({ agent: true, admin: true }));
  for (const radio of controls.form.querySelectorAll<HTMLInputElement>(
    'input[name="theme"], input[name="ui"]',
  ))
    radio.addEventListener('change', () => applySelection({ agent: false, admin: false }));
  controls.form.addEventListener('submit', (event) => event.preventDefault());
  byId('agent-reload', HTMLButtonElement).addEventListener(
    'click',
    () => void showOutline('agent', { reload: true }),
  );
  byId('admin-reload', HTMLButtonElement).addEventListener(
    'click',
    () => void showOutline('admin', { reload: true }),
  );

  const events = new EventSource('/__preview/api/events');
  events.addEventListener('message', (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as ChangeEvent;
    refreshSoon();
    // A write elsewhere changes what the agent reads; the agent panel's own calls never write.
    if (event.phase === 'end' && event.writes > 0 && event.origin !== 'agent')
      void showOutline('agent', { reload: true });
    // The admin page changes by itself while an install runs (it polls the migration).
    if (event.phase === 'end' && event.origin === 'admin') void showOutline('admin');
  });
}

/**
 * `focus=agent` or `focus=admin` in the address: the page shows only that surface, rendered, across
 * the whole window (`focusWidth` px of content, centred), for listing screenshots (screenshots.ts).
 */
function applyFocus(): void {
  const hash = new URLSearchParams(location.hash.slice(1));
  const focus = hash.get('focus');
  if (focus !== 'agent' && focus !== 'admin') return;
  document.body.dataset.focus = focus;
  const width = Number(hash.get('focusWidth'));
  if (Number.isInteger(width) && width > 0) document.body.style.setProperty('--focus-width', `${width}px`);
}

async function start(): Promise<void> {
  applyFocus();
  const selection = readSelection();
  site = await getJson<SiteView>('/__preview/api/site');
  byId('project', HTMLParagraphElement).textContent =
    `Demo service project ${site.projectName}: ${site.requests.length} requests, one in each status.`;
  renderPickers(selection);
  sizeFrameWithPanel();
  listen();
  applySelection({ agent: true, admin: true });
}

void start().catch(reportError);
