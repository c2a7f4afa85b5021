import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFlow } from '@parley/flow';
import type { Flow } from '@parley/flow';
import { createLogger } from '../platform/logger';
import { createMemoryStores } from '../stores';
import { hold } from './holds';
import { FlowRegistry } from './registry';

const flow = (text: string, revision: number, id = 'f', extra: Partial<Flow> = {}): Flow => ({
  id, name: id.toUpperCase(), specVersion: '1.0.0', revision, languages: ['en'], start: 'a',
  nodes: [{ id: 'a', type: 'message', text, exits: { next: 'b' } }, { id: 'b', type: 'end', exits: {} }],
  ...extra,
} as Flow);

const log = createLogger({ level: 'silent' });
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'parley-reg-'));
  const stores = createMemoryStores();
  const registry = () => new FlowRegistry({ dir, store: stores.flowVersions, log });
  const write = (f: Flow) => writeFileSync(join(dir, `${f.id}.flow.json`), formatFlow(f));
  /** What the admin API does on a save: hold first, then write. */
  const studioSave = async (r: FlowRegistry, f: Flow) => {
    await r.holdDraft(f.id);
    write(f);
    await r.reloadFile(f.id);
  };
  return { dir, stores, registry, write, studioSave };
}

describe('FlowRegistry: what is live is what was published', () => {
  it('a published studio draft is live at once in the same process (list, liveIds, live)', async () => {
    const { registry, studioSave } = setup();
    const r = registry();
    await r.loadAll();
    await studioSave(r, flow('new', 1, 'created'));
    expect(r.entry('created')).toMatchObject({ publishedVersion: null, hasUnpublishedChanges: true });
    expect(await r.live('created')).toBeNull();

    const v = await r.publish('created', { flow: flow('new', 1, 'created'), by: 'ana', summary: 'first' });
    expect(v).toBe(1);
    expect(r.entry('created')).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false });
    expect(r.knownIds()).toContain('created');
    expect((await r.live('created'))?.version).toBe(1);
  });

  it('no process publishes a studio draft, not even after an outside edit or a restart; outside edits of other flows are deployed', async () => {
    const { registry, write, studioSave, stores } = setup();
    const a = registry();
    const b = registry();
    write(flow('one', 1));
    await a.loadAll();
    await b.loadAll();
    expect((await a.live('f'))?.version).toBe(1);

    await studioSave(a, flow('two', 2));
    expect(await b.reloadFile('f')).toMatchObject({ version: 1, issues: [] });
    expect(b.entry('f')).toMatchObject({ revision: 2, publishedVersion: 1, hasUnpublishedChanges: true });
    // An editor touching the held file: publishing it would publish the studio's draft inside it.
    write(flow('two + typo fix', 3));
    expect((await b.reloadFile('f')).version).toBe(1);
    const restarted = registry();
    await restarted.loadAll();
    expect(restarted.entry('f')?.publishedVersion).toBe(1);
    expect((await stores.flowVersions.list('f')).length).toBe(1);

    // A flow nobody drafted in the studio: an outside edit is the engineer's deploy, published once.
    write(flow('g1', 1, 'g'));
    await a.reloadFile('g');
    await b.reloadFile('g');
    write(flow('g2', 2, 'g'));
    expect((await b.reloadFile('g')).version).toBe(2);
    expect((await a.reloadFile('g')).version).toBe(2);
    expect((await a.live('g'))?.flow.nodes[0]).toMatchObject({ text: 'g2' });
  });

  it('a parley-new scaffold (held on disk) is not live, and an in-memory restart publishes only what is not held', async () => {
    const { dir, registry, write, studioSave } = setup();
    write(flow('deployed', 1, 'deployed'));
    await hold(dir, 'scaffold', 'scaffold');
    write(flow('hello', 1, 'scaffold'));
    const r = registry();
    await r.loadAll();
    await studioSave(r, flow('draft', 1, 'drafted'));
    expect(r.list().map((e) => [e.id, e.publishedVersion])).toEqual([['deployed', 1], ['drafted', null], ['scaffold', null]]);

    // A new process on a fresh in-memory store: the same files, the same answer.
    const fresh = new FlowRegistry({ dir, store: createMemoryStores().flowVersions, log });
    await fresh.loadAll();
    expect(fresh.list().map((e) => [e.id, e.publishedVersion])).toEqual([['deployed', 1], ['drafted', null], ['scaffold', null]]);
    expect(await fresh.live('drafted')).toBeNull();
  });

  it('unpublish: not live, recorded in the history, kept across restarts; publish makes it live again', async () => {
    const { registry, write, stores } = setup();
    write(flow('one', 1));
    const r = registry();
    await r.loadAll();
    expect(await r.unpublish('f', 'ana')).toBe(1);
    expect(r.entry('f')?.publishedVersion).toBeNull();
    expect(await r.live('f')).toBeNull();
    expect(await r.version('f', 1)).not.toBeNull();
    expect((await stores.flowVersions.list('f'))[0]).toMatchObject({ version: 2, publishedBy: 'ana', hash: 'unpublished' });
    write(flow('one, edited', 2));
    await r.reloadFile('f');
    const restarted = registry();
    await restarted.loadAll();
    expect(restarted.entry('f')?.publishedVersion).toBeNull();

    expect(await r.publish('f', { flow: flow('one, edited', 2), by: 'ana', summary: 'back' })).toBe(3);
    restarted.forget('f'); // (its 500 ms cache)
    expect((await restarted.live('f'))?.version).toBe(3);
  });

  it('lists callers and sees a publish made by another process', async () => {
    const { registry, write, studioSave } = setup();
    write(flow('child', 1, 'child'));
    write(flow('parent', 1, 'parent', { nodes: [{ id: 'a', type: 'subflow', flow: 'child', exits: { next: 'b' } }, { id: 'b', type: 'end', exits: {} }] } as Partial<Flow>));
    const a = registry();
    const b = registry();
    await a.loadAll();
    await b.loadAll();
    expect(a.entry('child')?.calledBy).toEqual(['parent']);
    expect(a.entry('parent')?.calledBy).toEqual([]);

    await studioSave(a, flow('new', 1, 'other'));
    await b.reloadFile('other');
    await a.publish('other', { flow: flow('new', 1, 'other'), by: 'ana', summary: '' });
    expect(b.entry('other')?.publishedVersion).toBeNull();
    await b.refreshLive();
    expect(b.entry('other')?.publishedVersion).toBe(1);
  });

  it('ignores a file whose name is not a flow id', async () => {
    const { dir, registry } = setup();
    writeFileSync(join(dir, 'bad name.flow.json'), formatFlow(flow('x', 1)));
    const r = registry();
    await r.loadAll();
    expect(r.list()).toEqual([]);
    expect(existsSync(join(dir, 'bad name.flow.json'))).toBe(true);
  });
});
