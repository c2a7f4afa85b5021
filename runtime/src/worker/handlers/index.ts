/** The dispatch table: one handler per inbox item kind. */
import { handlePreference } from '../../consent/worker-hook';
import type { InboxItem } from '../../conversation';
import type { ProcessOutcome } from '../outcome';
import type { HandlerTable, InboxItemKind, ItemContext, ItemHandler } from './context';
import { handleCampaign } from './campaign';
import { handleControl } from './control';
import { handleEngineResult } from './engine';
import { handleEvent } from './event';
import { handleMessage } from './message';
import { handleStatus } from './status';
import { handleTimer } from './timer';

export const itemHandlers: HandlerTable = {
  message: handleMessage,
  timer: handleTimer,
  engine: handleEngineResult,
  event: handleEvent,
  status: handleStatus,
  control: handleControl,
  preference: handlePreference,
  campaign: handleCampaign,
};

function handlerFor<K extends InboxItemKind>(kind: K): ItemHandler<K> {
  return itemHandlers[kind];
}

export async function handleItem(item: InboxItem, cx: ItemContext): Promise<ProcessOutcome> {
  return handlerFor(item.kind)(item, cx);
}

export type { HandlerEnv, ItemContext } from './context';
