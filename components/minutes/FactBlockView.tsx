'use client';

import type { Extensions } from '@tiptap/core';
import { NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import { useT } from '@/components/ui/I18nProvider';
import { factLines, parseFactAttr } from '@/lib/minutes/facts';
import { FactBlock } from '@/lib/minutes/schema';

/**
 * How a server-written fact looks in the editor and the viewers: a read-only card with a 「系统记录」
 * label. Only the view changes; the node (name, attributes, HTML) stays exactly the shared one, so the
 * Yjs document is the same for every party.
 */
function FactCard({ node }: ReactNodeViewProps) {
  const t = useT();
  const fact = parseFactAttr(node.attrs.data);
  if (!fact) return <NodeViewWrapper as="div" contentEditable={false} data-fact-id={node.attrs.factId} />;
  const { title, lines } = factLines(fact);
  const label = (
    <span className="ml-2 inline-block rounded bg-ink/10 px-1.5 py-0.5 align-middle text-xs font-semibold tracking-wide text-ink-muted">
      {t('minutes.fact.label')}
    </span>
  );
  if (fact.kind === 'item') {
    // An agenda item's section heading: the recorders write beneath it.
    return (
      <NodeViewWrapper as="div" contentEditable={false} data-fact-id={node.attrs.factId} data-fact-kind="item" className="mt-8 mb-2 border-b-2 border-civic-800 pb-1">
        <h2 className="!m-0 text-2xl font-bold text-civic-900">{title}{label}</h2>
      </NodeViewWrapper>
    );
  }
  const Heading = fact.kind === 'header' ? 'h2' : 'h3';
  return (
    <NodeViewWrapper
      as="section"
      contentEditable={false}
      data-fact-id={node.attrs.factId}
      data-fact-kind={fact.kind}
      className="my-3 select-text rounded-lg border border-ink/20 border-l-4 border-l-civic-700 bg-ink/[0.04] px-4 py-3"
    >
      <Heading className={`!m-0 font-bold text-ink ${fact.kind === 'header' ? 'text-2xl' : 'text-lg'}`}>{title}{label}</Heading>
      {lines.map((line, i) => <p key={i} className="!my-1 text-base text-ink">{line}</p>)}
    </NodeViewWrapper>
  );
}

/** The shared extension list with the fact card as the factBlock's view. */
export function withFactCards(extensions: Extensions): Extensions {
  return extensions.map((e) =>
    e.name === FactBlock.name ? FactBlock.extend({ addNodeView: () => ReactNodeViewRenderer(FactCard) }) : e,
  );
}
