/** A campaign's status as a badge: the text says it, the colour (the templates' badge tones) repeats it. */
import type { CampaignStatus } from '@parley/contract';
import { statusLabel } from './format';

const TONE: Record<CampaignStatus, string> = {
  draft: 'neutral',
  scheduled: 'pending',
  running: 'ok',
  paused: 'warn',
  completed: 'ok',
  cancelled: 'bad',
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return (
    <span className={`tpl-badge cmp-status tone-${TONE[status] ?? 'neutral'}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
