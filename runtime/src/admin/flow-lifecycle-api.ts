/**
 * A flow's lifecycle (docs/admin-api.md "Flow list"): publish, duplicate, rename, unpublish and
 * delete. Publishing is refused while a template the flow can send is not approved (unless
 * forced, with a reason the history keeps) and pins the template versions it sends. Duplicates
 * and renames are drafts (held, not live); unpublish stops new conversations; delete refuses a
 * flow that is live or called by another flow.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { cutAtGrapheme, validateFlow } from '@parley/flow';
import {
  DeleteResult,
  DuplicateBody,
  DuplicateResult,
  ErrorEnvelope,
  FlowIdParams,
  PublishBody,
  RenameBody,
  RenameResult,
  TemplatesNotApproved,
  UnpublishResult,
  VersionResult,
} from '@parley/contract/api';
import type { RuntimeContext } from '../platform/context';
import { flowIdProblem } from '../flows/ids';
import { describeUnapproved, templateInfoLookup, templateSends, unapprovedTemplates } from '../flows/template-sends';
import { isObject, sendError } from './errors';
import { copyTests, deleteFlowFiles, readDraft, readDraftFiles, writeDraft } from './flow-files';
import { storedLayout } from './layout';
import { schemaErrorAs } from './schema-errors';

const tags = ['flows'];
const NAME_MAX = 200;

/** Runs one flow's file changes one at a time in this process, so check-then-write cannot interleave. */
export function serialPerFlow(): <T>(id: string, fn: () => Promise<T>) => Promise<T> {
  const locks = new Map<string, Promise<unknown>>();
  return <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    const run = (locks.get(id) ?? Promise.resolve()).catch(() => undefined).then(fn);
    const tail = run.catch(() => undefined);
    locks.set(id, tail);
    void tail.then(() => {
      if (locks.get(id) === tail) locks.delete(id);
    });
    return run;
  };
}

function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.trim() === '') return 'name must be a non-empty string';
  if (name.length > NAME_MAX) return `name is ${name.length} characters; at most ${NAME_MAX}`;
  return null;
}

export async function flowLifecycleApi(
  scope: FastifyInstance,
  ctx: RuntimeContext,
  serial: ReturnType<typeof serialPerFlow>,
): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const dir = ctx.flows.dir;
  const asDraft = (id: string) => ({ beforeFlowWrite: () => ctx.flows.holdDraft(id) });

  // Publish: the draft on disk becomes an immutable version that new conversations use.
  app.post(
    '/api/flows/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the draft as a new version: new conversations start on it',
        description:
          'Refused with 409 templates_not_approved while a template the flow (or a subflow) can send is not approved by Meta in a ' +
          'language the flow uses; `force: true` with a `reason` publishes anyway and the version history records both.',
        params: FlowIdParams,
        body: PublishBody,
        response: { 200: VersionResult, 400: ErrorEnvelope, 404: ErrorEnvelope, 409: TemplatesNotApproved, 422: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const body = req.body ?? {};
      if (body.force === true && !body.reason?.trim())
        return sendError(reply, 400, 'bad_request', 'force: true needs a reason (1–500 characters): the version history records why');
      const draft = await readDraft(dir, id);
      if (!draft) return sendError(reply, 404, 'not_found', `flow ${id} does not exist`);
      const templates = ctx.templates?.enabled() ? ctx.templates : undefined;
      let result = validateFlow(draft.flow);
      // With templates, the nodes are checked against them too (unknown template or language, parameters and their types).
      if (result.ok && result.flow && templates)
        result = validateFlow(draft.flow, { templateInfo: await templateInfoLookup(templates, ctx.tenants, result.flow) });
      if (!result.ok || !result.flow)
        return sendError(reply, 422, 'invalid_flow', `flow ${id} has errors; fix them before publishing`, { issues: result.issues });
      const flow = result.flow;
      const summary = typeof body.summary === 'string' ? cutAtGrapheme(body.summary, 500) : '';
      const sends = templates ? await templateSends(flow, async (sub) => (await ctx.flows.live(sub))?.flow ?? null) : [];
      const unapproved = templates ? await unapprovedTemplates(templates, ctx.tenants, sends) : [];
      if (unapproved.length > 0 && body.force !== true)
        return sendError(reply, 409, 'templates_not_approved', describeUnapproved(id, unapproved), { details: unapproved });
      const forced = unapproved.length > 0 ? { reason: body.reason!.trim(), templates: unapproved } : undefined;
      if (forced)
        req.log.warn({ flow: id, by: ctx.admin.user, reason: forced.reason, templates: unapproved }, `flow ${id} published with force`);
      // The template versions this version sends are kept, so its sessions render them after the files change.
      const templatePins = templates && sends.length > 0 ? templates.pinsFor(sends) : undefined;
      if (templates && templatePins) await templates.keepPins(templatePins);
      const version = await ctx.flows.publish(id, {
        flow,
        layout: storedLayout(draft.layout, id),
        by: ctx.admin.user,
        summary,
        ...(templatePins ? { templatePins } : {}),
        ...(forced ? { forced } : {}),
      });
      return { version };
    },
  );

  app.post(
    '/api/flows/:id/duplicate',
    {
      schema: {
        tags,
        summary: 'Copy a flow (files and tests) under a new id, as a draft',
        params: FlowIdParams,
        body: DuplicateBody,
        response: { 201: DuplicateResult, 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const from = req.params.id;
      const body = req.body ?? {};
      const to = body.id;
      const problem = flowIdProblem(to, 'new id');
      if (problem || typeof to !== 'string') return sendError(reply, 400, 'bad_flow_id', problem ?? 'new id must be a string');
      if (body.name !== undefined && nameProblem(body.name)) return sendError(reply, 400, 'bad_name', nameProblem(body.name) ?? '');
      const source = await readDraftFiles(dir, from);
      if (!source) return sendError(reply, 404, 'not_found', `flow ${from} does not exist`);
      const sourceFlow = source.flow;
      if (!isObject(sourceFlow))
        return sendError(reply, 422, 'invalid_flow', `flows/${from}.flow.json is not a JSON object; fix it before duplicating`);
      return serial(to, async () => {
        if (await readDraft(dir, to)) return sendError(reply, 409, 'flow_exists', `flow ${to} already exists`);
        const name =
          typeof body.name === 'string' ? body.name.trim() : `${typeof sourceFlow.name === 'string' ? sourceFlow.name : from} (copy)`;
        const flow = { ...sourceFlow, id: to, name, revision: 1 };
        const copied = storedLayout(source.layout, to);
        const layout = copied ? { ...copied, flowId: to } : { flowId: to, positions: {} };
        await writeDraft(dir, to, flow, layout, asDraft(to));
        await copyTests(dir, from, to);
        await ctx.flows.reloadFile(to);
        return reply.code(201).send({ id: to, revision: (await readDraft(dir, to))?.revision });
      });
    },
  );

  app.post(
    '/api/flows/:id/rename',
    {
      schema: {
        tags,
        summary: 'Change the display name (in the draft; publish to show it)',
        params: FlowIdParams,
        body: RenameBody,
        response: { 200: RenameResult, 400: ErrorEnvelope, 404: ErrorEnvelope, 422: ErrorEnvelope },
      },
      schemaErrorFormatter: schemaErrorAs('bad_name'),
    },
    async (req, reply) => {
      const { id } = req.params;
      const { name } = req.body;
      const problem = nameProblem(name);
      if (problem) return sendError(reply, 400, 'bad_name', problem);
      return serial(id, async () => {
        const current = await readDraftFiles(dir, id);
        if (!current) return sendError(reply, 404, 'not_found', `flow ${id} does not exist`);
        if (!isObject(current.flow))
          return sendError(reply, 422, 'invalid_flow', `flows/${id}.flow.json is not a JSON object; fix it before renaming`);
        const trimmed = name.trim();
        if (current.flow.name !== trimmed) {
          // A new name is a change of the draft: publish it to show it to new conversations.
          await writeDraft(dir, id, { ...current.flow, name: trimmed, revision: current.flowRevision + 1 }, null, asDraft(id));
          await ctx.flows.reloadFile(id);
        }
        return { id, name: trimmed, revision: (await readDraft(dir, id))?.revision };
      });
    },
  );

  app.post(
    '/api/flows/:id/unpublish',
    {
      schema: {
        tags,
        summary: 'Stop new conversations on the flow (running ones keep their version)',
        params: FlowIdParams,
        response: { 200: UnpublishResult, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      if (!(await readDraft(dir, id)) && !ctx.flows.entry(id)) return sendError(reply, 404, 'not_found', `flow ${id} does not exist`);
      return serial(id, async () => {
        const previousVersion = await ctx.flows.unpublish(id, ctx.admin.user);
        return { id, publishedVersion: null, previousVersion };
      });
    },
  );

  app.delete(
    '/api/flows/:id',
    {
      schema: {
        tags,
        summary: "Delete a flow's files (refused while it is live or called by another flow; its versions stay)",
        params: FlowIdParams,
        response: { 200: DeleteResult, 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      return serial(id, async () => {
        if (!(await readDraft(dir, id))) return sendError(reply, 404, 'not_found', `flow ${id} does not exist`);
        await ctx.flows.refreshLive();
        const entry = ctx.flows.entry(id);
        if (entry?.publishedVersion != null) {
          return sendError(
            reply,
            409,
            'flow_live',
            `flow ${id} is live (version ${entry.publishedVersion}); unpublish it before deleting it`,
          );
        }
        if (entry && entry.calledBy.length > 0) {
          return sendError(
            reply,
            409,
            'flow_in_use',
            `flow ${id} is called as a subflow by ${entry.calledBy.join(', ')}; remove those calls first`,
            { calledBy: entry.calledBy },
          );
        }
        await deleteFlowFiles(dir, id);
        await ctx.flows.remove(id);
        req.log.info({ flow: id, by: ctx.admin.user }, `flow ${id} deleted (its versions stay in the store)`);
        return { deleted: true };
      });
    },
  );
}
