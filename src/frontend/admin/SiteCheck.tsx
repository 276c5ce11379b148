/**
 * The admin page's "Site check" section: runs the checks on a project the administrator picks and
 * shows, for each, the assumption, what was observed and when, and what it means (the resolvers
 * phrase all of it); then the test e-mail, sent only on request to the reporter of a request the
 * administrator names, with Jira's answer and a question: did it arrive? The last result is loaded
 * when the page opens.
 */
import React, { useEffect, useState } from 'react';
import {
  Button,
  Heading,
  Inline,
  Label,
  List,
  ListItem,
  Lozenge,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import type { Translate } from '../../i18n/locales';
import type { ProjectRowView } from '../../installer/resolvers';
import type { CheckView, MailView, SiteCheckView, Verdict } from '../../sitecheck/describe';
import { isError, type Call, type Payload } from './call';

const LOZENGE: Record<Verdict, 'success' | 'removed' | 'default' | 'moved'> = {
  handled: 'success',
  act: 'removed',
  pending: 'default',
  unchecked: 'moved',
};

function CheckItem({ check, t }: { check: CheckView; t: Translate }): React.JSX.Element {
  return (
    <Stack space="space.050" testId={`sitecheck-${check.name}`}>
      <Inline space="space.100" alignBlock="center">
        <Heading as="h3">{check.title}</Heading>
        <Lozenge appearance={LOZENGE[check.verdict]}>{t(`sitecheck.verdict.${check.verdict}`)}</Lozenge>
      </Inline>
      <Text>{`${t('sitecheck.assumptionLabel')} ${check.assumption}`}</Text>
      <Text>{check.observedAt}</Text>
      <List type="unordered">
        {check.observed.map((line, i) => (
          <ListItem key={i}>{line}</ListItem>
        ))}
      </List>
      <Text>{`${t('sitecheck.consequenceLabel')} ${check.consequence}`}</Text>
    </Stack>
  );
}

function MailResult(props: {
  mail: MailView;
  t: Translate;
  busy: boolean;
  onConfirm: (arrived: boolean) => void;
}): React.JSX.Element {
  const { mail, t } = props;
  return (
    <Stack space="space.100" testId="sitecheck-mail-result">
      <Lozenge appearance={LOZENGE[mail.verdict]}>{t(`sitecheck.verdict.${mail.verdict}`)}</Lozenge>
      <Text>{mail.answer}</Text>
      {mail.consequence !== null && <Text>{mail.consequence}</Text>}
      {mail.askConfirmation && (
        <Inline space="space.100" alignBlock="center">
          <Text>{t('sitecheck.mail.ask')}</Text>
          <Button isDisabled={props.busy} onClick={() => props.onConfirm(true)} testId="sitecheck-mail-yes">
            {t('sitecheck.mail.yes')}
          </Button>
          <Button isDisabled={props.busy} onClick={() => props.onConfirm(false)} testId="sitecheck-mail-no">
            {t('sitecheck.mail.no')}
          </Button>
        </Inline>
      )}
    </Stack>
  );
}

export function SiteCheckSection(props: {
  projects: readonly ProjectRowView[];
  t: Translate;
  call: Call;
}): React.JSX.Element {
  const { projects, t, call } = props;
  const [state, setState] = useState<SiteCheckView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'load' | 'run' | 'mail' | null>('load');
  const [requestKey, setRequestKey] = useState('');

  const ask = async (functionKey: string, payload: Payload, kind: 'load' | 'run' | 'mail'): Promise<void> => {
    setBusy(kind);
    setError(null);
    try {
      const result = await call<SiteCheckView>(functionKey, payload);
      if (isError(result)) setError(result.error.message);
      else setState(result);
    } catch {
      setError(t('sitecheck.loadError'));
    } finally {
      setBusy(null);
    }
  };

  useEffect(() => {
    void ask('siteCheckLast', {}, 'load');
    // Once, when the section appears: `call` changes only with the locale, already known here.
  }, []);

  return (
    <Stack space="space.200" testId="sitecheck">
      <Heading as="h2">{t('sitecheck.title')}</Heading>
      <Text>{t('sitecheck.intro')}</Text>
      <Inline space="space.100" shouldWrap>
        {projects.map((project) => (
          <Button
            key={project.key}
            isDisabled={busy !== null}
            onClick={() => void ask('siteCheckRun', { projectKey: project.key }, 'run')}
            testId={`sitecheck-run-${project.key}`}
          >
            {t('sitecheck.run', { project: `${project.name} (${project.key})` })}
          </Button>
        ))}
      </Inline>
      {busy === 'run' && <Spinner label={t('sitecheck.running')} />}
      {error !== null && (
        <SectionMessage appearance="error" testId="sitecheck-error">
          <Text>{error}</Text>
        </SectionMessage>
      )}
      {state !== null && <Text testId="sitecheck-last">{state.lastRun ?? t('sitecheck.never')}</Text>}
      {state?.checks.map((check) => (
        <CheckItem key={check.name} check={check} t={t} />
      ))}
      <Stack space="space.100" testId="sitecheck-mail">
        <Heading as="h3">{t('sitecheck.mail.title')}</Heading>
        <Text>{t('sitecheck.mail.intro')}</Text>
        <Label labelFor="sitecheck-request">{t('sitecheck.mail.requestLabel')}</Label>
        <Inline space="space.100" alignBlock="center">
          <Textfield
            id="sitecheck-request"
            name="sitecheck-request"
            value={requestKey}
            maxLength={40}
            onChange={(event) =>
              setRequestKey(
                String(event.target.value ?? '')
                  .trim()
                  .toUpperCase(),
              )
            }
            testId="sitecheck-request"
          />
          <Button
            appearance="primary"
            isDisabled={busy !== null || requestKey === ''}
            onClick={() => void ask('siteCheckSendMail', { requestKey }, 'mail')}
            testId="sitecheck-mail-send"
          >
            {busy === 'mail' ? t('sitecheck.mail.sending') : t('sitecheck.mail.send')}
          </Button>
        </Inline>
        {state?.mail && (
          <MailResult
            mail={state.mail}
            t={t}
            busy={busy !== null}
            onConfirm={(arrived) =>
              void ask('siteCheckConfirmMail', { arrived: arrived ? 'yes' : 'no' }, 'mail')
            }
          />
        )}
      </Stack>
    </Stack>
  );
}
