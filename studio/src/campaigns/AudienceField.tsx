/**
 * The audience: a saved segment, with its live count from POST /api/segments/preview — how many
 * contacts match now and how many of them can receive marketing (a current opt-in). The audience
 * is frozen at launch; until then the numbers move with the contacts.
 */
import { useEffect, useState } from 'react';
import type { SegmentPreviewResponse } from '@parley/contract/api';
import { ApiError } from '../api/client';
import type { CampaignsApi } from '../api/campaigns';
import type { DraftProblem } from './draft';
import { count, percent } from './format';
import { FormField } from './FormField';
import type { SegmentRow } from './useResources';

interface Props {
  campaigns: CampaignsApi;
  segments: SegmentRow[] | null;
  value: string;
  onChange: (segment: string) => void;
  problems: DraftProblem[];
}

type Preview =
  { state: 'idle' } | { state: 'loading' } | { state: 'done'; result: SegmentPreviewResponse } | { state: 'error'; message: string };

export function AudienceField({ campaigns, segments, value, onChange, problems }: Props) {
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const segment = segments?.find((s) => s.id === value);

  useEffect(() => {
    if (!segment) return setPreview({ state: 'idle' });
    let live = true;
    setPreview({ state: 'loading' });
    campaigns.previewAudience(segment.filter).then(
      (result) => live && setPreview({ state: 'done', result }),
      (e: unknown) => live && setPreview({ state: 'error', message: e instanceof ApiError ? e.message : 'The count is not available.' }),
    );
    return () => {
      live = false;
    };
  }, [campaigns, segment]);

  return (
    <FormField
      label="Segment"
      problems={problems}
      help={segments?.length === 0 ? 'No saved segments yet: build one on the Contacts page.' : 'The audience is frozen when you launch.'}
    >
      {(control) => (
        <>
          <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">{segments === null ? 'Loading segments…' : 'Choose a segment'}</option>
            {value && !segment && segments !== null && <option value={value}>{value} (not found)</option>}
            {(segments ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.count !== undefined ? ` (${count(s.count)})` : ''}
              </option>
            ))}
          </select>
          <p className="cmp-audience" role="status" aria-live="polite">
            <AudienceText preview={preview} />
          </p>
        </>
      )}
    </FormField>
  );
}

function AudienceText({ preview }: { preview: Preview }) {
  if (preview.state === 'idle') return null;
  if (preview.state === 'loading') return <>Counting…</>;
  if (preview.state === 'error') return <span className="cmp-warn">{preview.message}</span>;
  const { count: matched, consented } = preview.result;
  return (
    <>
      <strong>{count(matched)}</strong> contacts match; <strong data-consented={consented}>{count(consented)}</strong> can receive marketing
      ({percent(consented, matched)} opted in).
      {matched > consented && <span className="help"> The others are skipped and counted as suppressed.</span>}
    </>
  );
}
