/**
 * Every node type's editor, by type. The `NodeEditorMap` type makes a missing
 * type a compile error; `registry.test.ts` also checks against the flow
 * package's node registry at run time.
 */
import type { FlowNode, NodeType } from '@parley/flow';
import type { NodeEditor, NodeEditorMap } from './types';
import { messageEditor } from './message';
import { askEditor } from './ask';
import { routeEditor } from './route';
import { splitEditor } from './split';
import { setEditor } from './set';
import { httpEditor } from './http';
import { templateEditor } from './template';
import { handoffEditor } from './handoff';
import { subflowEditor } from './subflow';
import { waitEditor } from './wait';
import { llmEditor } from './llm';
import { endEditor } from './end';

export const nodeEditors: NodeEditorMap = {
  message: messageEditor,
  ask: askEditor,
  route: routeEditor,
  split: splitEditor,
  set: setEditor,
  http: httpEditor,
  template: templateEditor,
  handoff: handoffEditor,
  subflow: subflowEditor,
  wait: waitEditor,
  llm: llmEditor,
  end: endEditor,
};

export function editorFor(type: string): NodeEditor<FlowNode> | undefined {
  return (nodeEditors as Record<string, NodeEditor<FlowNode> | undefined>)[type];
}

export const paletteOrder: NodeType[] = [
  'message',
  'ask',
  'template',
  'route',
  'split',
  'set',
  'wait',
  'http',
  'llm',
  'subflow',
  'handoff',
  'end',
];
