/**
 * The ForgeDoc tree as it crosses from the preview server to the page: the tree the real
 * @forge/react reconciler produced, with each function prop replaced by a reference to it. The page
 * draws it with the Atlassian Design System and sends events back by reference; the server calls the
 * handler in the real tree, as Jira's host does across its bridge.
 */

/** A function prop: the id @forge/react's reconciler gives each handler (`__id__`), or null without one. */
export interface HandlerRef {
  $handler: string | null;
}

export type WireValue =
  string | number | boolean | null | HandlerRef | WireValue[] | { [key: string]: WireValue };

export interface WireDoc {
  type: string;
  props: Record<string, WireValue>;
  children: WireDoc[];
  key?: string;
}

/** An event for a handler of the tree: what Jira's host would send it (a serialisable value), if anything. */
export interface UiKitEvent {
  handler: string;
  /** Absent for a button press; `{ target: { value } }` for a text field; the chosen option for a select. */
  arg?: unknown;
}

export function isHandlerRef(value: unknown): value is HandlerRef {
  return value !== null && typeof value === 'object' && '$handler' in value;
}

/** The id of a function prop, if the page received one. */
export function handlerOf(value: WireValue | undefined): string | undefined {
  return isHandlerRef(value) && typeof value.$handler === 'string' ? value.$handler : undefined;
}
