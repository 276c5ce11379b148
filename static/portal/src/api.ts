/** Everything the panel asks of Forge: its context, its texts and the two portal resolvers. */
import { i18n, invoke, view } from '@forge/bridge';
import {
  formatMessage,
  resolveLocale,
  type Locale,
  type MessageKey,
  type MessageVars,
} from '../../../src/i18n/locales';
import type { ActionResult } from '../../../src/portal/perform-action';
import type { ActionView, RequestStatusView, RequestView } from '../../../src/portal/request-view';
import type { ResolverError } from '../../../src/shared/errors';
import type { CustomerActionId } from '../../../src/workflow';

export type { ActionResult, ActionView, RequestStatusView, RequestView, ResolverError };
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export interface PanelContext {
  locale: Locale;
  /** The customer, whose unfinished submissions the panel keeps. */
  accountId: string | undefined;
  /** The user's time zone from their Atlassian profile, when the host gives it. */
  timeZone: string | undefined;
}

export async function loadContext(): Promise<PanelContext> {
  const context = await view.getContext();
  return {
    locale: resolveLocale(context.locale),
    accountId: context.accountId || undefined,
    timeZone: context.timezone || undefined,
  };
}

/** French typography: a line never breaks inside « … » nor before : ; ! ? (other languages have no such spaces). */
function tieSpaces(text: string): string {
  return text.replace(/« /g, '«\u00a0').replace(/ ([»:;!?])/g, '\u00a0$1');
}

/** Texts from the resource's `__LOCALES__` folder, which `forge deploy` builds from the manifest. */
export async function loadTranslate(locale: Locale): Promise<Translate> {
  const translate = await i18n.createTranslationFunction(locale);
  return (key, vars) => formatMessage(tieSpaces(translate(key)), vars);
}

export { isResolverError as isError } from '../../../src/shared/errors';

/** Called without `metadata`, the bridge answers the resolver's own return value. */
async function call<T>(functionKey: string, payload: Record<string, unknown>): Promise<T> {
  return (await invoke(functionKey, payload)) as T;
}

export function getRequestView(locale: Locale): Promise<RequestView | ResolverError> {
  return call('getRequestView', { locale });
}

export interface ActionRequest {
  action: CustomerActionId;
  /** Left out when the customer wrote nothing. */
  comment?: string;
  /** One per dialog: a retry or a double click sends the same id, and the server does the work once. */
  submissionId: string;
  locale: Locale;
}

export function performCustomerAction(request: ActionRequest): Promise<ActionResult | ResolverError> {
  return call('performCustomerAction', { ...request });
}
