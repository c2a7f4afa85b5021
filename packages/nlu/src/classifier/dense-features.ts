/** Joins a dense sentence vector to the sparse n-gram vector, as features numbered after the n-gram vocabulary. */
import type { SparseVector } from './features';

export function appendDense(sparse: SparseVector, dense: Float32Array | undefined, offset: number, weight: number): SparseVector {
  if (!dense || weight === 0) return sparse;
  const n = sparse.indices.length;
  const indices = new Int32Array(n + dense.length);
  const values = new Float32Array(n + dense.length);
  indices.set(sparse.indices);
  values.set(sparse.values);
  for (let k = 0; k < dense.length; k++) {
    indices[n + k] = offset + k;
    values[n + k] = (dense[k] as number) * weight;
  }
  return { indices, values };
}
