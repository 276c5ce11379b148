/**
 * The admin page's "Relances et décisions automatiques" section: per service project, for each status
 * that waits on the customer, remind after N days, at most K reminders, decide without answer after M
 * days; working or calendar days; the time zone. "Aperçu" shows what the rules would do to the
 * requests waiting now (getWaitingRules with the rules), before "Enregistrer" (setWaitingRules)
 * stores them. The resolver validates; the fields keep what the administrator typed on a refusal.
 */
import React, { useState } from 'react';
import {
  Button,
  Checkbox,
  Heading,
  Inline,
  Label,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import { formatDateTime } from '../../i18n/dates';
import { resolveLocale, type Translate } from '../../i18n/locales';
import type { ProjectRowView } from '../../installer/resolvers';
import type { RulesPreview } from '../../waiting/preview';
import type { WaitingRulesAnswer } from '../../waiting/resolvers';
import { WAITING_STATUSES, type WaitingStatus } from '../../waiting/rules';
import { isError, type Call } from './call';
import { OpenedState, ProjectButtons, useProjectOpener } from './project-opener';
import {
  OUTCOME_FIELD,
  formOf,
  previewLines,
  rulesOf,
  type ChangeEvent,
  type Form,
  type StatusForm,
} from './waiting-form';

function Field(props: {
  id: string;
  label: string;
  value: string;
  disabled: boolean;
  onChange: (v: string) => void;
}): React.JSX.Element {
  return (
    <Stack space="space.050">
      <Label labelFor={props.id}>{props.label}</Label>
      <Textfield
        id={props.id}
        name={props.id}
        testId={props.id}
        value={props.value}
        isDisabled={props.disabled}
        onChange={(event: ChangeEvent) => {
          const value = event.target?.value;
          props.onChange(typeof value === 'string' ? value : '');
        }}
      />
    </Stack>
  );
}

function RulesPanel(props: {
  project: ProjectRowView;
  answer: WaitingRulesAnswer;
  t: Translate;
  call: Call;
  locale: string;
}): React.JSX.Element {
  const { project, t, call } = props;
  const [form, setForm] = useState<Form>(() => formOf(props.answer));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const [preview, setPreview] = useState<RulesPreview | null>(props.answer.preview ?? null);
  const date = (iso: string): string => {
    const format = (timeZone: string | undefined) =>
      new Intl.DateTimeFormat(resolveLocale(props.locale), {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone,
      });
    let formatter: Intl.DateTimeFormat;
    try {
      formatter = format(form.timeZone);
    } catch {
      // A zone half typed ("Europe/Par") is no zone yet: the dates stay in the saved rules' zone.
      formatter = format(props.answer.rules.timeZone);
    }
    return formatDateTime(formatter, new Date(iso));
  };
  const edit = (change: (f: Form) => Form): void => {
    setForm(change);
    setMessage(null);
  };
  const editStatus = (s: WaitingStatus, change: Partial<StatusForm>): void =>
    edit((f) => ({ ...f, statuses: { ...f.statuses, [s]: { ...f.statuses[s], ...change } } }));

  const send = async (functionKey: 'getWaitingRules' | 'setWaitingRules'): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await call<WaitingRulesAnswer>(functionKey, {
        projectKey: project.key,
        rules: rulesOf(form),
      });
      if (isError(result)) setMessage({ kind: 'error', text: result.error.message });
      else if (functionKey === 'getWaitingRules') setPreview(result.preview ?? null);
      else setMessage({ kind: 'saved', text: t('waiting.admin.saved') });
    } catch {
      setMessage({ kind: 'error', text: t('waiting.error.unavailable') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.150" testId="waiting-rules">
      <Heading as="h3">{`${project.name} (${project.key})`}</Heading>
      {WAITING_STATUSES.map((s) => (
        <Stack key={s} space="space.100">
          <Checkbox
            name={`waiting-${s}`}
            value={s}
            label={t(`waiting.admin.${s}`)}
            isChecked={form.statuses[s].on}
            isDisabled={busy}
            onChange={(event: ChangeEvent) =>
              editStatus(s, {
                on: typeof event.target?.checked === 'boolean' ? event.target.checked : !form.statuses[s].on,
              })
            }
            testId={`waiting-${s}-on`}
          />
          {form.statuses[s].on && (
            <Inline space="space.150" shouldWrap>
              <Field
                id={`waiting-${s}-remind`}
                label={t('waiting.admin.remindAfterDays')}
                value={form.statuses[s].remindAfterDays}
                disabled={busy}
                onChange={(v) => editStatus(s, { remindAfterDays: v })}
              />
              <Field
                id={`waiting-${s}-max`}
                label={t('waiting.admin.maxReminders')}
                value={form.statuses[s].maxReminders}
                disabled={busy}
                onChange={(v) => editStatus(s, { maxReminders: v })}
              />
              <Field
                id={`waiting-${s}-outcome`}
                label={t(`waiting.admin.${OUTCOME_FIELD[s]}`)}
                value={form.statuses[s].outcomeDays}
                disabled={busy}
                onChange={(v) => editStatus(s, { outcomeDays: v })}
              />
            </Inline>
          )}
        </Stack>
      ))}
      <Checkbox
        name="waiting-working-days"
        value="workingDays"
        label={t('waiting.admin.workingDays')}
        isChecked={form.workingDays}
        isDisabled={busy}
        onChange={(event: ChangeEvent) =>
          edit((f) => ({
            ...f,
            workingDays: typeof event.target?.checked === 'boolean' ? event.target.checked : !f.workingDays,
          }))
        }
        testId="waiting-working-days"
      />
      <Field
        id="waiting-time-zone"
        label={t('waiting.admin.timeZone')}
        value={form.timeZone}
        disabled={busy}
        onChange={(v) => edit((f) => ({ ...f, timeZone: v }))}
      />
      {preview && (
        <SectionMessage
          appearance="information"
          title={t('waiting.admin.previewTitle')}
          testId="waiting-preview"
        >
          {(() => {
            const lines = previewLines(preview, t, date);
            return lines.length === 0 ? (
              <Text>{t('waiting.admin.previewNone')}</Text>
            ) : (
              lines.map((line) => <Text key={line}>{line}</Text>)
            );
          })()}
        </SectionMessage>
      )}
      {message && (
        <SectionMessage
          appearance={message.kind === 'saved' ? 'success' : 'error'}
          testId={`waiting-${message.kind}`}
        >
          <Text>{message.text}</Text>
        </SectionMessage>
      )}
      {busy && <Spinner />}
      <Inline space="space.100">
        <Button
          isDisabled={busy}
          onClick={() => void send('getWaitingRules')}
          testId="waiting-preview-button"
        >
          {t('waiting.admin.preview')}
        </Button>
        <Button
          appearance="primary"
          isDisabled={busy}
          onClick={() => void send('setWaitingRules')}
          testId="waiting-save"
        >
          {t('waiting.admin.save')}
        </Button>
      </Inline>
    </Stack>
  );
}

export function WaitingRulesSection(props: {
  projects: readonly ProjectRowView[];
  t: Translate;
  call: Call;
  locale: string;
}): React.JSX.Element {
  const { projects, t, call } = props;
  const { opened, open } = useProjectOpener<WaitingRulesAnswer>(
    call,
    'getWaitingRules',
    t('waiting.error.unavailable'),
  );
  return (
    <Stack space="space.200" testId="waiting">
      <Heading as="h2">{t('waiting.admin.title')}</Heading>
      <Text>{t('waiting.admin.intro')}</Text>
      <ProjectButtons
        projects={projects}
        opened={opened}
        open={open}
        prefix="waiting"
        label={(project) => `${t('waiting.admin.project')} ${project.name} (${project.key})`}
      />
      <OpenedState opened={opened} errorTestId="waiting-load-error" />
      {opened?.kind === 'loaded' && (
        <RulesPanel
          key={opened.project.key}
          project={opened.project}
          answer={opened.value}
          t={t}
          call={call}
          locale={props.locale}
        />
      )}
    </Stack>
  );
}
