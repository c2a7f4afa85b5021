/** Flows read/save (optimistic concurrency), publish, versions, rollback and transcript tests. */
import type { FastifyInstance } from 'fastify';
import { cutAtGrapheme, validateFlow } from '@parley/flow';
import type { Flow, FlowLayout } from '@parley/flow';
import type { RuntimeContext } from '../platform/context';
import { flowIdProblem, parseVersion } from '../flows/ids';
import { isUnpublishMarker } from '../flows/registry';
import { sendError, isObject } from './errors';
import { appendTest, readDraft, readDraftFiles, readTests, sameLogic, writeDraft } from './flow-files';
import { flowLifecycleApi, serialPerFlow } from './flow-lifecycle-api';

type IdParams = { Params: { id: string } };

export async function flowsApi(app: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const dir = ctx.flows.dir;

  app.addHook('preHandler', async (req, reply) => {
    const id = (req.params as { id?: string }).id;
    const problem = id === undefined ? null : flowIdProblem(id);
    if (problem) return sendError(reply, 400, 'bad_flow_id', problem);
  });

  // What is live is read from the store for every flow (a publish in another process counts).
  app.get('/api/flows', async () => {
    await ctx.flows.refreshLive();
    return ctx.flows.list();
  });

  app.get<IdParams>('/api/flows/:id', async (req, reply) => {
    const draft = await readDraft(dir, req.params.id);
    if (!draft) return sendError(reply, 404, 'not_found', `flow ${req.params.id} does not exist`);
    return draft;
  });

  // Saves of one flow run one at a time in this process, so check-then-write cannot interleave.
  const serial = serialPerFlow();
  // The hold goes on disk BEFORE the file changes, so no watcher publishes the draft.
  const asDraft = (id: string) => ({ beforeFlowWrite: () => ctx.flows.holdDraft(id) });

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
    const problem = flowIdProblem(id, 'flow.id');
    if (problem) return sendError(reply, 400, 'bad_flow_id', problem);
    const flow = { ...(body.flow as unknown as Flow), revision: typeof body.flow.revision === 'number' ? body.flow.revision : 1 };
    const layout = isObject(body.layout) ? (body.layout as unknown as FlowLayout) : { flowId: id, positions: {} };
    return serial(id, async () => {
      if (await readDraft(dir, id)) return sendError(reply, 409, 'flow_exists', `flow ${id} already exists`);
      await writeDraft(dir, id, flow, layout, asDraft(id));
      const { issues } = await ctx.flows.reloadFile(id);
      const created = await readDraft(dir, id);
      return reply.code(201).send({ id, revision: created?.revision, issues });
    });
  });

  // Publish: the draft on disk becomes an immutable version that new conversations use.
  app.post<IdParams & { Body: { summary?: unknown } }>('/api/flows/:id/publish', async (req, reply) => {
    const { id } = req.params;
    const draft = await readDraft(dir, id);
    if (!draft) return sendError(reply, 404, 'not_found', `flow ${id} does not exist`);
    const result = validateFlow(draft.flow);
    if (!result.ok || !result.flow) return sendError(reply, 422, 'invalid_flow', `flow ${id} has errors; fix them before publishing`, { issues: result.issues });
    const summary = isObject(req.body) && typeof req.body.summary === 'string' ? cutAtGrapheme(req.body.summary, 500) : '';
    const version = await ctx.flows.publish(id, { flow: result.flow, layout: (draft.layout as FlowLayout | null) ?? null, by: ctx.admin.user, summary });
    return { version };
  });

  // The history: published versions and unpublish markers, newest first; `live` marks the one new conversations start on.
  app.get<IdParams>('/api/flows/:id/versions', async (req) => {
    const versions = await ctx.stores.flowVersions.list(req.params.id);
    const live = versions[0] && !isUnpublishMarker(versions[0]) ? versions[0].version : null;
    return versions.map((v) => ({ ...v, unpublished: isUnpublishMarker(v), live: v.version === live }));
  });

  app.get<IdParams & { Params: { v: string } }>('/api/flows/:id/versions/:v', async (req, reply) => {
    const v = parseVersion(req.params.v);
    if (v === null) return sendError(reply, 400, 'bad_version', `version "${req.params.v.slice(0, 20)}" is not a version number (a positive integer)`);
    const record = await ctx.stores.flowVersions.get(req.params.id, v);
    if (!record) return sendError(reply, 404, 'not_found', `flow ${req.params.id} has no version ${v}`);
    return { ...record, layout: record.layout ?? null };
  });

  app.post<IdParams & { Body: { version?: unknown } }>('/api/flows/:id/rollback', async (req, reply) => {
    const { id } = req.params;
    const v = parseVersion(isObject(req.body) ? req.body.version : undefined);
    if (v === null) return sendError(reply, 400, 'bad_version', 'body must be { version: a positive integer from GET /api/flows/:id/versions }');
    const record = await ctx.stores.flowVersions.get(id, v);
    if (!record) return sendError(reply, 404, 'not_found', `flow ${id} has no version ${v}`);
    if (isUnpublishMarker(record)) return sendError(reply, 400, 'bad_version', `version ${v} of flow ${id} records an unpublish, not a flow; roll back to a published version`);
    return serial(id, async () => {
      const current = await readDraftFiles(dir, id);
      const revision = (current?.flowRevision ?? 0) + 1;
      const flow = { ...(record.flow as Flow), revision };
      const layout = (record.layout as FlowLayout | undefined) ?? null;
      // Files are the source of truth: the rollback is written back (held while it is written,
      // published just below) so a restart keeps it.
      await writeDraft(dir, id, flow, layout, asDraft(id));
      const version = await ctx.flows.publish(id, { flow, layout, by: ctx.admin.user, summary: `rollback to version ${record.version}` });
      return { version };
    });
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

  await flowLifecycleApi(app, ctx, serial);
}
