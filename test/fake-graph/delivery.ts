/** A webhook the fake posted, with the receiver's answer (a leaf module: templates/ and types.ts both use it). */
export interface WebhookDelivery {
  kind: 'inbound' | 'status' | 'template' | 'raw';
  status: number;
  responseBody: string;
}
