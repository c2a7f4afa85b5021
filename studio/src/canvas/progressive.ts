/**
 * Progressive mounting for big flows. React Flow renders every node once to
 * measure its handles, even with `onlyRenderVisibleElements`, so a 500-node
 * flow would mount 500 nodes before its first paint. Instead the canvas first
 * gets the nodes inside the initial viewport, then the rest in small batches
 * while the browser is idle — the editor is usable while they arrive.
 */
import { useEffect, useState } from 'react';
import type { EditorDoc } from '../model/doc';

export const BIG_FLOW = 150;
const BATCH = 60;
const MARGIN = 400;

export type Viewport = { x: number; y: number; zoom: number };

/** Where a big flow without a saved viewport opens: its top-left corner at half zoom. */
export function initialViewport(doc: EditorDoc): Viewport | undefined {
  if (doc.layout.viewport) return doc.layout.viewport;
  if (doc.flow.nodes.length <= BIG_FLOW) return undefined; // small flows: fit to view
  const ps = Object.values(doc.layout.positions);
  const minX = ps.length ? Math.min(...ps.map((p) => p.x)) : 0;
  const minY = ps.length ? Math.min(...ps.map((p) => p.y)) : 0;
  return { x: 40 - minX * 0.5, y: 40 - minY * 0.5, zoom: 0.5 };
}

/** Ids of the nodes inside (or near) a screen of the given size at the viewport. */
export function idsInView(doc: EditorDoc, vp: Viewport, screen: { width: number; height: number }): Set<string> {
  const left = -vp.x / vp.zoom - MARGIN;
  const top = -vp.y / vp.zoom - MARGIN;
  const right = left + screen.width / vp.zoom + 2 * MARGIN;
  const bottom = top + screen.height / vp.zoom + 2 * MARGIN;
  const ids = new Set<string>();
  for (const n of doc.flow.nodes) {
    const p = doc.layout.positions[n.id];
    if (!p || (p.x >= left && p.x <= right && p.y >= top && p.y <= bottom)) ids.add(n.id);
  }
  return ids;
}

/** The ids to mount now, or null once everything is mounted (small flows: null from the start). */
export function useProgressiveMount(doc: EditorDoc): ReadonlySet<string> | null {
  const [mounted, setMounted] = useState<Set<string> | null>(() => {
    const vp = initialViewport(doc);
    if (doc.flow.nodes.length <= BIG_FLOW || !vp) return null;
    return idsInView(doc, vp, { width: window.innerWidth, height: window.innerHeight });
  });
  useEffect(() => {
    if (!mounted) return;
    const idle = (fn: () => void) =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 200 }) : window.setTimeout(fn, 16);
    const handle = idle(() => {
      const rest = doc.flow.nodes.filter((n) => !mounted.has(n.id));
      if (rest.length <= BATCH) {
        setMounted(null);
        return;
      }
      const next = new Set(mounted);
      for (const n of rest.slice(0, BATCH)) next.add(n.id);
      setMounted(next);
    });
    return () => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : clearTimeout(handle));
  }, [mounted, doc.flow.nodes]);
  return mounted;
}
