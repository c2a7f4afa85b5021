/**
 * Where a step added from the palette goes: a free spot inside the part of the
 * canvas the marketer can see (not under the minimap, never under the
 * inspector or preview, which sit beside the canvas), nearest to its middle.
 * When the view is full, the search widens and the caller pans to the spot.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export type Spot = { x: number; y: number; inView: boolean };

const STEP = 20;
/** The editor's own collision rule for new nodes (useEditor's freeSpot): respect it so it never moves the spot. */
const LEGACY = { dx: 260, dy: 140 };

function collides(x: number, y: number, size: { width: number; height: number }, occupied: readonly Box[], gap: number): boolean {
  return occupied.some(
    (b) =>
      (x < b.x + b.width + gap && x + size.width + gap > b.x && y < b.y + b.height + gap && y + size.height + gap > b.y) ||
      (Math.abs(b.x - x) < LEGACY.dx && Math.abs(b.y - y) < LEGACY.dy),
  );
}

function search(
  area: Box,
  size: { width: number; height: number },
  occupied: readonly Box[],
  gap: number,
  center: { x: number; y: number },
) {
  const maxX = area.x + Math.max(0, area.width - size.width);
  const maxY = area.y + Math.max(0, area.height - size.height);
  let best: { x: number; y: number; d: number } | null = null;
  for (let y = area.y; y <= maxY; y += STEP) {
    for (let x = area.x; x <= maxX; x += STEP) {
      const d = (x + size.width / 2 - center.x) ** 2 + (y + size.height / 2 - center.y) ** 2;
      if ((!best || d < best.d) && !collides(x, y, size, occupied, gap)) best = { x, y, d };
    }
  }
  return best;
}

export function placeInView(view: Box, size: { width: number; height: number }, occupied: readonly Box[], gap = 24): Spot {
  const center = { x: view.x + view.width / 2, y: view.y + view.height / 2 };
  const inside = search(view, size, occupied, gap, center);
  if (inside) return { x: Math.round(inside.x), y: Math.round(inside.y), inView: true };
  for (const grow of [1, 2, 4]) {
    const wide = {
      x: view.x - view.width * grow,
      y: view.y - view.height * grow,
      width: view.width * (2 * grow + 1),
      height: view.height * (2 * grow + 1),
    };
    const found = search(wide, size, occupied, gap, center);
    if (found) return { x: Math.round(found.x), y: Math.round(found.y), inView: false };
  }
  return { x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2), inView: false };
}
