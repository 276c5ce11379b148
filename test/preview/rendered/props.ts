/** What every drawer of a UI Kit component gets, and the helpers that read its props off the wire. */
import type { WireDoc, WireValue } from './wire';

/** Sends an event for a handler of the tree to the server (the real reconciler), with what the host sends. */
export type Dispatch = (handler: string, arg?: unknown) => void;

export interface NodeProps {
  node: WireDoc;
  dispatch: Dispatch;
}

type Props = WireDoc['props'];

export const str = (props: Props, name: string): string | undefined => {
  const value = props[name];
  return typeof value === 'string' ? value : undefined;
};

/** Only the props of `names` that are plain values, for the ADS component's own prop types to check. */
export function pick<T = Record<string, string | number | boolean>>(
  props: Props,
  names: readonly string[],
): T {
  const picked: Record<string, WireValue> = {};
  for (const name of names) {
    const value = props[name];
    if (value !== undefined && value !== null && typeof value !== 'object') picked[name] = value;
  }
  return picked as T;
}
