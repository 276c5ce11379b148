/**
 * The admin page's "Textes du guide" section: one button per service project opens its texts
 * (getGuideTexts), edited in GuideTextsEditor. Mounted by AdminPage in one line.
 */
import React from 'react';
import { Heading, Stack, Text } from '@forge/react';
import type { Translate } from '../../i18n/locales';
import type { ProjectRowView } from '../../installer/resolvers';
import type { GuideTexts } from '../../texts/resolvers';
import type { Call } from './call';
import { OpenedState, ProjectButtons, useProjectOpener } from './project-opener';
import { GuideTextsEditor } from './GuideTextsEditor';

const projectLabel = (project: ProjectRowView): string => `${project.name} (${project.key})`;

export function GuideTextsSection(props: {
  projects: readonly ProjectRowView[];
  t: Translate;
  call: Call;
}): React.JSX.Element {
  const { projects, t, call } = props;
  const { opened, open, close } = useProjectOpener<GuideTexts>(
    call,
    'getGuideTexts',
    t('texts.editor.loadError'),
  );

  return (
    <Stack space="space.200" testId="texts">
      <Heading as="h2">{t('texts.editor.title')}</Heading>
      <Text>{t('texts.editor.intro')}</Text>
      <ProjectButtons
        projects={projects}
        opened={opened}
        open={open}
        prefix="texts"
        label={(project) => t('texts.editor.open', { project: projectLabel(project) })}
      />
      <OpenedState opened={opened} loading={t('texts.editor.loading')} errorTestId="texts-load-error" />
      {opened?.kind === 'loaded' && (
        <GuideTextsEditor
          key={opened.project.key}
          projectLabel={projectLabel(opened.project)}
          loaded={opened.value}
          t={t}
          call={call}
          onClose={close}
        />
      )}
    </Stack>
  );
}
