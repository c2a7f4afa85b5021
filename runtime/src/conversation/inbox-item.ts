import type { CampaignVariant, TemplateMessage } from '@parley/contract';
import type { EngineEvent, Flow, InboundMessage } from '@parley/flow';
import type { ContactInfo } from './contact';
import type { Lane } from './outbound';

/** One unit of work in a conversation's inbox. Processed strictly in order by one worker. */
export type InboxItem =
  /** `via`: the routing key it arrived on (phone number id / page id / IG account id): replies leave from it. */
  | {
      kind: 'message';
      id: string;
      receivedAt: number;
      sentAt?: number;
      via?: string;
      contact: ContactInfo;
      message: InboundMessage;
      replyTo?: string;
    }
  | { kind: 'timer'; timerId: string; sprint: number; receivedAt: number }
  /** `callbackData`: the biz_opaque_callback_data Meta echoes — the sender puts the outbound item's key there. */
  | { kind: 'status'; messageId: string; status: string; errorCodes?: number[]; callbackData?: string; receivedAt: number }
  | { kind: 'event'; name: string; params: Record<string, unknown>; contact: ContactInfo; receivedAt: number; flowId?: string; lane?: Lane }
  /**
   * A campaign's message to one contact (campaigns/fanout.ts): start the variant's flow (`flowId`) or send its
   * template. `vars`: what the flow and the template values can read (`contact`, `campaign`).
   */
  | {
      kind: 'campaign';
      campaign: string;
      variant: string;
      flowId?: string;
      template?: NonNullable<CampaignVariant['template']>;
      contact: ContactInfo & { language?: string };
      vars: Record<string, unknown>;
      receivedAt: number;
    }
  /** Meta's marketing preference (WhatsApp `user_preferences`): the person stopped or resumed marketing in WhatsApp. `at`: Meta's time. */
  | {
      kind: 'preference';
      id: string;
      value: 'stop' | 'resume';
      detail?: string;
      contact: ContactInfo;
      via?: string;
      at: number;
      receivedAt: number;
    }
  /** Results of I/O the worker performed for the engine (http, llm) and simulator controls. */
  | { kind: 'engine'; event: EngineEvent; receivedAt: number }
  | { kind: 'control'; action: 'restart' | 'fire-wait-timer'; flowId?: string; draft?: Flow; receivedAt: number }
  /** The agent desk: an agent's reply (`id` makes its send idempotent) and an agent taking the conversation over. */
  | { kind: 'control'; action: 'agent-message'; id: string; text: string; template?: TemplateMessage; agent?: string; receivedAt: number }
  | { kind: 'control'; action: 'takeover'; queue?: string; reason?: string; agent?: string; receivedAt: number };
