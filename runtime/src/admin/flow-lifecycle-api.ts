/**
 * The flow list's actions (docs/admin-api.md "Flow list"): duplicate, rename, unpublish and
 * delete. Duplicates and renames are drafts (held, not live); unpublish stops new
 * conversations; delete refuses a flow that is live or called by another flow.
 */
import type { FastifyInstance } from 'fastify';
import type { Flow, FlowLayout } from '@parley/flow';
import type { RuntimeContext } from '../platform/context';
import { flowIdProblem } from '../flows/ids';
import { isObject, sendError } from './errors';
import { copyTests, deleteFlowFiles, readDraft, readDraftFiles, writeDraft } from './flow-files';

type IdParams = { Params: { id: string } };
const NAME_MAX = 200;

/** Runs one flow's file changes one at a time in this process, so check-then-write cannot interleave. */
export function serialPerFlow(): <T>(id: string, fn: () => Promise<T>) => Promise<T> {
  const locks = new Map<string, Promise<unknown>>();
  return <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    const run = (locks.get(id) ?? Promise.resolve()).catch(() => undefined).then(fn);
    const tail = run.catch(() => undefined);
    locks.set(id, tail);
    void tail.then(() => { if (locks.get(id) === tail) locks.delete(id); });
    return run;
  };
}

function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'name must be a non-empty string';
  if (name.length > NAME_MAX) return `name is ${name.length} characters; at most ${NAME_MAX}`;
  return null;
}

export async function flowLifecycleApi(app: FastifyInstance, ctx: RuntimeContext, serial: ReturnType<typeof serialPerFlow>): Promise<void> {
  const dir = ctx.flows.dir;
  const asDraft = (id: string) => ({ beforeFlowWrite: () => ctx.flows.holdDraft(id) });

  app.post<IdParams & { Body: { id?: unknown; name?: unknown } }>('/api/flows/:id/duplicate', async (req, reply) => {
    const from = req.params.id;
    const body = isObject(req.body) ? req.body : {};
    const problem = flowIdProblem(body.id, 'new id');
    if (problem) return sendError(reply, 400, 'bad_flow_id', problem);
    const to = body.id as string;
    if (body.name !== undefined && nameProblem(body.name)) return sendError(reply, 400, 'bad_name', nameProblem(body.name) ?? '');
    const source = await readDraftFiles(dir, from);
    if (!source) return sendError(reply, 404, 'not_found', `flow ${from} does not exist`);
    const sourceFlow = source.flow;
    if (!isObject(sourceFlow)) return sendError(reply, 422, 'invalid_flow', `flows/${from}.flow.json is not a JSON object; fix it before duplicating`);
    return serial(to, async () => {
      if (await readDraft(dir, to)) return sendError(reply, 409, 'flow_exists', `flow ${to} already exists`);
      const name = typeof body.name === 'string' ? body.name.trim() : `${typeof sourceFlow.name === 'string' ? sourceFlow.name : from} (copy)`;
      const flow = { ...(sourceFlow as unknown as Flow), id: to, name, revision: 1 };
      const layout = isObject(source.layout) ? ({ ...source.layout, flowId: to } as unknown as FlowLayout) : { flowId: to, positions: {} };
      await writeDraft(dir, to, flow, layout, asDraft(to));
      await copyTests(dir, from, to);
      await ctx.flows.reloadFile(to);
      return reply.code(201).send({ id: to, revision: (await readDraft(dir, to))?.revision });
    });
  });

  app.post<IdParams & { Body: { name?: unknown } }>('/api/flows/:id/rename', async (req, reply) => {
    const { id } = req.params;
    const name = isObject(req.body) ? req.body.name : undefined;
    const problem = nameProblem(name);
    if (problem) return sendError(reply, 400, 'bad_name', problem);
    return serial(id, async () => {
      const current = await readDraftFiles(dir, id);
      if (!current) return sendError(reply, 404, 'not_found', `flow ${id} does not exist`);
      if (!isObject(current.flow)) return sendError(reply, 422, 'invalid_flow', `flows/${id}.flow.json is not a JSON object; fix it before renaming`);
      const trimmed = (name as string).trim();
      if (current.flow.name !== trimmed) {
        // A new name is a change of the draft: publish it to show it to new conversations.
        await writeDraft(dir, id, { ...(current.flow as unknown as Flow), name: trimmed, revision: current.flowRevision + 1 }, null, asDraft(id));
        await ctx.flows.reloadFile(id);
      }
      return { id, name: trimmed, revision: (await readDraft(dir, id))?.revision };
    });
  });

  app.post<IdParams>('/api/flows/:id/unpublish', async (req, reply) => {
    const { id } = req.params;
    if (!(await readDraft(dir, id)) && !ctx.flows.entry(id)) return sendError(reply, 404, 'not_found', `flow ${id} does not exist`);
    return serial(id, async () => {
      const previousVersion = await ctx.flows.unpublish(id, ctx.admin.user);
      return { id, publishedVersion: null, previousVersion };
    });
  });

  app.delete<IdParams>('/api/flows/:id', async (req, reply) => {
    const { id } = req.params;
    return serial(id, async () => {
      if (!(await readDraft(dir, id))) return sendError(reply, 404, 'not_found', `flow ${id} does not exist`);
      await ctx.flows.refreshLive();
      const entry = ctx.flows.entry(id);
      if (entry?.publishedVersion != null) {
        return sendError(reply, 409, 'flow_live', `flow ${id} is live (version ${entry.publishedVersion}); unpublish it before deleting it`);
      }
      if (entry && entry.calledBy.length > 0) {
        return sendError(reply, 409, 'flow_in_use', `flow ${id} is called as a subflow by ${entry.calledBy.join(', ')}; remove those calls first`, { calledBy: entry.calledBy });
      }
      await deleteFlowFiles(dir, id);
      await ctx.flows.remove(id);
      req.log.info({ flow: id, by: ctx.admin.user }, `flow ${id} deleted (its versions stay in the store)`);
      return { deleted: true };
    });
  });
}
