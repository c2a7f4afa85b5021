/**
 * Talking to Meta for the templates commands: the runtime's own Graph client (one implementation
 * of paging, errors and uploads), and the header media examples Meta wants uploaded at submission.
 */
import type { TemplateFile } from '@parley/templates';
import { createTemplateApi, GraphApiError, type TemplateApi } from '@parley/runtime/templates/graph-api';
import { CliError } from '../errors';
import type { RemoteTarget } from './workspace';

export type Remote = Extract<RemoteTarget, { ok: true }>;

export function templateApi(remote: Remote): TemplateApi {
  return createTemplateApi({
    baseUrl: remote.baseUrl,
    version: remote.version,
    accessToken: remote.accessToken,
    timeoutMs: remote.timeoutMs,
  });
}

/** A Graph failure in one sentence (Meta's message and codes; never the token), for per-template lines. */
export function describeGraphError(error: unknown): string {
  // GraphApiError's message already names the call, the HTTP status, Meta's codes and its message (token scrubbed).
  if (error instanceof GraphApiError) return `${error.message}${error.fbtraceId ? ` [fbtrace_id ${error.fbtraceId}]` : ''}`;
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

/** Listing is the first call of every remote command: when it fails, nothing else can be right. */
export async function listOrFail(command: string, api: TemplateApi, remote: Remote): ReturnType<TemplateApi['list']> {
  try {
    return await api.list(remote.wabaId);
  } catch (error) {
    throw new CliError(
      `parley templates ${command}: cannot list the templates of WhatsApp Business Account ${remote.wabaId}: ${describeGraphError(error)}`,
    );
  }
}

const MEDIA_FORMATS = new Set(['image', 'video', 'document']);
const MAX_MEDIA_BYTES = 16 * 1024 * 1024;

/** The media header parameters of one language whose example must be uploaded. */
export function mediaHeaderParameter(template: TemplateFile, language: string): string | undefined {
  const header = template.languages[language]?.header;
  return header && MEDIA_FORMATS.has(header.format) && 'parameter' in header ? header.parameter : undefined;
}

/**
 * Uploads each media example once per run (Meta's resumable upload → a header handle). The
 * example is the parameter's URL: downloaded here, then uploaded to the app.
 */
export class MediaUploader {
  private readonly handles = new Map<string, Promise<string>>();

  constructor(
    private readonly api: TemplateApi,
    private readonly appId: string,
  ) {}

  async handlesFor(template: TemplateFile, language: string): Promise<Record<string, string>> {
    const parameter = mediaHeaderParameter(template, language);
    if (!parameter) return {};
    const example = template.parameters?.[parameter]?.example;
    if (typeof example !== 'string') throw new Error(`parameter "${parameter}" has no URL example to upload`);
    let handle = this.handles.get(example);
    if (!handle) {
      handle = this.upload(example);
      this.handles.set(example, handle);
    }
    return { [parameter]: await handle };
  }

  private async upload(url: string): Promise<string> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new Error(`cannot download the header example ${url}: ${describeGraphError(error)}`);
    }
    if (!response.ok) throw new Error(`cannot download the header example ${url}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength === 0) throw new Error(`the header example ${url} is empty`);
    if (bytes.byteLength > MAX_MEDIA_BYTES) throw new Error(`the header example ${url} is over ${MAX_MEDIA_BYTES / 1024 / 1024} MB`);
    const mimeType = (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim();
    const fileName = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'example');
    return this.api.uploadMedia(this.appId, bytes, mimeType, fileName);
  }
}
