/**
 * What an ask says when the answer is not valid and the node sets no `retryPrompt`: one
 * short sentence per expected kind, in every language the understanding lexicons cover
 * (the session language is picked like any localized text, falling back to English).
 * Without it the question came back word for word, and the customer never learned why.
 */
import type { AskNode, LocalizedText } from '../../types';

type Kind = AskNode['expect'] | 'test';

const MESSAGES: Record<Kind, Record<string, string>> = {
  email: {
    en: 'Please enter a valid email address, like name@example.com.',
    es: 'Escribe un correo electrónico válido, por ejemplo nombre@ejemplo.com.',
    pt: 'Digite um e-mail válido, por exemplo nome@exemplo.com.',
    fr: 'Merci d’indiquer une adresse e-mail valide, par exemple nom@exemple.com.',
    de: 'Bitte gib eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.',
    ar: 'يرجى إدخال بريد إلكتروني صالح، مثل name@example.com.',
    hi: 'कृपया एक मान्य ईमेल पता लिखें, जैसे name@example.com.',
  },
  number: {
    en: 'Please enter a number, like 42.',
    es: 'Escribe un número, por ejemplo 42.',
    pt: 'Digite um número, por exemplo 42.',
    fr: 'Merci d’indiquer un nombre, par exemple 42.',
    de: 'Bitte gib eine Zahl ein, z. B. 42.',
    ar: 'يرجى إدخال رقم، مثل 42.',
    hi: 'कृपया एक संख्या लिखें, जैसे 42.',
  },
  date: {
    en: 'Please enter a valid date, like 24/12 or “tomorrow”.',
    es: 'Escribe una fecha válida, por ejemplo 24/12 o «mañana».',
    pt: 'Digite uma data válida, por exemplo 24/12 ou “amanhã”.',
    fr: 'Merci d’indiquer une date valide, par exemple 24/12 ou « demain ».',
    de: 'Bitte gib ein gültiges Datum ein, z. B. 24.12. oder „morgen“.',
    ar: 'يرجى إدخال تاريخ صالح، مثل 24/12 أو «غدًا».',
    hi: 'कृपया एक मान्य तारीख लिखें, जैसे 24/12 या “कल”.',
  },
  phone: {
    en: 'Please enter a valid phone number with its country code, like +1 555 123 4567.',
    es: 'Escribe un número de teléfono válido con el prefijo del país, por ejemplo +34 612 345 678.',
    pt: 'Digite um telefone válido com o código do país, por exemplo +55 11 91234 5678.',
    fr: 'Merci d’indiquer un numéro de téléphone valide avec l’indicatif du pays, par exemple +33 6 12 34 56 78.',
    de: 'Bitte gib eine gültige Telefonnummer mit Ländervorwahl ein, z. B. +49 151 23456789.',
    ar: 'يرجى إدخال رقم هاتف صالح مع رمز الدولة، مثل ‎+971 50 123 4567.',
    hi: 'कृपया देश कोड के साथ एक मान्य फ़ोन नंबर लिखें, जैसे +91 98765 43210.',
  },
  choice: {
    en: 'Please choose one of the options.',
    es: 'Elige una de las opciones.',
    pt: 'Escolha uma das opções.',
    fr: 'Merci de choisir l’une des options.',
    de: 'Bitte wähle eine der Optionen.',
    ar: 'يرجى اختيار أحد الخيارات.',
    hi: 'कृपया विकल्पों में से एक चुनें।',
  },
  location: {
    en: 'Please share a location (tap 📎, then Location).',
    es: 'Comparte una ubicación (toca 📎 y luego Ubicación).',
    pt: 'Compartilhe uma localização (toque em 📎 e depois em Localização).',
    fr: 'Merci de partager une position (touchez 📎, puis Position).',
    de: 'Bitte teile einen Standort (tippe auf 📎, dann Standort).',
    ar: 'يرجى مشاركة موقع (اضغط 📎 ثم الموقع).',
    hi: 'कृपया एक लोकेशन शेयर करें (📎 दबाएँ, फिर लोकेशन)।',
  },
  media: {
    en: 'Please send a photo, video or file.',
    es: 'Envía una foto, un vídeo o un archivo.',
    pt: 'Envie uma foto, um vídeo ou um arquivo.',
    fr: 'Merci d’envoyer une photo, une vidéo ou un fichier.',
    de: 'Bitte sende ein Foto, ein Video oder eine Datei.',
    ar: 'يرجى إرسال صورة أو فيديو أو ملف.',
    hi: 'कृपया एक फ़ोटो, वीडियो या फ़ाइल भेजें।',
  },
  text: {
    en: 'Please type your answer as a message.',
    es: 'Escribe tu respuesta en un mensaje.',
    pt: 'Digite sua resposta em uma mensagem.',
    fr: 'Merci d’écrire votre réponse dans un message.',
    de: 'Bitte schreib deine Antwort als Nachricht.',
    ar: 'يرجى كتابة إجابتك في رسالة.',
    hi: 'कृपया अपना जवाब संदेश में लिखें।',
  },
  // The kind was right but the node's own test refused it: we cannot say what the test wants.
  test: {
    en: 'Sorry, that answer does not work here. Please try again.',
    es: 'Lo siento, esa respuesta no sirve aquí. Inténtalo de nuevo.',
    pt: 'Desculpe, essa resposta não serve aqui. Tente novamente.',
    fr: 'Désolé, cette réponse ne convient pas ici. Merci de réessayer.',
    de: 'Diese Antwort passt hier leider nicht. Bitte versuch es noch einmal.',
    ar: 'عذرًا، هذه الإجابة لا تصلح هنا. يرجى المحاولة مرة أخرى.',
    hi: 'क्षमा करें, यह जवाब यहाँ मान्य नहीं है। कृपया फिर से कोशिश करें।',
  },
};

/** The languages the default messages are written in. */
export const RETRY_MESSAGE_LANGUAGES = Object.keys(MESSAGES.email);

/** The default retry message for an ask's `expect`, or for an answer its `validate.test` refused. */
export function defaultRetryMessage(expect: AskNode['expect'], failedExtraTest: boolean): LocalizedText {
  return MESSAGES[failedExtraTest ? 'test' : expect];
}
