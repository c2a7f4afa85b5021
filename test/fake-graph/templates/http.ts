/** The shapes the template endpoints answer with and receive (shared by routes.ts and uploads.ts). */
import type { IncomingHttpHeaders } from 'node:http';

export interface TemplateAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface TemplateRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The body bytes (null when over the size limit). */
  raw: Buffer | null;
}
