/**
 * Validation benchmark: `npx tsx packages/flow/src/validate/validate.bench.ts`.
 * Prints medians for generated flows of 100, 500 and 1,000 nodes, next to two
 * baselines measured in the same run: JSON.parse of the same document, and the
 * ajv structure check alone (so the lint's own cost is visible as a ratio).
 */
import type { Flow, FlowNode } from '../types';
import { parseFlowJson } from './parse';
import { validateFlowStructure } from './schema';
import { validateFlow } from './validate-flow';

/** A chain of realistic blocks: ask → route → message/set/http, looping back through the ask. */
function generateFlow(size: number): Flow {
  const nodes: FlowNode[] = [];
  const blocks = Math.floor((size - 1) / 5);
  for (let b = 0; b < blocks; b++) {
    const next = b + 1 < blocks ? `ask_${b + 1}` : 'done';
    nodes.push(
      {
        id: `ask_${b}`,
        type: 'ask',
        prompt: { en: `Question ${b}, {{name}}?`, es: `¿Pregunta ${b}, {{name}}?` },
        expect: 'text',
        saveAs: 'answer',
        exits: { next: `route_${b}`, invalid: 'done', timeout: null },
      },
      {
        id: `route_${b}`,
        type: 'route',
        operand: '{{answer}}',
        cases: [
          { id: 'yes', test: { op: 'is_yes' } },
          { id: 'num', test: { op: 'has_number_gt', args: [10] } },
        ],
        exits: { yes: `msg_${b}`, num: `set_${b}`, default: `ask_${b}` },
      },
      {
        id: `msg_${b}`,
        type: 'message',
        text: { en: 'Pick one', es: 'Elige' },
        buttons: [
          { id: 'a', title: { en: 'A', es: 'A' } },
          { id: 'b', title: { en: 'B', es: 'B' } },
        ],
        exits: { a: `http_${b}`, b: next, other: `ask_${b}`, timeout: null },
      },
      { id: `set_${b}`, type: 'set', assign: [{ variable: 'total', value: '{{total + 1}}' }], exits: { next: `http_${b}` } },
      {
        id: `http_${b}`,
        type: 'http',
        method: 'POST',
        url: 'https://api.example.com/x/{{answer}}',
        body: '{"t": {{total}}}',
        map: { total: 'body.total' },
        exits: { success: next, failure: 'done' },
      },
    );
  }
  nodes.push({ id: 'done', type: 'end' });
  return {
    id: `bench-${size}`,
    name: 'Bench',
    specVersion: '1.0.0',
    revision: 1,
    languages: ['en', 'es'],
    start: 'ask_0',
    variables: { name: { type: 'string' }, answer: { type: 'string' }, total: { type: 'number', default: 0 } },
    nodes,
  };
}

function median(run: () => void, iterations: number): number {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function main(): void {
  const cold = performance.now();
  validateFlow(generateFlow(5));
  console.log(`first call (cold; validators are precompiled): ${(performance.now() - cold).toFixed(1)} ms`);
  console.log('nodes | JSON.parse (baseline) | ajv structure only | validateFlow (limits + ajv + lint) | validateFlow / JSON.parse');
  for (const size of [100, 500, 1_000]) {
    const flow = generateFlow(size);
    const text = JSON.stringify(flow);
    const result = validateFlow(flow);
    if (!result.ok) throw new Error(`generated flow is invalid: ${JSON.stringify(result.issues.slice(0, 3))}`);
    const iterations = size >= 500 ? 30 : 100;
    const parse = median(() => parseFlowJson(text), iterations);
    const structure = median(() => validateFlowStructure(flow), iterations);
    const full = median(() => validateFlow(flow), iterations);
    console.log(
      `${String(size).padStart(5)} | ${parse.toFixed(2)} ms | ${structure.toFixed(2)} ms | ${full.toFixed(2)} ms | ${(full / parse).toFixed(1)}x`,
    );
  }
}

main();
