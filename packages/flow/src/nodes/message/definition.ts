import schema from '../../../../../schemas/nodes/message.schema.json' with { type: 'json' };
import type { MessageNode } from '../../types';
import type { ValidationIssue } from '../../validate/issue';
import { addOutsideWindowReferences, lintOutsideWindow } from '../outside-window';
import { issue, joinPointer } from '../../validate/issue';
import {
  addTemplate,
  addText,
  checkChoiceIds,
  checkInterruptClashes,
  checkLength,
  checkTimeoutExit,
  checkUniqueTitles,
  clip,
  defaultText,
  emptyReferences,
} from '../helpers';
import type { NodeDefinition } from '../types';
import { WHATSAPP_LIMITS as L } from '../whatsapp-limits';

/** Exits every waiting message has besides its choices. */
const CHOICE_EXITS = ['other', 'timeout'] as const;

const takingExit = (id: string) => `taking exit '${id}'`;

function rows(node: MessageNode): Array<{ id: string; section: number; row: number }> {
  return (node.list?.sections ?? []).flatMap((section, s) => section.rows.map((row, r) => ({ id: row.id, section: s, row: r })));
}

function choiceIds(node: MessageNode): string[] {
  if (node.buttons) return node.buttons.map((b) => b.id);
  if (node.list) return rows(node).map((r) => r.id);
  return [];
}

function hasChoices(node: MessageNode): boolean {
  return Boolean(node.buttons?.length || node.list);
}

function lint(node: MessageNode, ctx: Parameters<NodeDefinition<MessageNode>['lint']>[1]): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const at = (...s: Array<string | number>) => joinPointer(ctx.path, ...s);
  if (node.text === undefined && node.media === undefined) {
    found.push(
      issue('error', 'message-empty', `Message node '${node.id}' has neither text nor media; give it at least one.`, ctx.path, node.id),
    );
  }
  if (node.buttons && node.list) {
    found.push(
      issue(
        'error',
        'message-buttons-and-list',
        `Message node '${node.id}' has both buttons and a list; WhatsApp sends one or the other.`,
        at('list'),
        node.id,
      ),
    );
  }
  if (hasChoices(node) && node.text === undefined) {
    found.push(
      issue(
        'error',
        'message-choices-need-text',
        `Message node '${node.id}' offers choices but has no text; WhatsApp requires a body text for buttons and lists.`,
        ctx.path,
        node.id,
      ),
    );
  }
  if (!hasChoices(node) && (node.saveAs !== undefined || node.timeout !== undefined)) {
    found.push(
      issue(
        'warning',
        'message-wait-fields-unused',
        `Message node '${node.id}' sets saveAs/timeout but offers no buttons or list, so it never waits and they are ignored.`,
        at(node.saveAs !== undefined ? 'saveAs' : 'timeout'),
        node.id,
      ),
    );
  }
  const bodyLimit = node.buttons ? L.buttonBody : L.textBody;
  found.push(...checkLength(ctx, node.id, node.text, ['text'], bodyLimit, node.buttons ? 'The text of a button message' : 'The text'));
  found.push(...checkLength(ctx, node.id, node.media?.caption, ['media', 'caption'], L.mediaCaption, 'The media caption'));

  if (node.buttons) {
    const buttons = node.buttons;
    if (buttons.length > L.buttonCount) {
      found.push(
        issue(
          'error',
          'whatsapp-too-many-buttons',
          `Message node '${node.id}' has ${buttons.length} buttons; WhatsApp allows at most ${L.buttonCount}. Use a list (up to ${L.listRows} rows) or an ask node with choices.`,
          at('buttons'),
          node.id,
        ),
      );
    }
    buttons.forEach((button, i) =>
      found.push(...checkLength(ctx, node.id, button.title, ['buttons', i, 'title'], L.buttonTitle, `The title of button '${button.id}'`)),
    );
    found.push(...checkChoiceIds(ctx, node.id, buttons, (i) => ['buttons', i], CHOICE_EXITS, 'button'));
    found.push(...checkUniqueTitles(ctx, node.id, buttons, (i) => ['buttons', i], 'Button'));
    found.push(...checkInterruptClashes(ctx, node.id, buttons, (i) => ['buttons', i], 'button', takingExit));
  }
  if (node.list) {
    const list = node.list;
    const all = rows(node);
    if (all.length > L.listRows) {
      found.push(
        issue(
          'error',
          'whatsapp-too-many-rows',
          `The list of node '${node.id}' has ${all.length} rows; WhatsApp allows at most ${L.listRows} rows per list message.`,
          at('list', 'sections'),
          node.id,
        ),
      );
    }
    if (list.sections.length > L.listSections) {
      found.push(
        issue(
          'error',
          'whatsapp-too-many-sections',
          `The list of node '${node.id}' has ${list.sections.length} sections; WhatsApp allows at most ${L.listSections}.`,
          at('list', 'sections'),
          node.id,
        ),
      );
    }
    if (list.sections.length > 1 && list.sections.some((s) => s.title === undefined)) {
      found.push(
        issue(
          'error',
          'whatsapp-section-title-missing',
          `The list of node '${node.id}' has several sections; WhatsApp requires a title on each.`,
          at('list', 'sections'),
          node.id,
        ),
      );
    }
    found.push(...checkLength(ctx, node.id, list.button, ['list', 'button'], L.listButton, 'The list button text'));
    list.sections.forEach((section, s) => {
      found.push(
        ...checkLength(ctx, node.id, section.title, ['list', 'sections', s, 'title'], L.listSectionTitle, `The title of section ${s + 1}`),
      );
      section.rows.forEach((row, r) => {
        found.push(
          ...checkLength(
            ctx,
            node.id,
            row.title,
            ['list', 'sections', s, 'rows', r, 'title'],
            L.listRowTitle,
            `The title of row '${row.id}'`,
          ),
        );
        found.push(
          ...checkLength(
            ctx,
            node.id,
            row.description,
            ['list', 'sections', s, 'rows', r, 'description'],
            L.listRowDescription,
            `The description of row '${row.id}'`,
          ),
        );
      });
    });
    const flatRows = all.map((r) => ({ id: r.id, title: list.sections[r.section]!.rows[r.row]!.title }));
    const rowPath = (i: number) => ['list', 'sections', all[i]!.section, 'rows', all[i]!.row];
    found.push(...checkChoiceIds(ctx, node.id, flatRows, rowPath, CHOICE_EXITS, 'row'));
    found.push(...checkUniqueTitles(ctx, node.id, flatRows, rowPath, 'Row'));
    found.push(...checkInterruptClashes(ctx, node.id, flatRows, rowPath, 'row', takingExit));
  }
  // Without choices a message has only `next` (another exit is an unknown-exit error already).
  if (hasChoices(node)) found.push(...checkTimeoutExit(ctx, node, 'Message'));
  found.push(...lintOutsideWindow(node, ctx));
  return found;
}

export const messageNode: NodeDefinition<MessageNode> = {
  type: 'message',
  schema,
  create: (id) => ({ id, type: 'message', text: '' }),
  exits: (node) => (hasChoices(node) ? [...choiceIds(node), ...CHOICE_EXITS] : ['next']),
  requiredExits: (node) => choiceIds(node),
  waits: (node) => hasChoices(node),
  lint,
  references(node) {
    const refs = emptyReferences();
    addText(refs, node.text, ['text']);
    if (node.media) {
      addTemplate(refs, node.media.url, ['media', 'url']);
      addText(refs, node.media.caption, ['media', 'caption']);
    }
    node.buttons?.forEach((b, i) => addText(refs, b.title, ['buttons', i, 'title']));
    if (node.list) {
      addText(refs, node.list.button, ['list', 'button']);
      node.list.sections.forEach((section, s) => {
        addText(refs, section.title, ['list', 'sections', s, 'title']);
        section.rows.forEach((row, r) => {
          addText(refs, row.title, ['list', 'sections', s, 'rows', r, 'title']);
          addText(refs, row.description, ['list', 'sections', s, 'rows', r, 'description']);
        });
      });
    }
    if (node.saveAs !== undefined && hasChoices(node)) refs.writes.push({ at: ['saveAs'], variable: node.saveAs });
    addOutsideWindowReferences(refs, node);
    return refs;
  },
  summary(node) {
    const text = clip(defaultText(node.text) || (node.media ? `[${node.media.type}]` : ''));
    const choices = node.buttons
      ? ` [${node.buttons.map((b) => clip(defaultText(b.title), 20)).join(' | ')}]`
      : node.list
        ? ` [list: ${rows(node).length} rows]`
        : '';
    return `message: ${text}${choices}`;
  },
};
