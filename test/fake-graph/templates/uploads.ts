/**
 * Meta's Resumable Upload API, as template media headers need it: `POST /{APP-ID}/uploads?
 * file_name&file_length&file_type` opens a session (`{ id: "upload:…" }`), `POST /upload:…` with
 * `Authorization: OAuth <token>` and `file_offset` sends the bytes and answers the file handle
 * (`{ h }`) once all `file_length` bytes arrived; `GET /upload:…` tells where to resume.
 */
import { randomBytes } from 'node:crypto';
import { graphError, type GraphErrorResponse } from '../errors';
import type { TemplateAnswer } from './http';

const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'];

interface Session {
  appId: string;
  fileName: string;
  fileType: string;
  length: number;
  chunks: Buffer[];
  received: number;
}

export class UploadSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly handles: Set<string>) {}

  open(appId: string, query: URLSearchParams): TemplateAnswer | GraphErrorResponse {
    const length = Number(query.get('file_length'));
    const fileType = query.get('file_type') ?? '';
    if (!Number.isSafeInteger(length) || length <= 0) return invalid('file_length: expected the file size in bytes');
    if (!FILE_TYPES.includes(fileType)) return invalid(`file_type: expected one of ${FILE_TYPES.join(', ')}`);
    const id = `upload:${randomBytes(18).toString('base64url')}`;
    this.sessions.set(id, { appId, fileName: query.get('file_name') ?? 'file', fileType, length, chunks: [], received: 0 });
    return ok({ id });
  }

  status(id: string): TemplateAnswer | GraphErrorResponse {
    const session = this.sessions.get(id);
    if (!session) return invalid(`unknown upload session ${id}`);
    return ok({ id, file_offset: session.received });
  }

  append(id: string, offsetHeader: string | undefined, bytes: Buffer): TemplateAnswer | GraphErrorResponse {
    const session = this.sessions.get(id);
    if (!session) return invalid(`unknown upload session ${id}`);
    const offset = Number(offsetHeader);
    if (offsetHeader === undefined || !Number.isSafeInteger(offset) || offset !== session.received)
      return invalid(`file_offset: expected ${session.received}, got ${offsetHeader ?? 'nothing'}`);
    if (session.received + bytes.length > session.length)
      return invalid(`the upload is longer than the declared file_length ${session.length}`);
    session.chunks.push(bytes);
    session.received += bytes.length;
    if (session.received < session.length) return ok({ id, file_offset: session.received });
    const handle = `4::${Buffer.from(session.fileType).toString('base64')}:${randomBytes(24).toString('base64url')}`;
    this.handles.add(handle);
    this.sessions.delete(id);
    return ok({ h: handle });
  }

  clear(): void {
    this.sessions.clear();
  }
}

const ok = (body: unknown): TemplateAnswer => ({ status: 200, headers: {}, body });
const invalid = (details: string): GraphErrorResponse => graphError(100, 400, details, { error_user_msg: details });
