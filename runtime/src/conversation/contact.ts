/** The contact as the channel reported it. */
export interface ContactInfo {
  id: string;
  name?: string;
  phone?: string;
}

/** What the runtime remembers of a contact between messages. */
export interface ContactState {
  /** Unix ms of the last inbound message: decides the 24-hour window. */
  lastInboundAt?: number;
  name?: string;
  phone?: string;
  /** Routing key of the number/page the contact last wrote to: replies are sent from it. */
  via?: string;
}
