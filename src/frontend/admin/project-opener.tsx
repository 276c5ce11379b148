/**
 * What the admin page's per-project sections share: one button per service project, which reads
 * that project's settings from a resolver, then a spinner, the refusal, or the section's own panel.
 */
import React, { useState } from 'react';
import { Button, Inline, SectionMessage, Spinner, Text } from '@forge/react';
import type { ProjectRowView } from '../../installer/resolvers';
import { isError, type Call } from './call';

export type Opened<T> =
  | { kind: 'loading'; project: ProjectRowView }
  | { kind: 'loaded'; project: ProjectRowView; value: T }
  | { kind: 'error'; message: string };

/** The project opened in a section, and how to open one with `functionKey` (or close it: null). */
export function useProjectOpener<T>(
  call: Call,
  functionKey: string,
  unavailable: string,
): {
  opened: Opened<T> | null;
  open: (project: ProjectRowView) => Promise<void>;
  close: () => void;
} {
  const [opened, setOpened] = useState<Opened<T> | null>(null);
  const open = async (project: ProjectRowView): Promise<void> => {
    setOpened({ kind: 'loading', project });
    try {
      const result = await call<T>(functionKey, { projectKey: project.key });
      setOpened(
        isError(result)
          ? { kind: 'error', message: result.error.message }
          : { kind: 'loaded', project, value: result },
      );
    } catch {
      setOpened({ kind: 'error', message: unavailable });
    }
  };
  return { opened, open, close: () => setOpened(null) };
}

/** One button per project, `testId` `${prefix}-${key}`; disabled while one is loading. */
export function ProjectButtons<T>(props: {
  projects: readonly ProjectRowView[];
  opened: Opened<T> | null;
  open: (project: ProjectRowView) => Promise<void>;
  label: (project: ProjectRowView) => string;
  prefix: string;
}): React.JSX.Element {
  return (
    <Inline space="space.100" shouldWrap>
      {props.projects.map((project) => (
        <Button
          key={project.key}
          isDisabled={props.opened?.kind === 'loading'}
          onClick={() => void props.open(project)}
          testId={`${props.prefix}-${project.key}`}
        >
          {props.label(project)}
        </Button>
      ))}
    </Inline>
  );
}

/** The spinner while a project loads, and what Jira answered when it could not. */
export function OpenedState<T>(props: {
  opened: Opened<T> | null;
  loading?: string;
  errorTestId: string;
}): React.JSX.Element | null {
  const { opened } = props;
  if (opened?.kind === 'loading') return <Spinner {...(props.loading ? { label: props.loading } : {})} />;
  if (opened?.kind === 'error')
    return (
      <SectionMessage appearance="error" testId={props.errorTestId}>
        <Text>{opened.message}</Text>
      </SectionMessage>
    );
  return null;
}
