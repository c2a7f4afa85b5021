/** Flows read/save (optimistic concurrency), publish, versions, rollback and transcript tests. */
import type { FastifyInstance } from 'fastify';
import { validateFlow } from '@parley/flow';
import type { Flow, FlowLayout } from '@parley/flow';
import type { RuntimeContext } from '../app/context';
import { contentHash } from '../flows/registry';
import { sendError, isObject } from './errors';
import { FLOW_ID, appendTest, readDraft, readDraftFiles, readTests, sameLogic, writeDraft } from './flow-files';

type IdParams = { Params: { id: string } };

export async function flowsApi(app: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const dir = ctx.flows.dir;

  app.addHook('preHandler', async (req, reply) => {
    const id = (req.params as { id?: string }).id;
    if (id !== undefined && !FLOW_ID.test(id)) return sendError(reply, 400, 'bad_flow_id', `"${id}" is not a flow id (lower-case letters, digits, - and _)`);
  });

  app.get('/api/flows', async () => ctx.flows.list().map((e) => ({ id: e.id, name: e.name, revision: e.revision, publishedVersion: e.publishedVersion, issues: e.issues })));

  app.get<IdParams>('/api/flows/:id', async (req, reply) => {
    const draft = await readDraft(dir, req.params.id);
    if (!draft) return sendError(reply, 404, 'not_found', `flow ${req.params.id} does not exist`);
    return draft;
  });

  // Saves of one flow run one at a time in this process, so check-then-write cannot interleave.
  const locks = new Map<string, Promise<unknown>>();
  const serial = <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    const run = (locks.get(id) ?? Promise.resolve()).catch(() => undefined).then(fn);
    const tail = run.catch(() => undefined);
    locks.set(id, tail);
    void tail.then(() => { if (locks.get(id) === tail) locks.delete(id); });
    return run;
  };
  const asDraft = (id: string) => ({ beforeFlowWrite: (text: string) => ctx.flows.noteDraftWrite(id, text) });

  // Save: writes the draft files only. Not a version, not live (see docs/admin-api.md).
  app.put<IdParams & { Body: { flow?: unknown; layout?: unknown; baseRevision?: unknown } }>('/api/flows/:id', async (req, reply) => {
    const { id } = req.params;
    const body = req.body;
    if (!isObject(body) || !isObject(body.flow) || (typeof body.baseRevision !== 'string' && typeof body.baseRevision !== 'number')) {
      return sendError(reply, 400, 'bad_request', 'body must be { flow: object, layout: object | null, baseRevision: the revision from GET /api/flows/:id }');
    }
    if (body.flow.id !== id) return sendError(reply, 400, 'id_mismatch', `flow.id is "${String(body.flow.id)}" but the URL says "${id}"`);
    const incoming = body.flow as unknown as Flow;
    const layout = isObject(body.layout) ? (body.layout as unknown as FlowLayout) : null;
    return serial(id, async () => {
      const current = await readDraftFiles(dir, id);
      if (!current) return sendError(reply, 404, 'not_found', `flow ${id} does not exist; create it with POST /api/flows`);
      if (current.revision !== body.baseRevision) {
        return sendError(reply, 409, 'conflict', `flow ${id} was changed by someone else since you opened it (now ${current.revision}, yours is based on ${String(body.baseRevision)})`, {
          current: { flow: current.flow, layout: current.layout, revision: current.revision },
        });
      }
      // The flow file changes (and its revision is bumped) only when the logic changed.
      const flow = sameLogic(current.flow, incoming) ? null : { ...incoming, revision: current.flowRevision + 1 };
      await writeDraft(dir, id, flow, layout, { order: incoming, ...asDraft(id) });
      const { issues } = await ctx.flows.reloadFile(id);
      const saved = await readDraftFiles(dir, id);
      return { revision: saved?.revision ?? current.revision, issues };
    });
  });

  app.post<{ Body: { flow?: unknown; layout?: unknown } }>('/api/flows', async (req, reply) => {
    const body = req.body;
    if (!isObject(body) || !isObject(body.flow) || typeof body.flow.id !== 'string') return sendError(reply, 400, 'bad_request', 'body must be { flow: { id, ... }, layout }');
    const id = body.flow.id;
    if (!FLOW_ID.test(id)) return sendError(reply, 400, 'bad_flow_id', `"${id}" is not a flow id (lower-case letters, digits, - and _)`);
    const flow = { ...(body.flow as unknown as Flow), revision: typeof body.flow.revision === 'number' ? body.flow.revision : 1 };
    const layout = isObject(body.layout) ? (body.layout as unknown as FlowLayout) : { flowId: id, positions: {} };
    return serial(id, async () => {
      if (await readDraft(dir, id)) return sendError(reply, 409, 'exists', `flow ${id} already exists`);
      await writeDraft(dir, id, flow, layout, asDraft(id));
      const { issues } = await ctx.flows.reloadFile(id);
      const created = await readDraft(dir, id);
      return reply.code(201).send({ revision: created?.revision, issues });
    });
  });

  // Publish: the draft on disk becomes an immutable version that new conversations use.
  app.post<IdParams & { Body: { summary?: unknown } }>('/api/flows/:id/publish', async (req, reply) => {
    const { id } = req.params;
    const draft = await readDraft(dir, id);
    if (!draft) return sendError(reply, 404, 'not_found', `flow ${id} does not exist`);
    const result = validateFlow(draft.flow);
    if (!result.ok || !result.flow) return sendError(reply, 422, 'invalid_flow', `flow ${id} has errors; fix them before publishing`, { issues: result.issues });
    const summary = isObject(req.body) && typeof req.body.summary === 'string' ? req.body.summary.slice(0, 500) : '';
    const { version } = await ctx.stores.flowVersions.publish({
      flowId: id, publishedAt: ctx.now(), publishedBy: ctx.admin.user, summary, revision: result.flow.revision,
      hash: contentHash(result.flow), flow: result.flow, ...(draft.layout ? { layout: draft.layout } : {}),
    }, { force: true });
    ctx.flows.forget(id);
    await ctx.flows.reloadFile(id);
    return { version };
  });

  app.get<IdParams>('/api/flows/:id/versions', async (req) => ctx.stores.flowVersions.list(req.params.id));

  app.get<IdParams & { Params: { v: string } }>('/api/flows/:id/versions/:v', async (req, reply) => {
    const v = Number(req.params.v);
    const record = Number.isInteger(v) ? await ctx.stores.flowVersions.get(req.params.id, v) : null;
    if (!record) return sendError(reply, 404, 'not_found', `flow ${req.params.id} has no version ${req.params.v}`);
    return { ...record, layout: record.layout ?? null };
  });

  app.post<IdParams & { Body: { version?: unknown } }>('/api/flows/:id/rollback', async (req, reply) => {
    const { id } = req.params;
    const v = isObject(req.body) ? req.body.version : undefined;
    const record = typeof v === 'number' ? await ctx.stores.flowVersions.get(id, v) : null;
    if (!record) return sendError(reply, 404, 'not_found', `flow ${id} has no version ${String(v)}`);
    const current = await readDraftFiles(dir, id);
    const revision = (current?.flowRevision ?? 0) + 1;
    const flow = { ...(record.flow as Flow), revision };
    // Files are the source of truth: the rollback is written back so a restart keeps it
    // (as the runtime's own write: it is published just below, not by the watcher).
    await writeDraft(dir, id, flow, (record.layout as FlowLayout | undefined) ?? null, asDraft(id));
    const { version } = await ctx.stores.flowVersions.publish({
      flowId: id, publishedAt: ctx.now(), publishedBy: ctx.admin.user, summary: `rollback to version ${record.version}`, revision,
      hash: contentHash(flow), flow, ...(record.layout ? { layout: record.layout } : {}),
    }, { force: true });
    ctx.flows.forget(id);
    await ctx.flows.reloadFile(id);
    return { version };
  });

  app.get<IdParams>('/api/flows/:id/tests', async (req) => readTests(dir, req.params.id));

  app.post<IdParams & { Body: { test?: unknown } }>('/api/flows/:id/tests', async (req, reply) => {
    const test = isObject(req.body) ? req.body.test : undefined;
    if (!isObject(test) || typeof test.name !== 'string' || !Array.isArray(test.turns)) {
      return sendError(reply, 400, 'bad_test', 'test must be an object with a name (string) and turns (array)');
    }
    if (!(await readDraft(dir, req.params.id))) return sendError(reply, 404, 'not_found', `flow ${req.params.id} does not exist`);
    const count = await appendTest(dir, req.params.id, test);
    return reply.code(201).send({ count });
  });
}
