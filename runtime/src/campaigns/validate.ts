/**
 * What a campaign draft must satisfy before it is saved: variants (unique ids, one flow or one
 * template each, weights summing above 0), flows that exist and are published, templates that
 * exist, a schedule that parses, an audience and a goal that can be measured. Each problem names
 * the field (`variants[1].flow`) and says what was expected.
 */
import type { CampaignVariant } from '@parley/contract';
import type { CampaignBody } from '@parley/contract/api';
import type { Flow } from '@parley/flow';
import type { RuntimeContext } from '../platform/context';
import { scheduleProblems, type ScheduleProblem } from './schedule';

export type DraftProblem = ScheduleProblem;

type DraftContext = Pick<RuntimeContext, 'flows' | 'templates'>;

export async function draftProblems(ctx: DraftContext, body: Omit<CampaignBody, 'id'>): Promise<DraftProblem[]> {
  const problems: DraftProblem[] = [];
  const seen = new Set<string>();
  let totalWeight = 0;
  for (const [i, variant] of body.variants.entries()) {
    const at = `variants[${i}]`;
    if (seen.has(variant.id)) problems.push({ path: `${at}.id`, message: `variant id "${variant.id}" is used twice` });
    seen.add(variant.id);
    totalWeight += variant.weight;
    problems.push(...(await variantProblems(ctx, variant, at)));
  }
  if (totalWeight <= 0) problems.push({ path: 'variants', message: 'the weights must add up to more than 0' });
  problems.push(...scheduleProblems(body.schedule));
  if (body.segment === undefined && body.filter === undefined)
    problems.push({ path: 'segment', message: 'the audience is missing: give a segment id or a filter' });
  if (body.segment !== undefined && body.filter !== undefined)
    problems.push({ path: 'filter', message: 'give a segment or a filter, not both' });
  if (body.goal) {
    const { event, flow, node } = body.goal;
    if (event === undefined && (flow === undefined || node === undefined))
      problems.push({ path: 'goal', message: 'a goal is an event name, or a flow and one of its nodes' });
    if (flow !== undefined && node !== undefined) {
      const live = await ctx.flows.live(flow);
      if (!live) problems.push({ path: 'goal.flow', message: `flow "${flow}" is not published` });
      else if (!live.flow.nodes.some((n) => n.id === node))
        problems.push({ path: 'goal.node', message: `flow "${flow}" has no node "${node}"` });
    }
  }
  return problems;
}

async function variantProblems(ctx: DraftContext, variant: CampaignVariant, at: string): Promise<DraftProblem[]> {
  if ((variant.flow === undefined) === (variant.template === undefined))
    return [{ path: at, message: 'a variant starts a flow or sends a template: give exactly one of flow and template' }];
  if (variant.flow !== undefined) {
    if (!ctx.flows.entry(variant.flow) && !(await ctx.flows.live(variant.flow)))
      return [{ path: `${at}.flow`, message: `there is no flow "${variant.flow}"` }];
    if (!(await ctx.flows.live(variant.flow)))
      return [{ path: `${at}.flow`, message: `flow "${variant.flow}" is not published: publish it before it can be a campaign's variant` }];
    return [];
  }
  const name = variant.template!.name;
  const service = ctx.templates;
  if (!service?.enabled()) return [{ path: `${at}.template.name`, message: 'templates are not configured (templatesDir is empty)' }];
  const file = service.get(name);
  if (!file) return [{ path: `${at}.template.name`, message: `there is no template "${name}"` }];
  const language = variant.template!.language;
  if (language !== undefined && !Object.hasOwn(file.languages, language))
    return [{ path: `${at}.template.language`, message: `template "${name}" has no language "${language}"` }];
  return [];
}

/** The templates a flow can send (its template nodes), for the launch checklist. */
export function templatesOfFlow(flow: Flow): Array<{ name: string; language: string }> {
  const out: Array<{ name: string; language: string }> = [];
  for (const node of flow.nodes) if (node.type === 'template') out.push({ name: node.name, language: node.language });
  return out;
}
