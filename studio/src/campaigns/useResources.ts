/**
 * What the campaign form chooses from: the flows (published ones can be started), the templates
 * (approved languages can be sent) and the saved segments (with their counts). Each loads on its
 * own, so a route that fails leaves the others usable and says which one is missing.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FlowSummary, SegmentListResponse, TemplateSummary } from '@parley/contract/api';
import { ApiError, type ApiClient } from '../api/client';
import type { CampaignsApi } from '../api/campaigns';
import { templatesApi } from '../api/templates';

export type SegmentRow = SegmentListResponse['segments'][number];

export interface Resources {
  flows: FlowSummary[] | null;
  templates: TemplateSummary[] | null;
  segments: SegmentRow[] | null;
  errors: string[];
  reload: () => void;
}

const problem = (what: string, e: unknown) => `Could not load the ${what}: ${e instanceof ApiError ? e.message : String(e)}`;

export function useResources(api: ApiClient, campaigns: CampaignsApi): Resources {
  const [flows, setFlows] = useState<FlowSummary[] | null>(null);
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [segments, setSegments] = useState<SegmentRow[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    const settle = <T>(what: string, load: Promise<T>, keep: (value: T) => void) =>
      load.then(
        (value) => {
          if (!live) return;
          keep(value);
          setErrors(({ [what]: _, ...rest }) => rest);
        },
        (e: unknown) => live && setErrors((all) => ({ ...all, [what]: problem(what, e) })),
      );
    void settle('flows', api.listFlows(), setFlows);
    void settle('templates', templatesApi(api).list(), (r) => setTemplates(r.templates));
    void settle('segments', campaigns.segments(), (r) => setSegments(r.segments));
    return () => {
      live = false;
    };
  }, [api, campaigns, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { flows, templates, segments, errors: Object.values(errors), reload };
}
