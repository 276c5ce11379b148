/**
 * The guide texts of one project: pick a language and a status, see each field's default, override
 * it or reset it, and read at once how the portal panel will say it. Save sends the whole set
 * (setGuideTexts replaces it); export shows the saved set as JSON, import replaces it with pasted
 * JSON, refused whole, with the resolver's reason, when anything in it is wrong.
 */
import React, { useState } from 'react';
import {
  Button,
  CodeBlock,
  Heading,
  Inline,
  Label,
  Lozenge,
  SectionMessage,
  Select,
  Stack,
  Text,
  TextArea,
} from '@forge/react';
import { SUPPORTED_LOCALES, type Locale, type Translate } from '../../i18n/locales';
import type { GuideTexts, SavedGuideTexts } from '../../texts/resolvers';
import { MAX_TEXT_LENGTH, TEXT_FIELDS, type TextField, type TextOverrides } from '../../texts/model';
import { STATUSES, commentLength, type StatusKey } from '../../workflow';
import { isError, type Call } from './call';
import { exportJson, overrideOf, parseImport, previewOf, withField } from './guide-texts-draft';

type Outcome = { kind: 'saved' | 'imported' } | { kind: 'error'; message: string };
interface Option<T> {
  label: string;
  value: T;
}
/** What the host sends a TextArea's onChange: a serialised event; a Select's is the chosen option. */
type InputEvent = { target?: { value?: unknown } } | undefined;

const valueOf = (event: InputEvent): string =>
  typeof event?.target?.value === 'string' ? event.target.value : '';

function FieldEditor(props: {
  field: TextField;
  value: string | undefined;
  fallback: string;
  disabled: boolean;
  t: Translate;
  onChange: (value: string) => void;
}): React.JSX.Element {
  const { field, value, fallback, t } = props;
  const length = commentLength(value ?? '');
  return (
    <Stack space="space.050" testId={`texts-field-${field}`}>
      <Label labelFor={`texts-input-${field}`}>{t(`texts.field.${field}`)}</Label>
      <TextArea
        id={`texts-input-${field}`}
        testId={`texts-input-${field}`}
        value={value ?? ''}
        placeholder={fallback}
        isInvalid={length > MAX_TEXT_LENGTH}
        isDisabled={props.disabled}
        onChange={(event: InputEvent) => props.onChange(valueOf(event))}
      />
      <Text>{value === undefined ? t('texts.editor.usesDefault') : t('texts.editor.overridden')}</Text>
      <Text>{t('texts.editor.default', { text: fallback })}</Text>
      <Text>{t('texts.editor.counter', { count: length, max: MAX_TEXT_LENGTH })}</Text>
      {value !== undefined && (
        <Button appearance="subtle" onClick={() => props.onChange('')} testId={`texts-reset-${field}`}>
          {t('texts.editor.reset')}
        </Button>
      )}
    </Stack>
  );
}

export function GuideTextsEditor(props: {
  projectLabel: string;
  loaded: GuideTexts;
  t: Translate;
  call: Call;
  onClose: () => void;
}): React.JSX.Element {
  const { loaded, t, call, projectLabel } = props;
  const [saved, setSaved] = useState<TextOverrides>(loaded.texts);
  const [draft, setDraft] = useState<TextOverrides>(loaded.texts);
  const [locale, setLocale] = useState<Locale>('fr-FR');
  const [key, setKey] = useState<StatusKey>(STATUSES[0]?.key ?? 'open');
  const [importText, setImportText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const localeOptions: Option<Locale>[] = SUPPORTED_LOCALES.map((l) => ({
    label: t(`texts.locale.${l}`),
    value: l,
  }));
  const statusOptions: Option<StatusKey>[] = STATUSES.map((s) => ({ label: s.name, value: s.key }));
  const preview = previewOf(loaded.defaults, draft, locale, key);
  const unsaved = JSON.stringify(draft) !== JSON.stringify(saved);

  /** Sends a whole set; on success shows the stored set as the resolver answers it (normalized). */
  const store = async (texts: unknown, done: 'saved' | 'imported'): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await call<SavedGuideTexts>('setGuideTexts', { projectKey: loaded.projectKey, texts });
      if (isError(result)) return setOutcome({ kind: 'error', message: result.error.message });
      const stored = result.texts;
      setSaved(stored);
      setDraft(stored);
      if (done === 'imported') setImportText('');
      setOutcome({ kind: done });
    } catch {
      setOutcome({ kind: 'error', message: t('texts.editor.saveError') });
    } finally {
      setBusy(false);
    }
  };

  const importPasted = (): void => {
    const parsed = parseImport(importText);
    if (parsed.kind === 'invalid-json')
      return setOutcome({
        kind: 'error',
        message: t('texts.editor.invalidJson', { details: parsed.details }),
      });
    void store(parsed.texts, 'imported');
  };

  const edit = (field: TextField, value: string): void => {
    setDraft((current) => withField(current, locale, key, field, value));
    setOutcome((current) => (current?.kind === 'error' ? current : null));
  };

  return (
    <Stack space="space.200" testId="texts-editor">
      <Heading as="h3">{t('texts.editor.projectTitle', { project: projectLabel })}</Heading>
      <Inline space="space.200" shouldWrap>
        <Stack space="space.050">
          <Label labelFor="texts-locale">{t('texts.editor.language')}</Label>
          <Select
            inputId="texts-locale"
            testId="texts-locale"
            options={localeOptions}
            value={localeOptions.find((o) => o.value === locale)}
            onChange={(option: Option<Locale>) => setLocale(option.value)}
          />
        </Stack>
        <Stack space="space.050">
          <Label labelFor="texts-status">{t('texts.editor.status')}</Label>
          <Select
            inputId="texts-status"
            testId="texts-status"
            options={statusOptions}
            value={statusOptions.find((o) => o.value === key)}
            onChange={(option: Option<StatusKey>) => setKey(option.value)}
          />
        </Stack>
      </Inline>
      {TEXT_FIELDS.map((field) => (
        <FieldEditor
          key={`${locale}-${key}-${field}`}
          field={field}
          value={overrideOf(draft, locale, key, field)}
          fallback={loaded.defaults[locale][key][field]}
          disabled={busy}
          t={t}
          onChange={(value) => edit(field, value)}
        />
      ))}
      <SectionMessage appearance="discovery" title={t('texts.editor.previewTitle')} testId="texts-preview">
        <Text>{t('texts.editor.previewIntro', { language: t(`texts.locale.${locale}`) })}</Text>
        <Text>{t('panel.statusLabel')}</Text>
        <Heading as="h4">{preview.name}</Heading>
        {preview.localName !== null && <Text testId="texts-preview-local">{preview.localName}</Text>}
        {preview.responseRequired && <Lozenge appearance="moved">{t('badge.responseRequired')}</Lozenge>}
        <Text testId="texts-preview-meaning">{preview.meaning}</Text>
        <Text testId="texts-preview-todo">{preview.todo}</Text>
      </SectionMessage>
      {unsaved && <Text testId="texts-unsaved">{t('texts.editor.unsaved')}</Text>}
      {outcome?.kind === 'saved' && (
        <SectionMessage appearance="success" testId="texts-saved">
          <Text>{t('texts.editor.saved', { project: projectLabel })}</Text>
        </SectionMessage>
      )}
      {outcome?.kind === 'imported' && (
        <SectionMessage appearance="success" testId="texts-imported">
          <Text>{t('texts.editor.imported', { project: projectLabel })}</Text>
        </SectionMessage>
      )}
      {outcome?.kind === 'error' && (
        <SectionMessage appearance="error" testId="texts-error">
          <Text>{outcome.message}</Text>
        </SectionMessage>
      )}
      <Inline space="space.100">
        <Button
          appearance="primary"
          isDisabled={busy}
          onClick={() => void store(draft, 'saved')}
          testId="texts-save"
        >
          {t('texts.editor.save')}
        </Button>
        <Button appearance="subtle" onClick={props.onClose} testId="texts-close">
          {t('admin.button.close')}
        </Button>
      </Inline>
      <Heading as="h4">{t('texts.editor.exportTitle')}</Heading>
      <Text>{t('texts.editor.exportIntro', { project: projectLabel })}</Text>
      <CodeBlock language="json" text={exportJson(saved)} testId="texts-export" />
      <Heading as="h4">{t('texts.editor.importTitle')}</Heading>
      <Text>{t('texts.editor.importIntro')}</Text>
      <Label labelFor="texts-import">{t('texts.editor.importField')}</Label>
      <TextArea
        id="texts-import"
        testId="texts-import"
        isMonospaced
        value={importText}
        isDisabled={busy}
        onChange={(event: InputEvent) => setImportText(valueOf(event))}
      />
      <Button
        isDisabled={busy || importText.trim() === ''}
        onClick={importPasted}
        testId="texts-import-button"
      >
        {t('texts.editor.importButton')}
      </Button>
    </Stack>
  );
}
