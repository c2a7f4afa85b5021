/**
 * Every issue the validator reports on the broken fixtures, worded for the
 * studio: no JSON words, no pointers, no raw quotes; steps named by title.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../types';
import type { TemplateInfo, ValidateOptions } from './options';
import { validateFlow } from './validate-flow';
import { plainIssueMessage } from './plain-words';

const dir = fileURLToPath(new URL('./fixtures/broken/', import.meta.url));

/** Words and marks a marketer should never read in the studio. */
const JSON_SPEAK = [
  /\bnull\b/i,
  /\bobject\b/i,
  /\bstring\b/i,
  /\barray\b/i,
  /\bpropert(y|ies)\b/i,
  /must have/i,
  /\bschema\b/i,
  /\/nodes\//,
  /(^|\s)\/[a-z]+/i,
  /''/,
  /(^|[^A-Za-z])'[^']*'(?![A-Za-z])/,
  /\bundefined\b/,
  /\[\d+\]/,
  /\b[a-z]+[A-Z][a-zA-Z]*\b/,
  /\$defs/,
  /\bnode\b/i,
];

function optionsOf(
  options: { knownFlows?: string[]; templateInfo?: Record<string, TemplateInfo>; flows?: Record<string, Flow> } | undefined,
): ValidateOptions {
  const o: ValidateOptions = {};
  if (options?.knownFlows) o.knownFlows = (id) => options.knownFlows!.includes(id);
  const templates = options?.templateInfo;
  if (templates) o.templateInfo = (name) => (Object.hasOwn(templates, name) ? templates[name] : undefined);
  if (options?.flows) o.resolveFlow = (id) => options.flows![id];
  return o;
}

describe('plain words for the studio', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it('word every fixture issue without JSON-speak', () => {
    const bad: string[] = [];
    let count = 0;
    for (const file of files) {
      const fixture = JSON.parse(readFileSync(dir + file, 'utf8')) as { flow: unknown; options?: never };
      for (const issue of validateFlow(fixture.flow, optionsOf(fixture.options)).issues) {
        count++;
        const text = plainIssueMessage(issue, fixture.flow);
        const hit = JSON_SPEAK.find((p) => p.test(text));
        if (hit || !/^[A-Z“].*[.?]$/.test(text)) bad.push(`${file} ${issue.code}: ${text}   [${hit ?? 'sentence'}]`);
      }
    }
    expect(count).toBeGreaterThan(80);
    expect(bad).toEqual([]);
  });

  it('words pattern errors without engine jargon', () => {
    const flow = {
      id: 'x',
      name: 'x',
      specVersion: '1.0.0',
      revision: 1,
      languages: ['en'],
      start: 'bye',
      intents: [{ name: 'agent', patterns: ['talk to (agent', '(?=x)x'] }],
      nodes: [{ id: 'bye', type: 'end' }],
    };
    expect(validateFlow(flow).issues.map((i) => plainIssueMessage(i, flow))).toEqual([
      'The pattern in pattern 1 of intent “agent” is not valid.',
      'The pattern in pattern 2 of intent “agent” uses a lookahead `(?=`, which Parley does not support; match the text itself instead, or put the condition in a route case of its own.',
    ]);
  });

  it('says an empty flow has no steps yet', () => {
    const flow = { id: 'x', name: 'x', specVersion: '1.0.0', revision: 1, languages: ['en'], start: '', nodes: [] };
    const texts = validateFlow(flow).issues.map((i) => plainIssueMessage(i, flow));
    expect(texts).toContain('This flow has no steps yet — add one from the palette.');
  });

  it('reports an empty button title as missing, not as a repeated empty title', () => {
    const flow = {
      id: 'x',
      name: 'x',
      specVersion: '1.0.0',
      revision: 1,
      languages: ['en'],
      start: 'menu',
      nodes: [
        {
          id: 'menu',
          type: 'message',
          text: 'Pick',
          buttons: [
            { id: 'a', title: '' },
            { id: 'b', title: '' },
          ],
          exits: { a: null, b: null, other: null },
        },
      ],
    };
    const issue = validateFlow(flow).issues.find((i) => i.code === 'duplicate-choice-title');
    expect(issue, 'the validator reports the repeated title').toBeDefined();
    expect(issue!.message).toContain("''");
    expect(plainIssueMessage(issue!, flow)).toBe('Button 2 of the step “Menu” has no title.');
  });

  it('names steps by their title and fields by the form labels', () => {
    const flow = { nodes: [{ id: 'answer_shipping', label: 'Shipping times' }, { id: 'ask_email' }] };
    expect(
      plainIssueMessage(
        {
          code: 'missing-exit',
          path: '/nodes/0/exits',
          nodeId: 'answer_shipping',
          message: "Node 'answer_shipping' (message) has no 'next' exit; connect it, or set it to null to end the conversation there.",
        },
        flow,
      ),
    ).toBe(
      'The step “Shipping times” is not connected to a next step; connect it, or choose “end the conversation here” in its connections.',
    );
    expect(
      plainIssueMessage(
        {
          code: 'schema-type',
          path: '/nodes/1/prompt',
          nodeId: 'ask_email',
          message: "'prompt' of node 'ask_email' is the number 4; expected string or object.",
        },
        { nodes: [{}, { id: 'ask_email', prompt: 4 }] },
      ),
    ).toBe('The question of the step “Ask email” is the number 4; it should be a text (one per language).');
  });
});
