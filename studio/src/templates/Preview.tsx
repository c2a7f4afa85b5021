/**
 * A WhatsApp-style preview of one language with every parameter's example filled in
 * (@parley/templates renderPreview): the header (text, or a media/location placeholder — the
 * studio's CSP loads no outside images), the body with WhatsApp formatting, the footer, and the
 * buttons under the bubble. A template the renderer cannot fill yet shows why instead.
 */
import { Copy, ExternalLink, FileText, Image, List, MapPin, Phone, Reply, Video } from 'lucide-react';
import {
  exampleValues,
  renderPreview,
  type PreviewButton,
  type PreviewHeader,
  type RenderedPreview,
  type TemplateFile,
} from '@parley/templates';
import { whatsappSpans } from './whatsappText';

interface Props {
  template: TemplateFile;
  language: string;
}

function preview(template: TemplateFile, language: string): { ok: true; message: RenderedPreview } | { ok: false; reason: string } {
  try {
    return { ok: true, message: renderPreview(template, language, exampleValues(template)) };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

export function Preview({ template, language }: Props) {
  const result = preview(template, language);
  return (
    <figure className="wa-preview" aria-label={`Preview in ${language}, with the examples`}>
      <figcaption className="sr-only">
        How the message looks on WhatsApp in {language}, filled with the parameters&apos; examples.
      </figcaption>
      <div className="wa-chat">
        {result.ok ? (
          <Message message={result.message} />
        ) : (
          <p className="wa-cannot" role="status">
            No preview yet: {result.reason}
          </p>
        )}
      </div>
    </figure>
  );
}

function Message({ message }: { message: RenderedPreview }) {
  return (
    <div className="wa-message">
      <div className="wa-bubble">
        {message.header && <Header header={message.header} />}
        <p className="wa-body">
          <Formatted text={message.body} />
        </p>
        {message.footer && <p className="wa-footer">{message.footer}</p>}
        <span className="wa-time" aria-hidden="true">
          12:00
        </span>
      </div>
      {message.buttons.length > 0 && (
        <ul className="wa-buttons" aria-label="Buttons">
          {message.buttons.map((b, i) => (
            <li key={i} className="wa-button" data-type={b.type} title={b.url ?? b.phone}>
              <ButtonIcon type={b.type} />
              <span>{b.text}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Formatted({ text }: { text: string }) {
  return (
    <>
      {whatsappSpans(text).map((s, i) => {
        switch (s.style) {
          case 'bold':
            return <strong key={i}>{s.text}</strong>;
          case 'italic':
            return <em key={i}>{s.text}</em>;
          case 'strike':
            return <s key={i}>{s.text}</s>;
          case 'mono':
            return <code key={i}>{s.text}</code>;
          default:
            return <span key={i}>{s.text}</span>;
        }
      })}
    </>
  );
}

function Header({ header }: { header: PreviewHeader }) {
  if (header.type === 'text') return <p className="wa-header-text">{header.text}</p>;
  if (header.type === 'location') {
    return (
      <div className="wa-media wa-location">
        <MapPin size={28} aria-hidden="true" />
        <span>{header.name ?? (header.latitude !== undefined ? `${header.latitude}, ${header.longitude}` : 'Location')}</span>
      </div>
    );
  }
  const Icon = header.mediaType === 'image' ? Image : header.mediaType === 'video' ? Video : FileText;
  return (
    <div className={`wa-media wa-${header.mediaType}`}>
      <Icon size={28} aria-hidden="true" />
      <span className="wa-media-kind">{header.mediaType}</span>
      <span className="wa-media-link">{fileName(header.link)}</span>
    </div>
  );
}

function ButtonIcon({ type }: { type: PreviewButton['type'] }) {
  const props = { size: 14, 'aria-hidden': true } as const;
  switch (type) {
    case 'url':
      return <ExternalLink {...props} />;
    case 'phone_number':
      return <Phone {...props} />;
    case 'copy_code':
    case 'otp':
      return <Copy {...props} />;
    case 'flow':
      return <List {...props} />;
    default:
      return <Reply {...props} />;
  }
}

/** The last part of a media URL ("sneakers.jpg"), what WhatsApp shows for a document. */
function fileName(link: string): string {
  try {
    const path = new URL(link).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || link;
  } catch {
    return link;
  }
}
