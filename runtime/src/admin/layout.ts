/** Canvas layouts from requests and from disk, as the FlowLayout the file writer and the store take. */
import type { FlowLayout } from '@parley/flow';
import { LayoutDocument } from '@parley/contract/api';
import { Value } from 'typebox/value';

/** A layout that matched LayoutDocument; one without flowId or positions gets the flow's id and none. */
export function layoutOf(doc: LayoutDocument, flowId: string): FlowLayout {
  return { ...doc, flowId: doc.flowId ?? flowId, positions: doc.positions ?? {} };
}

/** A layout read from a file or a stored version: null when it is not one. */
export function storedLayout(doc: unknown, flowId: string): FlowLayout | null {
  return Value.Check(LayoutDocument, doc) ? layoutOf(doc, flowId) : null;
}
