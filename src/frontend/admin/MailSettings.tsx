/**
 * The admin page's "E-mails to customers" section: per service project, the workflow's ten statuses
 * with a box each, checked for those that e-mail the reporter (getMailSettings answers the defaults
 * while nothing is saved), and Save (setMailSettings). A failed save keeps the boxes as the
 * administrator left them, so trying again needs no re-ticking.
 */
import React, { useState } from 'react';
import {
  Button,
  Checkbox,
  Heading,
  Inline,
  SectionMessage,
  Stack,
  Text,
  type CheckboxProps,
} from '@forge/react';
import type { Translate } from '../../i18n/locales';
import type { ProjectRowView } from '../../installer/resolvers';
import type { MailSettings } from '../../notifications/settings';
import { STATUSES, STATUS_KEYS, type StatusKey } from '../../workflow';
import { isError, type Call } from './call';
import { OpenedState, ProjectButtons, useProjectOpener } from './project-opener';

type CheckboxEvent = Parameters<NonNullable<CheckboxProps['onChange']>>[0];

type Outcome = { kind: 'saved' } | { kind: 'error'; message: string };

const projectLabel = (project: ProjectRowView): string => `${project.name} (${project.key})`;

function MailSettingsPanel(props: {
  project: ProjectRowView;
  settings: MailSettings;
  t: Translate;
  call: Call;
  onClose: () => void;
}): React.JSX.Element {
  const { project, settings, t, call } = props;
  const [chosen, setChosen] = useState<ReadonlySet<StatusKey>>(() => new Set(settings.statuses));
  const [isDefault, setIsDefault] = useState(settings.isDefault);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const label = projectLabel(project);

  const choose = (key: StatusKey, event: CheckboxEvent): void => {
    setChosen((current) => {
      // The host sends the box's new state; without it, a change of a box means it flipped.
      const checked = event.target.checked ?? !current.has(key);
      const next = new Set(current);
      if (checked) next.add(key);
      else next.delete(key);
      return next;
    });
    // "Saved" no longer describes the boxes once one changes; an error still explains the last try.
    setOutcome((current) => (current?.kind === 'saved' ? null : current));
  };

  const save = async (): Promise<void> => {
    setSaving(true);
    setOutcome(null);
    try {
      const statuses = STATUS_KEYS.filter((key) => chosen.has(key));
      const result = await call<MailSettings>('setMailSettings', { projectKey: project.key, statuses });
      if (isError(result)) {
        setOutcome({ kind: 'error', message: result.error.message });
      } else {
        setChosen(new Set(result.statuses));
        setIsDefault(result.isDefault);
        setOutcome({ kind: 'saved' });
      }
    } catch {
      setOutcome({ kind: 'error', message: t('email.settings.saveError') });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack space="space.150" testId="mail-settings">
      <Heading as="h3">{t('email.settings.projectTitle', { project: label })}</Heading>
      {isDefault && <Text>{t('email.settings.isDefault')}</Text>}
      <Text>{t('email.settings.statuses')}</Text>
      <Stack space="space.050">
        {STATUSES.map((status) => (
          <Checkbox
            key={status.key}
            name="mail-statuses"
            value={status.key}
            label={status.name}
            isChecked={chosen.has(status.key)}
            isDisabled={saving}
            onChange={(event) => choose(status.key, event)}
            testId={`mail-status-${status.key}`}
          />
        ))}
      </Stack>
      {chosen.size === 0 && (
        <SectionMessage appearance="warning" testId="mail-none">
          <Text>{t('email.settings.none')}</Text>
        </SectionMessage>
      )}
      {outcome?.kind === 'saved' && (
        <SectionMessage appearance="success" testId="mail-saved">
          <Text>{t('email.settings.saved', { project: label })}</Text>
        </SectionMessage>
      )}
      {outcome?.kind === 'error' && (
        <SectionMessage appearance="error" testId="mail-error">
          <Text>{outcome.message}</Text>
        </SectionMessage>
      )}
      <Inline space="space.100">
        <Button appearance="primary" isDisabled={saving} onClick={() => void save()} testId="mail-save">
          {t('email.settings.save')}
        </Button>
        <Button appearance="subtle" onClick={props.onClose} testId="mail-close">
          {t('admin.button.close')}
        </Button>
      </Inline>
    </Stack>
  );
}

export function MailSettingsSection(props: {
  projects: readonly ProjectRowView[];
  t: Translate;
  call: Call;
}): React.JSX.Element {
  const { projects, t, call } = props;
  const { opened, open, close } = useProjectOpener<MailSettings>(
    call,
    'getMailSettings',
    t('email.settings.loadError'),
  );

  return (
    <Stack space="space.200" testId="mail">
      <Heading as="h2">{t('email.settings.title')}</Heading>
      <Text>{t('email.settings.intro')}</Text>
      <SectionMessage appearance="information" title={t('email.settings.checkTitle')}>
        <Text>{t('email.settings.checkOnSite')}</Text>
      </SectionMessage>
      <ProjectButtons
        projects={projects}
        opened={opened}
        open={open}
        prefix="mail"
        label={(project) => t('email.settings.open', { project: projectLabel(project) })}
      />
      <OpenedState opened={opened} loading={t('email.settings.loading')} errorTestId="mail-load-error" />
      {opened?.kind === 'loaded' && (
        <MailSettingsPanel
          key={opened.project.key}
          project={opened.project}
          settings={opened.value}
          t={t}
          call={call}
          onClose={close}
        />
      )}
    </Stack>
  );
}
