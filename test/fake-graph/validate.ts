/**
 * Send-body validation with Meta's limits (reference §4.3, §8.2), written
 * independently of the channels builders so the fake catches their mistakes.
 * Returns the first problem as `path: what is wrong`, or null when valid.
 */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

class Invalid extends Error {}
function need(cond: boolean, path: string, what: string): asserts cond {
  if (!cond) throw new Invalid(`${path}: ${what}`);
}
function text(v: unknown, path: string, max: number): void {
  need(str(v), path, 'expected a non-empty string');
  need(v.length <= max, path, `must be at most ${max} characters, got ${v.length}`);
}

export function validateWhatsAppSend(body: unknown): string | null {
  try {
    need(isObj(body), '$', 'expected a JSON object');
    need(body.messaging_product === 'whatsapp', 'messaging_product', 'must be "whatsapp"');
    if (body.status === 'read') {
      need(str(body.message_id), 'message_id', 'expected the wamid to mark as read');
      return null;
    }
    need(str(body.to) || str(body.recipient), 'to', 'expected "to" (phone number) or "recipient" (BSUID)');
    const type = body.type ?? 'text';
    need(typeof type === 'string', 'type', 'expected a string');
    if (body.context !== undefined) need(isObj(body.context) && str(body.context.message_id), 'context.message_id', 'expected a wamid');
    if (body.biz_opaque_callback_data !== undefined) text(body.biz_opaque_callback_data, 'biz_opaque_callback_data', 512);
    const payload = body[type];
    need(isObj(payload), type, `expected a "${type}" object`);
    switch (type) {
      case 'text':
        text(payload.body, 'text.body', 4096);
        break;
      case 'image':
      case 'video':
      case 'audio':
      case 'document':
      case 'sticker':
        need(str(payload.link) || str(payload.id), `${type}`, 'expected "link" or "id"');
        if (payload.caption !== undefined) {
          need(type !== 'audio' && type !== 'sticker', `${type}.caption`, 'not allowed for this media type');
          text(payload.caption, `${type}.caption`, 1024);
        }
        break;
      case 'interactive':
        interactive(payload);
        break;
      case 'template':
        template(payload);
        break;
      case 'reaction':
        need(str(payload.message_id), 'reaction.message_id', 'expected a wamid');
        need(typeof payload.emoji === 'string', 'reaction.emoji', 'expected a string');
        break;
      case 'location':
        need(
          typeof payload.latitude === 'number' && typeof payload.longitude === 'number',
          'location',
          'expected numeric latitude and longitude',
        );
        break;
      default:
        need(false, 'type', `unsupported message type "${type}"`);
    }
    return null;
  } catch (err) {
    if (err instanceof Invalid) return err.message;
    throw err;
  }
}

function interactive(i: Obj): void {
  need(
    i.type === 'button' || i.type === 'list' || i.type === 'cta_url' || i.type === 'flow',
    'interactive.type',
    'expected button, list, cta_url or flow',
  );
  need(isObj(i.body), 'interactive.body', 'expected an object');
  text(i.body.text, 'interactive.body.text', i.type === 'list' ? 4096 : 1024);
  if (i.footer !== undefined) {
    need(isObj(i.footer), 'interactive.footer', 'expected an object');
    text(i.footer.text, 'interactive.footer.text', 60);
  }
  if (i.header !== undefined) {
    need(isObj(i.header), 'interactive.header', 'expected an object');
    if (i.type === 'list') need(i.header.type === 'text', 'interactive.header.type', 'list headers must be text');
    if (i.header.type === 'text') text(i.header.text, 'interactive.header.text', 60);
  }
  need(isObj(i.action), 'interactive.action', 'expected an object');
  const action = i.action;
  if (i.type === 'button') {
    const buttons = action.buttons;
    need(Array.isArray(buttons) && buttons.length >= 1 && buttons.length <= 3, 'interactive.action.buttons', 'expected 1 to 3 buttons');
    const titles = new Set<string>();
    const ids = new Set<string>();
    buttons.forEach((b, k) => {
      const p = `interactive.action.buttons[${k}]`;
      need(isObj(b) && b.type === 'reply' && isObj(b.reply), p, 'expected { type: "reply", reply: {...} }');
      const reply = b.reply as Obj;
      text(reply.id, `${p}.reply.id`, 256);
      text(reply.title, `${p}.reply.title`, 20);
      need(!titles.has(reply.title as string), `${p}.reply.title`, 'button titles must be unique');
      need(!ids.has(reply.id as string), `${p}.reply.id`, 'button ids must be unique');
      titles.add(reply.title as string);
      ids.add(reply.id as string);
    });
  } else if (i.type === 'list') {
    text(action.button, 'interactive.action.button', 20);
    const sections = action.sections;
    need(
      Array.isArray(sections) && sections.length >= 1 && sections.length <= 10,
      'interactive.action.sections',
      'expected 1 to 10 sections',
    );
    let rows = 0;
    const titles = new Set<string>();
    const ids = new Set<string>();
    sections.forEach((s, si) => {
      const p = `interactive.action.sections[${si}]`;
      need(isObj(s) && Array.isArray(s.rows) && s.rows.length > 0, p, 'expected a section with rows');
      if (sections.length > 1) text(s.title, `${p}.title`, 24);
      else if (s.title !== undefined) text(s.title, `${p}.title`, 24);
      (s.rows as unknown[]).forEach((r, ri) => {
        const rp = `${p}.rows[${ri}]`;
        need(isObj(r), rp, 'expected an object');
        text(r.id, `${rp}.id`, 200);
        text(r.title, `${rp}.title`, 24);
        if (r.description !== undefined) text(r.description, `${rp}.description`, 72);
        need(!ids.has(r.id as string), `${rp}.id`, 'row ids must be unique');
        need(!titles.has(r.title as string), `${rp}.title`, 'row titles must be unique');
        ids.add(r.id as string);
        titles.add(r.title as string);
        rows += 1;
      });
    });
    need(rows <= 10, 'interactive.action.sections', `at most 10 rows in total, got ${rows}`);
  }
}

function template(t: Obj): void {
  text(t.name, 'template.name', 512);
  need(isObj(t.language) && str(t.language.code), 'template.language.code', 'expected a language code');
  if (t.components === undefined) return;
  need(Array.isArray(t.components), 'template.components', 'expected an array');
  t.components.forEach((c, k) => {
    const p = `template.components[${k}]`;
    need(isObj(c) && ['header', 'body', 'button'].includes(c.type as string), `${p}.type`, 'expected header, body or button');
    need(Array.isArray(c.parameters), `${p}.parameters`, 'expected an array');
    if (c.type === 'button') {
      need(
        c.sub_type === 'quick_reply' || c.sub_type === 'url' || c.sub_type === 'copy_code',
        `${p}.sub_type`,
        'expected quick_reply, url or copy_code',
      );
      need(typeof c.index === 'string' && /^\d+$/.test(c.index), `${p}.index`, 'expected a numeric string');
    }
    (c.parameters as unknown[]).forEach((param, pi) => {
      const pp = `${p}.parameters[${pi}]`;
      need(isObj(param) && typeof param.type === 'string', pp, 'expected a typed parameter');
      switch (param.type) {
        case 'text':
          need(typeof param.text === 'string', `${pp}.text`, 'expected a string');
          if (param.parameter_name !== undefined)
            need(
              typeof param.parameter_name === 'string' && /^[a-z][a-z0-9_]*$/.test(param.parameter_name),
              `${pp}.parameter_name`,
              'expected a lowercase name (letters, digits, underscores)',
            );
          break;
        case 'payload':
          need(str(param.payload), `${pp}.payload`, 'expected a string');
          break;
        case 'currency': {
          const cur = param.currency;
          need(
            isObj(cur) &&
              str(cur.fallback_value) &&
              typeof cur.code === 'string' &&
              /^[A-Z]{3}$/.test(cur.code) &&
              Number.isInteger(cur.amount_1000),
            `${pp}.currency`,
            'expected fallback_value, ISO code and integer amount_1000',
          );
          break;
        }
        case 'date_time':
          need(isObj(param.date_time) && str(param.date_time.fallback_value), `${pp}.date_time`, 'expected fallback_value');
          break;
        case 'image':
        case 'video':
        case 'document': {
          need(c.type === 'header', `${pp}.type`, `a ${param.type} parameter belongs in the header`);
          const m = param[param.type];
          need(isObj(m) && (str(m.link) || str(m.id)), `${pp}.${param.type}`, 'expected link or id');
          break;
        }
        case 'location': {
          need(c.type === 'header', `${pp}.type`, 'a location parameter belongs in the header');
          const l = param.location;
          need(
            isObj(l) && typeof l.latitude === 'number' && typeof l.longitude === 'number',
            `${pp}.location`,
            'expected numeric latitude and longitude',
          );
          break;
        }
        case 'coupon_code':
          need(c.type === 'button' && c.sub_type === 'copy_code', `${pp}.type`, 'a coupon_code parameter belongs in a copy_code button');
          text(param.coupon_code, `${pp}.coupon_code`, 15);
          break;
        default:
          need(false, `${pp}.type`, `unknown parameter type "${param.type}"`);
      }
    });
  });
}

export function validateMessengerSend(body: unknown): string | null {
  try {
    need(isObj(body), '$', 'expected a JSON object');
    need(isObj(body.recipient) && str(body.recipient.id), 'recipient.id', 'expected the PSID / IGSID');
    if (body.sender_action !== undefined) return null;
    need(
      ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(body.messaging_type as string),
      'messaging_type',
      'expected RESPONSE, UPDATE or MESSAGE_TAG',
    );
    if (body.messaging_type === 'MESSAGE_TAG') need(str(body.tag), 'tag', 'expected a tag');
    need(isObj(body.message), 'message', 'expected an object');
    const m = body.message;
    need(str(m.text) !== (m.attachment !== undefined), 'message', 'expected exactly one of text or attachment');
    if (m.text !== undefined) text(m.text, 'message.text', 2000);
    if (m.quick_replies !== undefined) {
      need(
        Array.isArray(m.quick_replies) && m.quick_replies.length >= 1 && m.quick_replies.length <= 13,
        'message.quick_replies',
        'expected 1 to 13 quick replies',
      );
      m.quick_replies.forEach((q, k) => {
        need(isObj(q), `message.quick_replies[${k}]`, 'expected an object');
        if (q.content_type === 'text') {
          text(q.title, `message.quick_replies[${k}].title`, 20);
          text(q.payload, `message.quick_replies[${k}].payload`, 1000);
        }
      });
    }
    if (m.attachment !== undefined) {
      need(isObj(m.attachment) && isObj(m.attachment.payload), 'message.attachment', 'expected { type, payload }');
      const a = m.attachment;
      const payload = a.payload as Obj;
      if (a.type === 'template') {
        need(
          payload.template_type === 'generic' || payload.template_type === 'button',
          'message.attachment.payload.template_type',
          'expected generic or button',
        );
        if (payload.template_type === 'generic') {
          need(
            Array.isArray(payload.elements) && payload.elements.length >= 1 && payload.elements.length <= 10,
            'message.attachment.payload.elements',
            'expected 1 to 10 elements',
          );
          payload.elements.forEach((e, k) => {
            const p = `message.attachment.payload.elements[${k}]`;
            need(isObj(e), p, 'expected an object');
            text(e.title, `${p}.title`, 80);
            if (e.subtitle !== undefined) text(e.subtitle, `${p}.subtitle`, 80);
            if (e.buttons !== undefined) need(Array.isArray(e.buttons) && e.buttons.length <= 3, `${p}.buttons`, 'at most 3 buttons');
          });
        }
      } else {
        need(
          ['image', 'video', 'audio', 'file'].includes(a.type as string),
          'message.attachment.type',
          'expected image, video, audio, file or template',
        );
        need(str(payload.url) || str(payload.attachment_id), 'message.attachment.payload', 'expected url or attachment_id');
      }
    }
    return null;
  } catch (err) {
    if (err instanceof Invalid) return err.message;
    throw err;
  }
}
