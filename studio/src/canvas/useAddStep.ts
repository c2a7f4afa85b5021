/**
 * Adding a step from the palette: it lands in a free spot of the visible canvas
 * (see placement.ts) and, when none is free, the canvas pans to where it went,
 * so the marketer always sees the step they just added.
 */
import { useCallback, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { EditorDoc } from '../model/doc';
import { placeInView, type Box } from './placement';

const NEW_STEP = { width: 240, height: 130 };
/** The zoom buttons sit bottom-left; keep new steps off them. */
const CONTROLS_HEIGHT = 120;

export function useAddStep(
  addNode: (type: string, at: { x: number; y: number }) => string | null,
  docRef: RefObject<EditorDoc>,
  measured: ReadonlyMap<string, { width: number; height: number }>,
): (type: string) => void {
  const rf = useReactFlow();
  return useCallback(
    (type: string) => {
      const rect = document.querySelector('.canvas')?.getBoundingClientRect();
      if (!rect || rect.width === 0) {
        addNode(type, { x: 0, y: 0 });
        return;
      }
      const topLeft = rf.screenToFlowPosition({ x: rect.left + 16, y: rect.top + 16 });
      const bottomRight = rf.screenToFlowPosition({ x: rect.right - 16, y: rect.bottom - Math.min(CONTROLS_HEIGHT, rect.height / 3) });
      const view: Box = { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
      const doc = docRef.current;
      const occupied: Box[] = [
        ...Object.entries(doc.layout.positions).map(([id, p]) => ({ ...p, ...(measured.get(id) ?? { width: 240, height: 120 }) })),
        ...(doc.layout.notes ?? []).map((n) => ({ x: n.x, y: n.y, width: n.width ?? 200, height: n.height ?? 120 })),
      ];
      const spot = placeInView(view, NEW_STEP, occupied);
      const id = addNode(type, spot);
      if (id && !spot.inView) {
        requestAnimationFrame(
          () => void rf.setCenter(spot.x + NEW_STEP.width / 2, spot.y + NEW_STEP.height / 2, { zoom: rf.getZoom(), duration: 250 }),
        );
      }
    },
    [addNode, docRef, measured, rf],
  );
}
