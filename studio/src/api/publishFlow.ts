/**
 * Publishing a flow, with the emergency override the runtime offers when a template the flow can
 * send is not approved (t11): the first try answers 409 `templates_not_approved` listing them; the
 * marketer may publish anyway with `force` and a reason, which the version history records.
 */
import type { VersionResult } from '@parley/contract/api';
import { ApiError, type ApiClient } from './client';

/** One (template, language) the flow can send that Meta has not approved. */
export interface UnapprovedTemplate {
  name: string;
  language: string;
  status: string;
}

export function publishFlow(api: ApiClient, flowId: string, summary: string, force?: { reason: string }): Promise<VersionResult> {
  const body = force ? { summary, force: true, reason: force.reason } : { summary };
  return api.request<VersionResult>('POST', `/flows/${encodeURIComponent(flowId)}/publish`, body);
}

/** The templates a refused publish lists, or null when the error is not that refusal. */
export function unapprovedTemplates(e: unknown): UnapprovedTemplate[] | null {
  if (!(e instanceof ApiError) || e.code !== 'templates_not_approved') return null;
  const details = (e.body as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { name, language, status } = d as Record<string, unknown>;
    if (typeof name !== 'string' || typeof language !== 'string') return [];
    return [{ name, language, status: typeof status === 'string' ? status : 'unknown' }];
  });
}
