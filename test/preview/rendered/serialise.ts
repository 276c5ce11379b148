/**
 * Server side of the rendered view: the live ForgeDoc tree made serialisable (functions become
 * references), and the handler an event from the page names, found again in the live tree.
 */
import type { ForgeDoc } from '../../support/ui-kit';
import type { HandlerRef, UiKitEvent, WireDoc, WireValue } from './wire';

/** The id @forge/react's reconciler gives each handler it sends to the host (`__id__` on the function). */
export function handlerId(handler: unknown): string | undefined {
  if (typeof handler !== 'function') return undefined;
  const id = (handler as { __id__?: unknown }).__id__;
  return typeof id === 'string' ? id : undefined;
}

function wireValue(value: unknown, seen: WeakSet<object>): WireValue {
  if (typeof value === 'function') return { $handler: handlerId(value) ?? null } satisfies HandlerRef;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'object') {
    // A React element in a prop (the admin page's DynamicTable emptyView): the reconciler does not turn
    // it into ForgeDoc, so the preview cannot draw it (how Jira's bridge carries it is not documented).
    if ('$$typeof' in value || seen.has(value)) return null;
    // `seen` holds the objects above this one: a cycle ends, an object met twice side by side does not.
    seen.add(value);
    const wired: WireValue = Array.isArray(value)
      ? value.map((item) => wireValue(item, seen))
      : Object.fromEntries(Object.entries(value).map(([name, item]) => [name, wireValue(item, seen)]));
    seen.delete(value);
    return wired;
  }
  // undefined, symbols, bigints: nothing the page could draw.
  return null;
}

export function toWire(node: ForgeDoc): WireDoc {
  return {
    type: node.type,
    props: Object.fromEntries(
      Object.entries(node.props)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [name, wireValue(value, new WeakSet())]),
    ),
    children: node.children.map(toWire),
    ...(node.key !== undefined ? { key: node.key } : {}),
  };
}

/**
 * The function an event names, with the argument to call it with. Only a handler of a component
 * that is not disabled, as a person could not use a disabled one; undefined when there is none.
 */
export function findHandler(node: ForgeDoc, event: UiKitEvent): (() => unknown) | undefined {
  if (node.props.isDisabled !== true) {
    for (const value of Object.values(node.props)) {
      if (handlerId(value) === event.handler) {
        const handler = value as (arg?: unknown) => unknown;
        return 'arg' in event ? () => handler(event.arg) : () => handler();
      }
    }
  }
  for (const child of node.children) {
    const found = findHandler(child, event);
    if (found) return found;
  }
  return undefined;
}

export function isUiKitEvent(value: unknown): value is UiKitEvent {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { handler?: unknown }).handler === 'string'
  );
}
