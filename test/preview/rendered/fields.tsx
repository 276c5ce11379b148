/**
 * The UI Kit inputs: what a person types or ticks goes to the app's handler in the server (through
 * `dispatch`), in the shape Jira's host sends it; the tree that comes back sets the value again. While
 * a field has the focus, what the person typed is kept (answers to earlier keystrokes arrive late).
 */
import React, { useEffect, useRef, useState } from 'react';
import AkCheckbox from '@atlaskit/checkbox';
import { CodeBlock as AkCodeBlock } from '@atlaskit/code';
import AkSelect from '@atlaskit/select';
import AkTextArea from '@atlaskit/textarea';
import AkTextfield from '@atlaskit/textfield';
import { pick, str, type NodeProps } from './props';
import { handlerOf, type WireDoc, type WireValue } from './wire';

/**
 * What the host sends an input's onChange: the event made serialisable, as @atlaskit/forge-react-types
 * types it (`SerialisableEvent`, generated from Jira's renderer's own UIKit/types.ts): the event's flags
 * and a copy of its target's value, checked state, name, id, tag and type.
 */
function serialisable(event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) {
  const target = event.target;
  return {
    bubbles: event.bubbles,
    cancelable: event.cancelable,
    defaultPrevented: event.defaultPrevented,
    eventPhase: event.eventPhase,
    isTrusted: event.isTrusted,
    target: {
      value: target.value,
      name: target.name,
      id: target.id,
      tagName: target.tagName,
      type: target.type,
      selectionStart: target.selectionStart,
      selectionEnd: target.selectionEnd,
      ...(target instanceof HTMLInputElement && target.type === 'checkbox'
        ? { checked: target.checked }
        : {}),
    },
    timeStamp: event.timeStamp,
    type: event.type,
  };
}

const asText = (value: WireValue | undefined): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/**
 * The server's value, unless the person is typing in the field (then theirs). Taken again from each
 * tree the server answers (`node` is new each time), so a value the app refused does not linger.
 */
function useTyped<E extends HTMLElement>(node: WireDoc) {
  const server = asText(node.props.value);
  const ref = useRef<E>(null);
  const [typed, setTyped] = useState(server);
  useEffect(() => {
    if (document.activeElement !== ref.current) setTyped(server);
  }, [node, server]);
  return { ref, typed, setTyped, onBlur: () => setTyped(server) };
}

const FIELD_PROPS = ['id', 'name', 'placeholder', 'isDisabled', 'isInvalid', 'isRequired', 'isReadOnly'];

export function Textfield({ node, dispatch }: NodeProps): React.JSX.Element {
  const onChange = handlerOf(node.props.onChange);
  const { ref, typed, setTyped, onBlur } = useTyped<HTMLInputElement>(node);
  return (
    <AkTextfield
      ref={ref}
      {...pick(node.props, [
        ...FIELD_PROPS,
        'testId',
        'isCompact',
        'isMonospaced',
        'type',
        'maxLength',
        'width',
        'min',
        'max',
      ])}
      value={typed}
      onBlur={onBlur}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
        setTyped(event.target.value);
        if (onChange) dispatch(onChange, serialisable(event));
      }}
    />
  );
}

export function TextArea({ node, dispatch }: NodeProps): React.JSX.Element {
  const onChange = handlerOf(node.props.onChange);
  const { ref, typed, setTyped, onBlur } = useTyped<HTMLTextAreaElement>(node);
  return (
    <AkTextArea
      ref={ref}
      {...pick(node.props, [...FIELD_PROPS, 'testId', 'isMonospaced', 'maxHeight', 'minimumRows', 'resize'])}
      value={typed}
      onBlur={onBlur}
      onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => {
        setTyped(event.target.value);
        if (onChange) dispatch(onChange, serialisable(event));
      }}
    />
  );
}

interface Option {
  label: string;
  value: WireValue;
}
const isOption = (value: unknown): value is Option =>
  value !== null && typeof value === 'object' && typeof (value as { label?: unknown }).label === 'string';

/** UI Kit's Select sends its onChange the chosen option itself. */
export function Select({ node, dispatch }: NodeProps): React.JSX.Element {
  const onChange = handlerOf(node.props.onChange);
  const options: Option[] = [];
  if (Array.isArray(node.props.options))
    for (const option of node.props.options) if (isOption(option)) options.push(option);
  const value = isOption(node.props.value) ? node.props.value : null;
  const inputId = str(node.props, 'inputId') ?? str(node.props, 'id');
  return (
    <AkSelect<Option>
      {...pick(node.props, ['testId', 'isDisabled', 'isInvalid', 'isSearchable', 'placeholder', 'name'])}
      {...(inputId ? { inputId } : {})}
      options={options}
      value={value}
      getOptionValue={(option) => JSON.stringify(option.value)}
      onChange={(option) => {
        if (onChange && option) dispatch(onChange, option);
      }}
    />
  );
}

/**
 * UI Kit's Checkbox is @atlaskit/checkbox, with the props @atlaskit/forge-react-types picks (its
 * CheckboxProps). Its own testId scheme (`{testId}--hidden-checkbox` on the input) is the one that type
 * documents. The box is ticked at once, then as the server's next tree says (`node` is new each time):
 * the app controls it through `isChecked`.
 */
export function Checkbox({ node, dispatch }: NodeProps): React.JSX.Element {
  const onChange = handlerOf(node.props.onChange);
  const [clicked, setClicked] = useState<boolean | null>(null);
  useEffect(() => setClicked(null), [node]);
  const checked = clicked ?? node.props.isChecked === true;
  return (
    <AkCheckbox
      {...pick<React.ComponentProps<typeof AkCheckbox>>(node.props, [
        'id',
        'name',
        'value',
        'label',
        'testId',
        'isDisabled',
        'isIndeterminate',
        'isInvalid',
        'isRequired',
        'aria-invalid',
        'aria-labelledby',
      ])}
      isChecked={checked}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
        setClicked(event.target.checked);
        if (onChange) dispatch(onChange, serialisable(event));
      }}
    />
  );
}

type CodeBlockProps = React.ComponentProps<typeof AkCodeBlock>;

/**
 * UI Kit's CodeBlock is @atlaskit/code's CodeBlock, with the props @atlaskit/forge-react-types picks
 * (its CodeBlockProps). A language the ADS component does not know is shown as plain text, as its own
 * docs say, so the wire's string is passed on as it is.
 */
export function CodeBlock({ node }: NodeProps): React.JSX.Element {
  const language = str(node.props, 'language') as CodeBlockProps['language'];
  return (
    <AkCodeBlock
      {...pick<Omit<CodeBlockProps, 'text' | 'language'>>(node.props, [
        'testId',
        'showLineNumbers',
        'highlight',
        'highlightedStartText',
        'highlightedEndText',
        'shouldWrapLongLines',
      ])}
      {...(language ? { language } : {})}
      text={str(node.props, 'text') ?? ''}
    />
  );
}
