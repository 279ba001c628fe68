import type { ComponentChildren } from 'preact';
import { Fragment } from 'preact';
import type { MessageId } from '@/utils/i18n';
import { t } from './current';

/**
 * A message with elements in it ("saved as {file}", where file is <strong>...</strong>): the translation keeps
 * the {name} places, and each is filled with its element, so the sentence's word order stays the language's own.
 */
export function rich(id: MessageId, parts: Readonly<Record<string, ComponentChildren>>): ComponentChildren {
  return t(id)
    .split(/(\{\w+\})/)
    .map((piece, i) => {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      return <Fragment key={i}>{name !== undefined && name in parts ? parts[name] : piece}</Fragment>;
    });
}
