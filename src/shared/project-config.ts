/**
 * What the installer records per project in Forge storage: the Jira ids of the workflow's statuses
 * and transitions, found by their transition-property tag. The portal reads it to act without
 * looking transitions up; instances keep it in memory, so a warm instance reads it once.
 */
import { kvs } from '@forge/kvs';
import type { StatusKey, TransitionId } from '../workflow';

export interface ProjectWorkflowConfig {
  statuses: Partial<Record<StatusKey, string>>;
  transitions: Partial<Record<TransitionId, string>>;
}

export function projectConfigKey(projectKey: string): string {
  return `workflow:${projectKey}`;
}

const cache = new Map<string, ProjectWorkflowConfig | null>();

export async function getProjectConfig(projectKey: string): Promise<ProjectWorkflowConfig | null> {
  if (cache.has(projectKey)) return cache.get(projectKey) ?? null;
  const config = (await kvs.get<ProjectWorkflowConfig>(projectConfigKey(projectKey))) ?? null;
  // Only a found config is cached: a project set up later must be seen without a restart.
  if (config) cache.set(projectKey, config);
  return config;
}

export async function saveProjectConfig(projectKey: string, config: ProjectWorkflowConfig): Promise<void> {
  await kvs.set(projectConfigKey(projectKey), config);
  cache.set(projectKey, config);
}

/** For tests and for the installer after a change: forget what this instance remembers. */
export function forgetProjectConfigs(): void {
  cache.clear();
}
