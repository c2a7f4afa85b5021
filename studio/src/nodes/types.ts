/**
 * What the studio knows about one node type: how it looks on the canvas, how a
 * fresh one is made, and the UI hints layered over its JSON Schema fragment.
 * One file per type in this folder; `registry.ts` collects them.
 */
import type { ComponentType } from 'react';
import type { LucideIcon } from 'lucide-react';
import type { Flow, FlowNode, LocalizedText, NodeType } from '@parley/flow';
import type { UiHints } from '../inspector/schema';

interface NodeBodyProps<N extends FlowNode> {
  node: N;
  /** The language the canvas shows texts in. */
  language: string;
  defaultLanguage: string;
}

export interface NodeEditor<N extends FlowNode = FlowNode> {
  type: N['type'];
  /** Palette name, in marketer words. */
  title: string;
  /** One sentence for the palette tooltip and the inspector header. */
  description: string;
  /** An SVG icon (not an emoji: emoji fonts are missing on many Linux desktops) for the node header and palette. */
  icon: LucideIcon;
  /** Palette group. */
  group: 'Messages' | 'Logic' | 'Integrations' | 'Flow';
  /** Accent color of the node header; dark enough for white text (WCAG AA). */
  color: string;
  /** A new node with sensible content, so a marketer sees something to edit. */
  create(id: string): N;
  /** The node's content on the canvas. */
  Body: ComponentType<NodeBodyProps<N>>;
  /** Labels for exit handles that are not self-explanatory (button id → its title). */
  exitLabels?(node: N, language: string, defaultLanguage: string): Record<string, string>;
  hints: UiHints;
  /** A hand-made editor shown above the schema form, for what a generated form cannot do (the template node's catalogue picker). */
  Editor?: ComponentType<{ node: N; flow: Flow; onChange: (node: N, field?: string) => void }>;
}

export type NodeEditorMap = { [T in NodeType]: NodeEditor<Extract<FlowNode, { type: T }>> };

/** Text of a localized value in the shown language, falling back to the default one. */
export function shownText(text: LocalizedText | undefined, language: string, defaultLanguage: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[language] ?? text[defaultLanguage] ?? Object.values(text)[0] ?? '';
}

/** Hints every node type shares (id, label and exits are edited by the inspector header / canvas). */
export const COMMON_HINTS: UiHints = {
  id: { widget: 'hidden' },
  type: { widget: 'hidden' },
  label: { widget: 'hidden' },
  exits: { widget: 'hidden' },
};
