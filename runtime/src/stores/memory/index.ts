import type { Stores } from '../interfaces';
import { MemoryConversationStore } from './conversations';
import { MemoryCounterStore } from './counters';
import { MemoryDeadLetterStore } from './dead-letters';
import { MemoryFlowVersionStore } from './flow-versions';
import { MemoryMessageStateStore } from './message-states';
import { MemoryModelStore } from './models';
import { MemoryRateLimiter } from './rate-limiter';
import { MemoryTenantStateStore } from './tenants';
import { MemoryDeskStore } from './desk';
import { MemoryInboxStore } from './inbox';
import { MemoryOutboxStore } from './outbox';
import { MemoryPrivacyStore } from './privacy';
import { MemoryState } from './state';
import { MemoryTemplateContentStore, MemoryTemplateStateStore } from './templates';
import { MemoryTimerStore } from './timers';

export function createMemoryStores(): Stores {
  const s = new MemoryState();
  return {
    kind: 'memory',
    models: new MemoryModelStore(),
    inbox: new MemoryInboxStore(s),
    conversations: new MemoryConversationStore(s),
    outbox: new MemoryOutboxStore(s),
    timers: new MemoryTimerStore(s),
    flowVersions: new MemoryFlowVersionStore(s),
    counters: new MemoryCounterStore(s),
    deadLetters: new MemoryDeadLetterStore(s),
    tenants: new MemoryTenantStateStore(s),
    messages: new MemoryMessageStateStore(s),
    rateLimiter: new MemoryRateLimiter(s),
    desk: new MemoryDeskStore(s),
    templateStates: new MemoryTemplateStateStore(),
    templateContents: new MemoryTemplateContentStore(),
    privacy: new MemoryPrivacyStore(s),
    ping: async () => true,
    close: async () => {},
  };
}
