/**
 * The agent's status guide in the Jira issue view (UI Kit). Texts come from the manifest's
 * translations through `I18nProvider`, in the agent's Jira language; the data from getStatusHelp.
 */
import React, { useCallback, useEffect, useState } from 'react';
import { invoke } from '@forge/bridge';
import {
  Button,
  Heading,
  Inline,
  List,
  ListItem,
  Lozenge,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  useTranslation,
} from '@forge/react';
import type { AgentStatusHelp } from '../../agent/resolvers';
import { formatMessage, type Translate } from '../../i18n/locales';
import { panelView, type PanelView } from './view';

type Load = { kind: 'loading' } | { kind: 'error' } | { kind: 'loaded'; help: AgentStatusHelp };

/** What getStatusHelp answers when it succeeds; anything else (an error, a failed call) is shown as one. */
const isStatusHelp = (value: unknown): value is AgentStatusHelp =>
  value !== null && typeof value === 'object' && 'status' in value && !('error' in value);

function Section({
  title,
  items,
  empty,
}: {
  title: string;
  items: string[];
  empty: string;
}): React.JSX.Element {
  return (
    <Stack space="space.050">
      <Heading as="h4" size="xsmall">
        {title}
      </Heading>
      {items.length > 0 ? (
        <List type="unordered">
          {items.map((item, index) => (
            <ListItem key={index}>{item}</ListItem>
          ))}
        </List>
      ) : (
        <Text>{empty}</Text>
      )}
    </Stack>
  );
}

function KnownStatus({
  view,
  t,
}: {
  view: Extract<PanelView, { kind: 'known' }>;
  t: Translate;
}): React.JSX.Element {
  return (
    <Stack space="space.200">
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Heading as="h3" size="small">
            {view.statusName}
          </Heading>
          {view.badge !== null && <Lozenge appearance="moved">{view.badge}</Lozenge>}
        </Inline>
        {view.since !== null && <Text>{view.since}</Text>}
      </Stack>
      <SectionMessage appearance="information" title={t('agent.customerReads')}>
        <Text>{view.meaning}</Text>
        <Text>{view.todo}</Text>
      </SectionMessage>
      <Stack space="space.050">
        <Heading as="h4" size="xsmall">
          {t('texts.agent.noteTitle')}
        </Heading>
        <Text>{view.note}</Text>
      </Stack>
      <Section
        title={t('agent.customerActionsTitle')}
        items={view.customerActions}
        empty={t('agent.noCustomerAction')}
      />
      <Section title={t('agent.nextTitle')} items={view.nextTransitions} empty={t('agent.noNext')} />
      <Section title={t('agent.auditTitle')} items={view.audit} empty={t('agent.noAudit')} />
      {view.waiting.length > 0 && <Section title={t('waiting.agent.title')} items={view.waiting} empty="" />}
    </Stack>
  );
}

export function AgentPanel({ now = () => Date.now() }: { now?: () => number }): React.JSX.Element {
  const i18n = useTranslation();
  const { ready, t: lookUp } = i18n;
  const locale = i18n.ready ? i18n.locale : undefined;
  const t: Translate = useCallback((key, vars) => formatMessage(lookUp(key), vars), [lookUp]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  const fetchHelp = useCallback(async () => {
    setLoad({ kind: 'loading' });
    try {
      // The locale only localizes an error message; the issue comes from the platform's context.
      const answer: unknown = await invoke('getStatusHelp', locale ? { locale } : {});
      setLoad(isStatusHelp(answer) ? { kind: 'loaded', help: answer } : { kind: 'error' });
    } catch {
      setLoad({ kind: 'error' });
    }
  }, [locale]);

  useEffect(() => {
    if (ready) void fetchHelp();
  }, [ready, fetchHelp]);

  if (!ready || load.kind === 'loading') return <Spinner label={ready ? t('agent.loading') : undefined} />;
  if (load.kind === 'error')
    return (
      <SectionMessage appearance="warning">
        <Text>{t('agent.loadError')}</Text>
        <Button onClick={() => void fetchHelp()}>{t('agent.retry')}</Button>
      </SectionMessage>
    );
  const view = panelView(load.help, t, locale, now());
  const guide = view.kind === 'outside' ? <Text>{view.text}</Text> : <KnownStatus view={view} t={t} />;
  if (load.help.licence !== 'inactive') return guide;
  // The app writes nothing under an inactive license; the agent is told in one line, the guide still shows.
  return (
    <Stack space="space.200">
      <SectionMessage appearance="warning" testId="licence-inactive">
        <Text>{t('licensing.agent.notice')}</Text>
      </SectionMessage>
      {guide}
    </Stack>
  );
}
