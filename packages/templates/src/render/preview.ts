/** renderPreview: the message as a person sees it, values filled (the studio's WhatsApp-style preview, dry-run output). */
import type { ParameterValue, TemplateFile } from '../types';

export type PreviewHeader =
  | { type: 'text'; text: string }
  | { type: 'media'; mediaType: 'image' | 'video' | 'document'; link: string }
  | { type: 'location'; latitude?: number; longitude?: number; name?: string; address?: string };

export interface PreviewButton {
  type: 'quick_reply' | 'url' | 'phone_number' | 'copy_code' | 'flow' | 'otp';
  text: string;
  /** URL buttons: the URL with the suffix filled. */
  url?: string;
  phone?: string;
}

export interface RenderedPreview {
  header?: PreviewHeader;
  body: string;
  footer?: string;
  buttons: PreviewButton[];
}

export function renderPreview(t: TemplateFile, language: string, values: Record<string, unknown>): RenderedPreview {
  void t; void language; void values;
  throw new Error('renderPreview: not implemented yet');
}

/** Every parameter's example: what the studio's preview shows before a flow maps values. */
export function exampleValues(t: TemplateFile): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const [name, spec] of Object.entries(t.parameters ?? {})) values[name] = spec.example;
  return values;
}
