import { describe, expect, it } from 'vitest';
import { placeInView, type Box } from './placement';

const size = { width: 240, height: 120 };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

describe('placeInView', () => {
  it('puts a new step in the middle of an empty view', () => {
    const spot = placeInView({ x: 0, y: 0, width: 600, height: 400 }, size, []);
    expect(spot.inView).toBe(true);
    expect(spot.x).toBeGreaterThanOrEqual(160);
    expect(spot.x).toBeLessThanOrEqual(200);
  });

  it('finds a free spot inside a narrow view instead of walking off to the right', () => {
    const view = { x: 1000, y: 0, width: 420, height: 700 };
    const occupied: Box[] = [
      { x: 1080, y: 250, width: 240, height: 200 },
      { x: 1400, y: 0, width: 240, height: 700 },
    ];
    const spot = placeInView(view, size, occupied);
    const box = { ...spot, ...size };
    expect(spot.inView).toBe(true);
    expect(box.x).toBeGreaterThanOrEqual(view.x);
    expect(box.x + box.width).toBeLessThanOrEqual(view.x + view.width);
    expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height);
    for (const o of occupied) expect(overlaps(box, o)).toBe(false);
  });

  it('says when the view is full so the canvas can pan to the spot', () => {
    const view = { x: 0, y: 0, width: 300, height: 200 };
    const spot = placeInView(view, size, [{ x: -50, y: -50, width: 400, height: 300 }]);
    expect(spot.inView).toBe(false);
    expect(overlaps({ ...spot, ...size }, { x: -50, y: -50, width: 400, height: 300 })).toBe(false);
  });
});
