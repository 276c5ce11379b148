/** Date and Atlassian Document Format conversions, in the forms Jira uses on the wire. */
import type { AdfNode, DoubleUser } from './state';

/**
 * One formatter per locale and options: building an Intl.DateTimeFormat costs far more than using it,
 * and the double formats dates on every response. Throws RangeError for an unknown zone or locale.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** Minutes east of UTC for a zone at an instant ("GMT+01:00" → 60). Unknown zones count as UTC. */
function offsetMinutes(epochMillis: number, timeZone: string): number {
  let name = 'GMT';
  try {
    const parts = formatter('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(epochMillis);
    name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  } catch {
    // RangeError for an unknown zone: fall back to UTC.
  }
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function localParts(epochMillis: number, timeZone: string): { local: string; offset: string } {
  const minutes = offsetMinutes(epochMillis, timeZone);
  const abs = Math.abs(minutes);
  const offset = `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return { local: new Date(epochMillis + minutes * 60_000).toISOString().slice(0, 23), offset };
}

/**
 * Jira's REST timestamp, in the caller's time zone: "2025-03-03T09:30:00.000+0100". Jira renders
 * dates for the user making the call (the app user's zone for asApp calls).
 */
export function jiraDateTime(epochMillis: number, timeZone: string): string {
  const { local, offset } = localParts(epochMillis, timeZone);
  return local + offset;
}

/** JSM DateDTO: iso8601 without milliseconds, jira with them, friendly in the caller's locale. */
export function jsmDate(
  epochMillis: number,
  viewer: Pick<DoubleUser, 'locale' | 'timeZone'>,
): {
  iso8601: string;
  jira: string;
  friendly: string;
  epochMillis: number;
} {
  const { local, offset } = localParts(epochMillis, viewer.timeZone);
  return {
    iso8601: local.slice(0, 19) + offset,
    jira: local + offset,
    friendly: friendlyDate(epochMillis, viewer),
    epochMillis,
  };
}

function friendlyDate(epochMillis: number, viewer: Pick<DoubleUser, 'locale' | 'timeZone'>): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return formatter(viewer.locale.replace('_', '-'), { ...options, timeZone: viewer.timeZone }).format(
      epochMillis,
    );
  } catch {
    return formatter('en-US', { ...options, timeZone: 'UTC' }).format(epochMillis);
  }
}

// --- Atlassian Document Format ------------------------------------------------------------------

/** The minimum Jira checks before accepting a document: a versioned `doc` with content. */
export function isAdfDocument(value: unknown): value is AdfNode {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { type?: unknown; version?: unknown; content?: unknown };
  return v.type === 'doc' && v.version === 1 && Array.isArray(v.content);
}

const BLOCKS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'listItem',
  'panel',
  'rule',
  'tableRow',
]);

/** Plain text of a document: text nodes, hard breaks as newlines, blocks on their own lines. */
export function adfToText(node: AdfNode): string {
  const lines: string[] = [];
  let current = '';
  const walk = (n: AdfNode): void => {
    if (n.type === 'text') current += n.text ?? '';
    else if (n.type === 'hardBreak') current += '\n';
    else if (n.type === 'mention' || n.type === 'emoji' || n.type === 'status') {
      const label = n.attrs?.text ?? n.attrs?.shortName;
      if (typeof label === 'string') current += label;
    }
    for (const child of n.content ?? []) walk(child);
    if (BLOCKS.has(n.type)) {
      lines.push(current);
      current = '';
    }
  };
  walk(node);
  if (current !== '') lines.push(current);
  return lines.join('\n').replace(/\n+$/, '');
}

/** The document Jira shows for a plain-text comment (JSM comments): one paragraph per line block. */
export function textToAdf(text: string): AdfNode {
  const paragraphs = text.split(/\n{2,}/).map((block): AdfNode => {
    const content: AdfNode[] = [];
    block.split('\n').forEach((line, i) => {
      if (i > 0) content.push({ type: 'hardBreak' });
      if (line !== '') content.push({ type: 'text', text: line });
    });
    return { type: 'paragraph', content };
  });
  return { type: 'doc', version: 1, content: paragraphs };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Jira's renderedBody is HTML; paragraphs and line breaks are enough for tests. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br/>')}</p>`)
    .join('');
}
