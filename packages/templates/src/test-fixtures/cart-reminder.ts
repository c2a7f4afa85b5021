/** The design's example template (a marketing template with an image header, a URL and a quick-reply button), for tests and the bench. */
import type { TemplateFile } from '../types';

export function cartReminder(): TemplateFile {
  return {
    $schema: '../schemas/template.schema.json',
    name: 'cart_reminder',
    category: 'marketing',
    description: 'Abandoned cart, sent when the 24-hour window has closed',
    parameters: {
      first_name: { type: 'text', example: 'Maya', fallback: 'there', maxLength: 40 },
      item_count: { type: 'number', example: 2 },
      cart_total: { type: 'currency', example: { amount: 129.9, currency: 'USD' }, currency: 'USD' },
      product_image: { type: 'image', example: 'https://shop.example.com/img/sneakers.jpg' },
      cart_id: { type: 'text', example: 'abc123', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    },
    languages: {
      en: {
        header: { format: 'image', parameter: 'product_image' },
        body: 'Hi {{first_name}}, you left {{item_count}} items ({{cart_total}}) in your cart. Finish your order before they sell out.',
        footer: 'Reply STOP to opt out',
        buttons: [
          { type: 'url', text: 'Complete order', url: 'https://shop.example.com/cart/{{cart_id}}' },
          { type: 'quick_reply', text: 'Stop reminders', payload: 'stop_reminders' },
        ],
      },
      de: {
        header: { format: 'image', parameter: 'product_image' },
        body: 'Hallo {{first_name}}, in deinem Warenkorb liegen noch {{item_count}} Artikel ({{cart_total}}). Bestelle jetzt, bevor sie ausverkauft sind.',
        footer: 'Antworte STOP zum Abmelden',
        buttons: [
          { type: 'url', text: 'Bestellung abschließen', url: 'https://shop.example.com/cart/{{cart_id}}' },
          { type: 'quick_reply', text: 'Keine Erinnerungen', payload: 'stop_reminders' },
        ],
      },
    },
  };
}
