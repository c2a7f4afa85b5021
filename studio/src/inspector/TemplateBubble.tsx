/** A rendered template drawn like WhatsApp shows it: header, body, footer and its buttons. */
import { ExternalLink, FileText, Image, MapPin, Phone, Reply, Video } from 'lucide-react';
import type { RenderedPreview } from '@parley/templates';

function HeaderView({ header }: { header: NonNullable<RenderedPreview['header']> }) {
  if (header.type === 'text') return <p className="tpl-header">{header.text}</p>;
  if (header.type === 'location')
    return (
      <p className="tpl-media">
        <MapPin size={14} aria-hidden="true" /> Location
      </p>
    );
  const Icon = header.mediaType === 'image' ? Image : header.mediaType === 'video' ? Video : FileText;
  return (
    <p className="tpl-media" title={header.link}>
      <Icon size={14} aria-hidden="true" /> <span className="tpl-media-kind">{header.mediaType}:</span>{' '}
      <span className="tpl-link">{header.link}</span>
    </p>
  );
}

const BUTTON_ICONS: Record<string, typeof Reply> = { quick_reply: Reply, url: ExternalLink, phone_number: Phone };

export function TemplateBubble({ preview, label }: { preview: RenderedPreview; label: string }) {
  return (
    <div className="tpl-bubble" role="figure" aria-label={label}>
      {preview.header && <HeaderView header={preview.header} />}
      <p className="tpl-body">{preview.body}</p>
      {preview.footer && <p className="tpl-footer">{preview.footer}</p>}
      {preview.buttons.length > 0 && (
        <ul className="tpl-buttons">
          {preview.buttons.map((b, i) => {
            const Icon = BUTTON_ICONS[b.type] ?? Reply;
            return (
              <li key={i}>
                <Icon size={12} aria-hidden="true" /> {b.text}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
