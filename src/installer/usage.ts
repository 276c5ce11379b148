/**
 * Which projects use a workflow. Jira ties a workflow to projects only through workflow schemes: a
 * project uses a workflow when its scheme does. So the answer is read the same way: the schemes that
 * use the workflow (`GET /workflow/{id}/workflowSchemes`), then the projects of each scheme
 * (`GET /workflowscheme/{id}/projectUsages`), then their keys and names for the administrator.
 *
 * Every change the app makes to an existing workflow asks this first (install's repair today, new
 * transitions tomorrow): a workflow another project uses is never changed from this project.
 */
import type { JiraClient } from '../jira/client';
import { mapLimited } from './limit';

export interface ProjectRef {
  id: string;
  key: string;
  name: string;
}

/** What the caller already read, so it is not read twice. */
export interface KnownUsage {
  /** Every project of a scheme, by scheme id, when read in full. */
  schemes?: ReadonlyMap<string, readonly string[]>;
  /** Projects already known (the one being installed, for instance). */
  projects?: readonly ProjectRef[];
}

/** Pages of usages are 200 long; 25 of them is far beyond a real site and keeps a bad answer from looping. */
const MAX_USAGE_PAGES = 25;

/** Every id of a cursor-paged usage list (the usage endpoints of workflows and schemes). */
export async function allPages(
  read: (
    token: string | undefined,
  ) => Promise<{ values?: { id?: string }[]; nextPageToken?: string } | undefined>,
): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_USAGE_PAGES; page++) {
    const answer = await read(token);
    for (const v of answer?.values ?? []) if (v.id !== undefined) ids.push(v.id);
    token = answer?.nextPageToken;
    if (!token) break;
  }
  return ids;
}

/** Every project that uses the workflow scheme. */
export async function projectIdsOfScheme(jira: JiraClient, schemeId: string): Promise<string[]> {
  return allPages(async (token) => (await jira.getWorkflowSchemeProjectUsages(schemeId, token)).projects);
}

const PARALLEL_READS = 4;
/** `GET /project/search` takes 50 ids at most (the spec's `id` parameter). */
const IDS_PER_SEARCH = 50;

/** Every workflow scheme that uses the workflow, as its default or for an issue type. */
export async function schemeIdsUsingWorkflow(jira: JiraClient, workflowId: string): Promise<string[]> {
  return allPages(async (token) => (await jira.getWorkflowSchemeUsages(workflowId, token)).workflowSchemes);
}

/**
 * Every project that uses the workflow, the caller's own included, sorted by key. A project Jira
 * does not show the caller still counts: it is named by its id.
 */
export async function projectsUsingWorkflow(
  jira: JiraClient,
  workflowId: string,
  known: KnownUsage = {},
): Promise<ProjectRef[]> {
  const schemeIds = await schemeIdsUsingWorkflow(jira, workflowId);
  const perScheme = await mapLimited(
    schemeIds,
    PARALLEL_READS,
    async (id) => known.schemes?.get(id) ?? projectIdsOfScheme(jira, id),
  );
  const ids = [...new Set(perScheme.flat())];
  const byId = new Map((known.projects ?? []).map((p) => [p.id, p]));
  const unknown = ids.filter((id) => !byId.has(id));
  const chunks: string[][] = [];
  for (let i = 0; i < unknown.length; i += IDS_PER_SEARCH) chunks.push(unknown.slice(i, i + IDS_PER_SEARCH));
  for (const page of await mapLimited(chunks, PARALLEL_READS, (chunk) => jira.getProjectsById(chunk)))
    for (const p of page.values ?? []) byId.set(p.id, { id: p.id, key: p.key, name: p.name });
  return ids
    .map((id) => byId.get(id) ?? { id, key: id, name: id })
    .sort((a, b) => a.key.localeCompare(b.key));
}
