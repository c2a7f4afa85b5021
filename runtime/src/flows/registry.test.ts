import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFlow } from '@parley/flow';
import type { Flow } from '@parley/flow';
import { createLogger } from '../app/logger';
import { createMemoryStores } from '../stores';
import { FlowRegistry } from './registry';

const flow = (text: string, revision: number): Flow => ({
  id: 'f', name: 'F', specVersion: '1.0.0', revision, languages: ['en'], start: 'a',
  nodes: [{ id: 'a', type: 'message', text, exits: { next: 'b' } }, { id: 'b', type: 'end', exits: {} }],
} as Flow);

describe('FlowRegistry drafts', () => {
  it('no process publishes a file the admin API wrote; outside changes are published', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-reg-'));
    const stores = createMemoryStores();
    const log = createLogger({ level: 'silent' });
    // Two registries over one store: two runtime processes watching the same folder.
    const a = new FlowRegistry({ dir, store: stores.flowVersions, log });
    const b = new FlowRegistry({ dir, store: stores.flowVersions, log });
    writeFileSync(join(dir, 'f.flow.json'), formatFlow(flow('one', 1)));
    await a.loadAll();
    expect((await a.live('f'))?.version).toBe(1);

    // A studio save in process A: recorded, written, then seen by both watchers.
    const draft = formatFlow(flow('two', 2));
    await a.noteDraftWrite('f', draft);
    writeFileSync(join(dir, 'f.flow.json'), draft);
    expect(await a.reloadFile('f')).toMatchObject({ version: 1, issues: [] });
    expect(await b.reloadFile('f')).toMatchObject({ version: 1, issues: [] });
    expect(b.entry('f')).toMatchObject({ revision: 2, publishedVersion: 1 });
    expect((await stores.flowVersions.list('f')).length).toBe(1);
    // A process (re)starting with the draft on disk does not publish it either.
    const restarted = new FlowRegistry({ dir, store: stores.flowVersions, log });
    await restarted.loadAll();
    expect(restarted.entry('f')?.publishedVersion).toBe(1);

    // An edit from outside: published by whichever process sees it, once.
    writeFileSync(join(dir, 'f.flow.json'), formatFlow(flow('three', 3)));
    expect((await b.reloadFile('f')).version).toBe(2);
    expect((await a.reloadFile('f')).version).toBe(2);
    expect((await a.live('f'))?.flow.nodes[0]).toMatchObject({ text: 'three' });
  });
});
