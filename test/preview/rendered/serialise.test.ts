/** The tree as it crosses to the page, and the way back: which handler an event of the page may call. */
import type { ForgeDoc } from '../../support/ui-kit';
import { findHandler, toWire } from './serialise';

/** A handler as @forge/react's reconciler marks it before sending the tree to the host. */
function handler(id: string, calls: unknown[][]): (...args: unknown[]) => void {
  return Object.assign((...args: unknown[]) => void calls.push(args), { __id__: id });
}

const node = (type: string, props: Record<string, unknown>, children: ForgeDoc[] = []): ForgeDoc => ({
  type,
  props,
  children,
});

describe('toWire', () => {
  it('replaces functions with references, keeps plain values, drops undefined', () => {
    const calls: unknown[][] = [];
    const tree = node('Root', {}, [
      node('Button', {
        onClick: handler('h1', calls),
        appearance: 'primary',
        isDisabled: false,
        x: undefined,
      }),
      node('Select', { options: [{ label: 'A', value: 1 }], onChange: () => undefined }),
    ]);
    expect(toWire(tree)).toEqual({
      type: 'Root',
      props: {},
      children: [
        {
          type: 'Button',
          props: { onClick: { $handler: 'h1' }, appearance: 'primary', isDisabled: false },
          children: [],
        },
        {
          type: 'Select',
          props: { options: [{ label: 'A', value: 1 }], onChange: { $handler: null } },
          children: [],
        },
      ],
    });
  });

  it('ends cycles and leaves out React elements, and keeps an object met twice side by side', () => {
    const shared = { label: 'A', value: 'a' };
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const element = { $$typeof: Symbol.for('react.element'), type: 'Text', props: {} };
    const wire = toWire(node('X', { cyclic, emptyView: element, options: [shared, shared] }));
    expect(wire.props).toEqual({
      cyclic: { name: 'loop', self: null },
      emptyView: null,
      options: [shared, shared],
    });
    expect(JSON.parse(JSON.stringify(wire))).toEqual(wire);
  });
});

describe('findHandler', () => {
  it('calls the named handler with the argument the page sent, or with none for a press', () => {
    const calls: unknown[][] = [];
    const tree = node('Root', {}, [
      node('Stack', {}, [node('Textfield', { onChange: handler('field', calls) })]),
      node('Button', { onClick: handler('press', calls) }),
    ]);
    findHandler(tree, { handler: 'field', arg: { target: { value: 'SUP-1' } } })?.();
    findHandler(tree, { handler: 'press' })?.();
    expect(calls).toEqual([[{ target: { value: 'SUP-1' } }], []]);
  });

  it('finds nothing for a disabled component or an unknown id', () => {
    const calls: unknown[][] = [];
    const tree = node('Root', {}, [node('Button', { isDisabled: true, onClick: handler('press', calls) })]);
    expect(findHandler(tree, { handler: 'press' })).toBeUndefined();
    expect(findHandler(tree, { handler: 'other' })).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
