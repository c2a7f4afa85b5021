import { describe, expect, it } from 'vitest';
import type { Campaign } from '@parley/contract';
import { bodyFromDraft, draftFromCampaign, idFromName, newDraft, validateDraft, variantShares, type CampaignDraft } from './draft';

const ctx = { flows: null, templates: null, now: Date.UTC(2026, 0, 1) };

function valid(): CampaignDraft {
  const d = newDraft('UTC');
  return { ...d, id: 'winter', name: 'Winter', segment: 'vips', variants: [{ ...d.variants[0]!, template: 'spring_sale' }] };
}

describe('campaign draft', () => {
  it('round-trips a recurring weekly campaign in a fixed zone through the API shape', () => {
    const c: Campaign = {
      id: 'weekly',
      tenant: 't',
      name: 'Weekly digest',
      status: 'draft',
      segment: 'all',
      schedule: { type: 'recurring', every: 'week', weekday: 5, time: '09:30', timezone: 'America/Sao_Paulo', until: '2026-12-31' },
      rateShare: 0.3,
      variants: [
        { id: 'a', weight: 2, flow: 'digest' },
        { id: 'b', weight: 1, template: { name: 'digest', language: 'pt_BR', values: { name: '{{contact.name}}' } } },
      ],
      goal: { flow: 'digest', node: 'bought', windowDays: 3 },
      createdBy: 'x',
      createdAt: 1,
      updatedAt: 1,
    };
    const draft = draftFromCampaign(c);
    expect(validateDraft(draft, ctx)).toEqual([]);
    const { id, name, segment, schedule, rateShare, variants, goal } = c;
    expect(bodyFromDraft(draft)).toEqual({ id, name, segment, schedule, rateShare, variants, goal });
  });

  it('names each problem with its field', () => {
    const d = valid();
    expect(validateDraft(d, ctx)).toEqual([]);
    const bad: CampaignDraft = {
      ...d,
      id: 'Winter Sale',
      variants: [
        { ...d.variants[0]!, weight: '0' },
        { ...d.variants[0]!, weight: 'x' },
      ],
      schedule: { ...d.schedule, type: 'recurring', time: '25:00' },
      goal: { ...d.goal, kind: 'node', windowDays: '120' },
      ratePercent: 0,
    };
    expect(validateDraft(bad, ctx).map((p) => p.field)).toEqual([
      'id',
      'variants.1.id',
      'variants.1.weight',
      'schedule.time',
      'ratePercent',
      'goal.flow',
      'goal.node',
      'goal.windowDays',
    ]);
    const zero = { ...d, variants: [{ ...d.variants[0]!, weight: '0' }] };
    expect(validateDraft(zero, ctx)).toEqual([{ field: 'variants', message: 'At least one variant needs a weight above 0.' }]);
  });

  it('gives each weight its share and suggests an id from the name', () => {
    const v = newDraft('UTC').variants[0]!;
    expect(
      variantShares([
        { ...v, weight: '1' },
        { ...v, weight: '2' },
      ]),
    ).toEqual([33.3, 66.7]);
    expect(variantShares([{ ...v, weight: '0' }])).toEqual([0]);
    expect(idFromName('  Promoção de Verão 2026! ')).toBe('promocao-de-verao-2026');
  });
});
