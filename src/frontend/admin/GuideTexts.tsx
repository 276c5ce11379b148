/**
 * The admin page's "Textes du guide" section: one button per service project opens its texts
 * (getGuideTexts), edited in GuideTextsEditor. Mounted by AdminPage in one line.
 */
import React, { useState } from 'react';
import { Button, Heading, Inline, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import type { Translate } from '../../i18n/locales';
import type { ProjectRowView } from '../../installer/resolvers';
import type { GuideTexts } from '../../texts/resolvers';
import { isError, type Call } from './call';
import { GuideTextsEditor } from './GuideTextsEditor';

type Opened =
  | { kind: 'loading'; project: ProjectRowView }
  | { kind: 'loaded'; project: ProjectRowView; texts: GuideTexts }
  | { kind: 'error'; message: string };

const projectLabel = (project: ProjectRowView): string => `${project.name} (${project.key})`;

export function GuideTextsSection(props: {
  projects: readonly ProjectRowView[];
  t: Translate;
  call: Call;
}): React.JSX.Element {
  const { projects, t, call } = props;
  const [opened, setOpened] = useState<Opened | null>(null);

  const open = async (project: ProjectRowView): Promise<void> => {
    setOpened({ kind: 'loading', project });
    try {
      const result = await call<GuideTexts>('getGuideTexts', { projectKey: project.key });
      setOpened(
        isError(result)
          ? { kind: 'error', message: result.error.message }
          : { kind: 'loaded', project, texts: result },
      );
    } catch {
      setOpened({ kind: 'error', message: t('texts.editor.loadError') });
    }
  };

  return (
    <Stack space="space.200" testId="texts">
      <Heading as="h2">{t('texts.editor.title')}</Heading>
      <Text>{t('texts.editor.intro')}</Text>
      <Inline space="space.100" shouldWrap>
        {projects.map((project) => (
          <Button
            key={project.key}
            isDisabled={opened?.kind === 'loading'}
            onClick={() => void open(project)}
            testId={`texts-${project.key}`}
          >
            {t('texts.editor.open', { project: projectLabel(project) })}
          </Button>
        ))}
      </Inline>
      {opened?.kind === 'loading' && <Spinner label={t('texts.editor.loading')} />}
      {opened?.kind === 'error' && (
        <SectionMessage appearance="error" testId="texts-load-error">
          <Text>{opened.message}</Text>
        </SectionMessage>
      )}
      {opened?.kind === 'loaded' && (
        <GuideTextsEditor
          key={opened.project.key}
          projectLabel={projectLabel(opened.project)}
          loaded={opened.texts}
          t={t}
          call={call}
          onClose={() => setOpened(null)}
        />
      )}
    </Stack>
  );
}
