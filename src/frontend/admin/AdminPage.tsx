/**
 * The admin page (UI Kit): the site's service projects and where each stands, a preview of exactly
 * what an install will do, the install itself with the progress of the request migration, and a
 * check that reports hand edits; then, per project, which statuses e-mail the reporter. The resolvers
 * decide and phrase everything about the workflow in the administrator's language; this page only lays
 * it out and keeps the flow going.
 */
import React, { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  DynamicTable,
  Heading,
  Inline,
  List,
  ListItem,
  Lozenge,
  ProgressBar,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  useTranslation,
} from '@forge/react';
import { invoke, view } from '@forge/bridge';
import { formatMessage, type MessageKey, type MessageVars } from '../../i18n/locales';
import type { InstallState } from '../../installer/analysis';
import type {
  CheckView,
  InstallView,
  LicenceNotice,
  PlanView,
  ProjectRowView,
} from '../../installer/resolvers';
import { isError, type Call, type Payload, type ResolverError } from './call';
import { MailSettingsSection } from './MailSettings';
import { GuideTextsSection } from './GuideTexts';
import { SiteCheckSection } from './SiteCheck';
import { WaitingRulesSection } from './WaitingRules';

/** How often the page asks how the request migration is going. */
const POLL_MS = 1000;
/** After this many polls the page stops and says so; Install again picks the migration up. */
const MAX_POLLS = 600;

type Panel =
  | { kind: 'preview'; view: PlanView }
  | { kind: 'check'; view: CheckView }
  | { kind: 'install'; projectKey: string; view: InstallView | null }
  | { kind: 'error'; message: string };

const LOZENGE: Record<InstallState, 'success' | 'moved' | 'default'> = {
  installed: 'success',
  partial: 'moved',
  absent: 'default',
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function useT(): { ready: boolean; t: (key: MessageKey, vars?: MessageVars) => string } {
  const { ready, t: translate } = useTranslation();
  const t = useCallback(
    (key: MessageKey, vars?: MessageVars) => formatMessage(translate(key), vars),
    [translate],
  );
  return { ready, t };
}

function Lines({ items }: { items: readonly string[] }): React.JSX.Element {
  return (
    <List type="unordered">
      {items.map((line, i) => (
        <ListItem key={i}>{line}</ListItem>
      ))}
    </List>
  );
}

function PreviewPanel(props: {
  view: PlanView;
  onInstall: () => void;
  onClose: () => void;
  t: ReturnType<typeof useT>['t'];
}): React.JSX.Element {
  const { view: plan, t } = props;
  const sections: [MessageKey, readonly string[]][] = [
    ['admin.preview.statuses', plan.sections.statuses],
    ['admin.preview.workflow', plan.sections.workflow],
    ['admin.preview.scheme', plan.sections.scheme],
    ['admin.preview.requests', plan.sections.requests],
    ['admin.preview.app', plan.sections.app],
  ];
  return (
    <Stack space="space.200" testId="preview">
      <Heading as="h2">
        {t('admin.preview.title', { project: `${plan.project.name} (${plan.project.key})` })}
      </Heading>
      <Text>{t('admin.preview.intro')}</Text>
      {plan.blockers.length > 0 && (
        <SectionMessage appearance="warning" title={t('admin.preview.blocked')}>
          <Lines items={plan.blockers} />
        </SectionMessage>
      )}
      {sections
        .filter(([, lines]) => lines.length > 0)
        .map(([title, lines]) => (
          <Stack key={title} space="space.050">
            <Heading as="h3">{t(title)}</Heading>
            <Lines items={lines} />
          </Stack>
        ))}
      <Inline space="space.100">
        <Button appearance="primary" isDisabled={!plan.canInstall} onClick={props.onInstall} testId="install">
          {t('admin.button.install')}
        </Button>
        <Button appearance="subtle" onClick={props.onClose} testId="close">
          {t('admin.button.close')}
        </Button>
      </Inline>
    </Stack>
  );
}

function CheckPanel(props: {
  view: CheckView;
  onClose: () => void;
  t: ReturnType<typeof useT>['t'];
}): React.JSX.Element {
  const { view: result, t } = props;
  const project = `${result.project.name} (${result.project.key})`;
  return (
    <Stack space="space.200" testId="check">
      <Heading as="h2">{t('admin.check.title', { project })}</Heading>
      {result.findings.length === 0 ? (
        <SectionMessage appearance="success">
          <Text>{t('admin.check.ok', { project })}</Text>
        </SectionMessage>
      ) : (
        <SectionMessage appearance="warning" title={t('admin.check.intro')}>
          <Lines items={result.findings} />
        </SectionMessage>
      )}
      <Button appearance="subtle" onClick={props.onClose} testId="close">
        {t('admin.button.close')}
      </Button>
    </Stack>
  );
}

function InstallPanel(props: {
  view: InstallView | null;
  t: ReturnType<typeof useT>['t'];
}): React.JSX.Element {
  const { view: result, t } = props;
  if (!result) return <Spinner label={t('admin.install.running')} />;
  switch (result.state) {
    case 'migrating':
      return (
        <Stack space="space.100" testId="install-progress">
          <Text>{result.message}</Text>
          <ProgressBar value={(result.progress ?? 0) / 100} ariaLabel={result.message} />
        </Stack>
      );
    case 'installed':
      return (
        <SectionMessage appearance="success" testId="install-done">
          <Text>{result.message}</Text>
        </SectionMessage>
      );
    case 'blocked':
      return (
        <SectionMessage appearance="warning" title={result.message} testId="install-blocked">
          <Lines items={result.blockers ?? []} />
        </SectionMessage>
      );
    case 'failed':
      return (
        <SectionMessage appearance="error" testId="install-failed">
          <Text>{result.message}</Text>
        </SectionMessage>
      );
  }
}

export function AdminPage(): React.JSX.Element {
  const { ready, t } = useT();
  const [locale, setLocale] = useState<string | undefined>(undefined);
  const [projects, setProjects] = useState<ProjectRowView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Set by adminListProjects when the license is not active: the page says why nothing can be saved.
  const [licence, setLicence] = useState<LicenceNotice | null>(null);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [busy, setBusy] = useState(false);
  // The migration loop stops when the page goes away.
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const call: Call = useCallback(
    async <T,>(functionKey: string, payload: Payload = {}): Promise<T | ResolverError> =>
      // Without metadata, the bridge answers with the resolver's value itself.
      (await invoke<T | ResolverError>(functionKey, { ...payload, ...(locale ? { locale } : {}) })) as
        T | ResolverError,
    [locale],
  );

  const refresh = useCallback(async (): Promise<void> => {
    setLoadError(null);
    try {
      const result = await call<{ projects: ProjectRowView[]; licence?: LicenceNotice }>('adminListProjects');
      if (isError(result)) setLoadError(result.error.message);
      else {
        setProjects(result.projects);
        setLicence(result.licence ?? null);
      }
    } catch {
      // The bridge itself failed: an empty message stands for the page's own text.
      setLoadError('');
    }
  }, [call]);

  useEffect(() => {
    void view
      .getContext()
      .then((context) => setLocale(typeof context.locale === 'string' ? context.locale : 'fr-FR'))
      .catch(() => setLocale('fr-FR'));
  }, []);
  // The list loads once the locale is known (refresh changes with it, and only with it).
  useEffect(() => {
    if (locale !== undefined) void refresh();
  }, [locale, refresh]);

  const open = async (kind: 'preview' | 'check', projectKey: string): Promise<void> => {
    setBusy(true);
    try {
      if (kind === 'preview') {
        const result = await call<PlanView>('adminPreview', { projectKey });
        setPanel(isError(result) ? { kind: 'error', message: result.error.message } : { kind, view: result });
      } else {
        const result = await call<CheckView>('adminCheck', { projectKey });
        setPanel(isError(result) ? { kind: 'error', message: result.error.message } : { kind, view: result });
      }
    } catch {
      setPanel({ kind: 'error', message: t('admin.error.jira') });
    } finally {
      setBusy(false);
    }
  };

  const install = async (projectKey: string): Promise<void> => {
    setBusy(true);
    setPanel({ kind: 'install', projectKey, view: null });
    try {
      let result = await call<InstallView>('adminInstall', { projectKey });
      for (let polls = 0; !isError(result) && result.state === 'migrating' && polls < MAX_POLLS; polls++) {
        if (!alive.current) return;
        setPanel({ kind: 'install', projectKey, view: result });
        await sleep(POLL_MS);
        result = await call<InstallView>('adminInstallProgress', { projectKey, taskId: result.taskId ?? '' });
      }
      setPanel(
        isError(result)
          ? { kind: 'error', message: result.error.message }
          : { kind: 'install', projectKey, view: result },
      );
    } catch {
      setPanel({ kind: 'error', message: t('admin.error.jira') });
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  if (!ready) return <Spinner />;

  const head = {
    cells: [
      { key: 'project', content: t('admin.column.project') },
      { key: 'management', content: t('admin.column.management') },
      { key: 'state', content: t('admin.column.state') },
      { key: 'details', content: t('admin.column.details') },
      { key: 'actions', content: t('admin.column.actions') },
    ],
  };
  const rows = (projects ?? []).map((p) => ({
    key: p.key,
    cells: [
      { key: 'project', content: `${p.name} (${p.key})` },
      {
        key: 'management',
        content: t(p.teamManaged ? 'admin.management.teamManaged' : 'admin.management.companyManaged'),
      },
      {
        key: 'state',
        content: <Lozenge appearance={LOZENGE[p.state]}>{t(`admin.state.${p.state}`)}</Lozenge>,
      },
      { key: 'details', content: p.details.length > 0 ? <Lines items={p.details} /> : '' },
      {
        key: 'actions',
        content: (
          <Inline space="space.100">
            <Button isDisabled={busy} onClick={() => void open('preview', p.key)} testId={`preview-${p.key}`}>
              {t('admin.button.preview')}
            </Button>
            <Button isDisabled={busy} onClick={() => void open('check', p.key)} testId={`check-${p.key}`}>
              {t('admin.button.check')}
            </Button>
          </Inline>
        ),
      },
    ],
  }));

  const close = (): void => setPanel(null);
  return (
    <Stack space="space.300">
      <Heading as="h1">{t('admin.page.title')}</Heading>
      <Text>{t('admin.page.intro')}</Text>
      {licence !== null && (
        <SectionMessage appearance="warning" title={licence.title} testId="licence-inactive">
          <Text>{licence.body}</Text>
        </SectionMessage>
      )}
      {loadError !== null && (
        <SectionMessage appearance="error" title={loadError === '' ? t('admin.page.loadError') : loadError}>
          <Button onClick={() => void refresh()}>{t('admin.page.retry')}</Button>
        </SectionMessage>
      )}
      {projects === null && loadError === null ? (
        <Spinner label={t('admin.page.loading')} />
      ) : projects !== null && projects.length === 0 ? (
        // Said beside the table, not through its `emptyView`: the docs type that prop ForgeElement | string
        // (https://developer.atlassian.com/platform/forge/ui-kit/components/dynamic-table/) or
        // React.ReactNode | string (the ui-kit-2 page), and the reconciler leaves an element in it
        // unconverted, so what Jira's bridge makes of it is not documented. A Text is.
        <Text testId="projects-empty">{t('admin.page.empty')}</Text>
      ) : (
        <DynamicTable caption={t('admin.page.title')} head={head} rows={rows} testId="projects" />
      )}
      {panel?.kind === 'preview' && (
        <PreviewPanel
          view={panel.view}
          t={t}
          onClose={close}
          onInstall={() => void install(panel.view.project.key)}
        />
      )}
      {panel?.kind === 'check' && <CheckPanel view={panel.view} t={t} onClose={close} />}
      {panel?.kind === 'install' && <InstallPanel view={panel.view} t={t} />}
      {panel?.kind === 'error' && (
        <SectionMessage appearance="error" testId="error">
          <Text>{panel.message}</Text>
        </SectionMessage>
      )}
      {projects !== null && projects.length > 0 && (
        <MailSettingsSection projects={projects} t={t} call={call} />
      )}
      {projects !== null && projects.length > 0 && (
        <GuideTextsSection projects={projects} t={t} call={call} />
      )}
      {projects !== null && projects.length > 0 && <SiteCheckSection projects={projects} t={t} call={call} />}
      {projects !== null && projects.length > 0 && (
        <WaitingRulesSection projects={projects} t={t} call={call} locale={locale ?? 'fr-FR'} />
      )}
    </Stack>
  );
}
