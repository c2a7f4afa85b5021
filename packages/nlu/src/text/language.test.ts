import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language';
import { sentiment } from './sentiment';

describe('detectLanguage', () => {
  it.each([
    ['hola quiero cancelar mi pedido', 'es'],
    ['je voudrais annuler ma commande', 'fr'],
    ['ich möchte meine Bestellung stornieren', 'de'],
    ['obrigado pela ajuda, quero falar com você', 'pt'],
    ['where is my order please', 'en'],
    ['mujhe madad chahiye', 'hi'],
    ['मुझे मदद चाहिए', 'hi'],
    ['أريد إلغاء طلبي', 'ar'],
    ['gracias', 'es'],
  ])('%j → %s', (text, language) => expect(detectLanguage(text)).toBe(language));

  it('says nothing for texts that carry no language', () => {
    expect(detectLanguage('')).toBeUndefined();
    expect(detectLanguage('👍')).toBeUndefined();
    expect(detectLanguage('12345')).toBeUndefined();
    expect(detectLanguage('ok')).toBeUndefined();
  });

  it('chooses among the flow languages only', () => {
    expect(detectLanguage('je voudrais annuler ma commande', { candidates: ['en', 'fr'] })).toBe('fr');
  });

  it.each([
    ['do you have a coupon code?', 'en'],
    ['can you send me the invoice again please', 'en'],
    ['vivo en la ciudad de Sevilla', 'es'],
    ['necesito cambiar la dirección de entrega', 'es'],
  ])('does not trust trigrams that cannot tell en from es: %j → %s', (text, language) => {
    expect(detectLanguage(text, { candidates: ['en', 'es'] })).toBe(language);
  });

  it('lets the function words decide when the trigrams are too close to call', () => {
    // franc alone scores this Spanish (1 vs 0.94); only "i" hints at English.
    expect(detectLanguage('I ordered shoes last week', { candidates: ['en', 'es'] })).toBe('en');
  });
});

describe('sentiment', () => {
  it('reads anger in several languages', () => {
    for (const text of [
      'This is the WORST service ever, I am furious!!!',
      'estoy harto, esto es una mierda',
      'que porra, serviço péssimo',
      "c'est nul, je suis furieux",
      'ich bin wütend',
      'خدمة سيئة، أنا غاضب',
      'bakwas service, gussa aa raha hai',
      'still nothing 😡',
    ]) {
      expect(sentiment(text), text).toMatchObject({ label: 'negative', angry: true });
    }
  });

  it('tells mild complaints, praise and neutral text apart', () => {
    expect(sentiment('the delivery was late')).toMatchObject({ label: 'negative', angry: false });
    expect(sentiment('great, thanks a lot!')).toMatchObject({ label: 'positive', angry: false });
    expect(sentiment('what time do you open')).toMatchObject({ label: 'neutral', angry: false });
    expect(sentiment('not bad at all')).toMatchObject({ angry: false });
  });
});
