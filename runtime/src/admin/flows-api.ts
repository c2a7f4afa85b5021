/** Flows read/save (optimistic concurrency), publish, versions, rollback and transcript tests. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Flow } from '@parley/flow';
import {
  AddTestBody,
  AddTestResult,
  CreateFlowBody,
  CreateFlowResult,
  ErrorEnvelope,
  FlowDraft,
  FlowIdParams,
  FlowList,
  FlowVersionParams,
  RollbackBody,
  SaveConflict,
  SaveFlowBody,
  SaveFlowResult,
  TestsDocument,
  VersionList,
  VersionRecord,
  VersionResult,
} from '@parley/contract/api';
import type { RuntimeContext } from '../platform/context';
import { flowIdProblem, parseVersion } from '../flows/ids';
import { isUnpublishMarker } from '../flows/registry';
import { pathParam, sendError } from './errors';
import { layoutOf, storedLayout } from './layout';
import { schemaErrorAs } from './schema-errors';
import { appendTest, readDraft, readDraftFiles, readTests, sameLogic, writeDraft } from './flow-files';
import { flowLifecycleApi, serialPerFlow } from './flow-lifecycle-api';

const tags = ['flows'];

export async function flowsApi(scope: FastifyInstance, ctx: RuntimeContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const dir = ctx.flows.dir;

  // Before the body's schema: a bad id is refused as a bad id, whatever the body.
  app.addHook('preValidation', async (req, reply) => {
    const id = pathParam(req.params, 'id');
    const problem = id === undefined ? null : flowIdProblem(id);
    if (problem) return sendError(reply, 400, 'bad_flow_id', problem);
  });

  // What is live is read from the store for every flow (a publish in another process counts).
  app.get(
    '/api/flows',
    { schema: { tags, summary: 'Every flow: draft revision, live version, issues', response: { 200: FlowList } } },
    async () => {
      await ctx.flows.refreshLive();
      return ctx.flows.list();
    },
  );

  app.get(
    '/api/flows/:id',
    {
      schema: {
        tags,
        summary: 'The draft files and their concurrency token',
        params: FlowIdParams,
        response: { 200: FlowDraft, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const draft = await readDraft(dir, req.params.id);
      if (!draft) return sendError(reply, 404, 'not_found', `flow ${req.params.id} does not exist`);
      return draft;
    },
  );

  // Saves of one flow run one at a time in this process, so check-then-write cannot interleave.
  const serial = serialPerFlow();
  // The hold goes on disk BEFORE the file changes, so no watcher publishes the draft.
  const asDraft = (id: string) => ({ beforeFlowWrite: () => ctx.flows.holdDraft(id) });

  // Save: writes the draft files only. Not a version, not live (see docs/admin-api.md).
  app.put(
    '/api/flows/:id',
    {
      schema: {
        tags,
        summary: 'Save the draft (not a version, not live); refused with 409 when someone saved since baseRevision',
        params: FlowIdParams,
        body: SaveFlowBody,
        response: { 200: SaveFlowResult, 400: ErrorEnvelope, 404: ErrorEnvelope, 409: SaveConflict },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const body = req.body;
      if (body.flow.id !== id) return sendError(reply, 400, 'id_mismatch', `flow.id is "${String(body.flow.id)}" but the URL says "${id}"`);
      const incoming = body.flow;
      const layout = body.layout ? layoutOf(body.layout, id) : null;
      return serial(id, async () => {
        const current = await readDraftFiles(dir, id);
        if (!current) return sendError(reply, 404, 'not_found', `flow ${id} does not exist; create it with POST /api/flows`);
        if (current.revision !== body.baseRevision) {
          return sendError(
            reply,
            409,
            'conflict',
            `flow ${id} was changed by someone else since you opened it (now ${current.revision}, yours is based on ${String(body.baseRevision)})`,
            {
              current: { flow: current.flow, layout: current.layout, revision: current.revision },
            },
          );
        }
        // The flow file changes (and its revision is bumped) only when the logic changed.
        const flow = sameLogic(current.flow, incoming) ? null : { ...incoming, revision: current.flowRevision + 1 };
        await writeDraft(dir, id, flow, layout, { order: incoming, ...asDraft(id) });
        const { issues } = await ctx.flows.reloadFile(id);
        const saved = await readDraftFiles(dir, id);
        return { revision: saved?.revision ?? current.revision, issues };
      });
    },
  );

  app.post(
    '/api/flows',
    {
      schema: {
        tags,
        summary: 'Create a flow (a draft)',
        body: CreateFlowBody,
        response: { 201: CreateFlowResult, 400: ErrorEnvelope, 409: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const id = body.flow.id;
      const problem = flowIdProblem(id, 'flow.id');
      if (problem) return sendError(reply, 400, 'bad_flow_id', problem);
      const flow = { ...body.flow, revision: typeof body.flow.revision === 'number' ? body.flow.revision : 1 };
      const layout = body.layout ? layoutOf(body.layout, id) : { flowId: id, positions: {} };
      return serial(id, async () => {
        if (await readDraft(dir, id)) return sendError(reply, 409, 'flow_exists', `flow ${id} already exists`);
        await writeDraft(dir, id, flow, layout, asDraft(id));
        const { issues } = await ctx.flows.reloadFile(id);
        const created = await readDraft(dir, id);
        return reply.code(201).send({ id, revision: created?.revision, issues });
      });
    },
  );

  // Publish lives with the other lifecycle actions (flow-lifecycle-api.ts): it checks the templates the flow sends.

  // The history: published versions and unpublish markers, newest first; `live` marks the one new conversations start on.
  app.get(
    '/api/flows/:id/versions',
    {
      schema: {
        tags,
        summary: 'Published versions and unpublish markers, newest first',
        params: FlowIdParams,
        response: { 200: VersionList, 400: ErrorEnvelope },
      },
    },
    async (req) => {
      const versions = await ctx.stores.flowVersions.list(req.params.id);
      const live = versions[0] && !isUnpublishMarker(versions[0]) ? versions[0].version : null;
      return versions.map((v) => ({ ...v, unpublished: isUnpublishMarker(v), live: v.version === live }));
    },
  );

  app.get(
    '/api/flows/:id/versions/:v',
    {
      schema: {
        tags,
        summary: 'One published version',
        params: FlowVersionParams,
        response: { 200: VersionRecord, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const v = parseVersion(req.params.v);
      if (v === null)
        return sendError(reply, 400, 'bad_version', `version "${req.params.v.slice(0, 20)}" is not a version number (a positive integer)`);
      const record = await ctx.stores.flowVersions.get(req.params.id, v);
      if (!record) return sendError(reply, 404, 'not_found', `flow ${req.params.id} has no version ${v}`);
      return { ...record, layout: record.layout ?? null };
    },
  );

  app.post(
    '/api/flows/:id/rollback',
    {
      schema: {
        tags,
        summary: 'Publish an earlier version again (written back to the draft files)',
        params: FlowIdParams,
        body: RollbackBody,
        response: { 200: VersionResult, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const v = parseVersion(req.body?.version);
      if (v === null)
        return sendError(reply, 400, 'bad_version', 'body must be { version: a positive integer from GET /api/flows/:id/versions }');
      const record = await ctx.stores.flowVersions.get(id, v);
      if (!record) return sendError(reply, 404, 'not_found', `flow ${id} has no version ${v}`);
      if (isUnpublishMarker(record))
        return sendError(
          reply,
          400,
          'bad_version',
          `version ${v} of flow ${id} records an unpublish, not a flow; roll back to a published version`,
        );
      return serial(id, async () => {
        const current = await readDraftFiles(dir, id);
        const revision = (current?.flowRevision ?? 0) + 1;
        const flow = { ...(record.flow as Flow), revision };
        const layout = storedLayout(record.layout, id);
        // Files are the source of truth: the rollback is written back (held while it is written,
        // published just below) so a restart keeps it.
        await writeDraft(dir, id, flow, layout, asDraft(id));
        // The rolled-back version sends the template versions it was published with (they were kept).
        const version = await ctx.flows.publish(id, {
          flow,
          layout,
          by: ctx.admin.user,
          summary: `rollback to version ${record.version}`,
          ...(record.templatePins ? { templatePins: record.templatePins } : {}),
        });
        return { version };
      });
    },
  );

  app.get(
    '/api/flows/:id/tests',
    {
      schema: {
        tags,
        summary: "The flow's transcript tests (<id>.test.json)",
        params: FlowIdParams,
        response: { 200: TestsDocument, 400: ErrorEnvelope },
      },
    },
    async (req) => readTests(dir, req.params.id),
  );

  app.post(
    '/api/flows/:id/tests',
    {
      schema: {
        tags,
        summary: 'Append a transcript test',
        params: FlowIdParams,
        body: AddTestBody,
        response: { 201: AddTestResult, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
      schemaErrorFormatter: schemaErrorAs('bad_test'),
    },
    async (req, reply) => {
      const { test } = req.body;
      if (!(await readDraft(dir, req.params.id))) return sendError(reply, 404, 'not_found', `flow ${req.params.id} does not exist`);
      const count = await appendTest(dir, req.params.id, test);
      return reply.code(201).send({ count });
    },
  );

  await flowLifecycleApi(scope, ctx, serial);
}
