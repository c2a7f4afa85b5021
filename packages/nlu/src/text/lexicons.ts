/**
 * Built-in multilingual lexicons: yes / no / cancel / agent / stop / help in English,
 * Spanish, Portuguese, French, German, Arabic and Hindi (Devanagari and romanised).
 * Entries are written naturally; they are normalized once at load time with the same
 * `normalizeText` the messages go through, so accents and case never matter.
 */
import { normalizeText } from './normalize';

export type LexiconKind = 'yes' | 'no' | 'neutral' | 'cancel' | 'agent' | 'stop' | 'help';
export const LEXICON_KINDS: readonly LexiconKind[] = ['yes', 'no', 'neutral', 'cancel', 'agent', 'stop', 'help'];
/** The lexicons that stand for flow-level intents of the same name. */
export const BUILTIN_INTENTS = ['cancel', 'agent', 'stop', 'help'] as const;
export type BuiltinIntent = (typeof BUILTIN_INTENTS)[number];
export const LEXICON_LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'ar', 'hi'] as const;
export type LexiconLanguage = (typeof LEXICON_LANGUAGES)[number];

type Lexicon = Record<LexiconLanguage, string[]>;

const YES: Lexicon = {
  en: ['yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'y', 'ok', 'okay', 'okey', 'k', 'kk', 'sure', 'of course', 'certainly', 'absolutely',
    'definitely', 'correct', 'right', 'that is right', 'thats right', 'exactly', 'affirmative', 'alright', 'all right', 'fine',
    'sounds good', 'go ahead', 'do it', 'please do', 'yes please', 'i do', 'i agree', 'agreed', 'confirm', 'confirmed', 'i confirm',
    'why not', 'sure why not', 'no problem', 'no worries', 'no prob', 'of course yes', 'totally', 'indeed', 'yessir', 'aye', 'i think so', 'please'],
  es: ['si', 'sí', 'sip', 'claro', 'claro que si', 'por supuesto', 'vale', 'dale', 'de acuerdo', 'ok', 'bueno', 'correcto', 'exacto',
    'afirmativo', 'desde luego', 'sin duda', 'sin problema', 'no hay problema', 'perfecto', 'esta bien', 'está bien', 'confirmo', 'adelante', 'obvio', 'va', 'sale', 'simon'],
  pt: ['sim', 'claro', 'com certeza', 'certo', 'isso', 'isso mesmo', 'exato', 'pode ser', 'pode', 'beleza', 'blz', 'ta bom', 'tá bom',
    'tudo bem', 'confirmo', 'positivo', 'perfeito', 'ok', 'uhum', 'aham', 'bora', 'sem problema', 'fechado', 'sim por favor', 'claro que sim'],
  fr: ['oui', 'ouais', 'ouai', 'd accord', 'daccord', 'dac', 'bien sur', 'bien sûr', 'certainement', 'absolument', 'exactement',
    'carrement', 'volontiers', 'parfait', 'c est bon', 'cest bon', 'ça marche', 'ca marche', 'je confirme', 'tout a fait', 'pas de probleme', 'pas de souci', 'si'],
  de: ['ja', 'jawohl', 'jap', 'jep', 'jo', 'klar', 'natürlich', 'naturlich', 'sicher', 'genau', 'richtig', 'stimmt', 'einverstanden',
    'gerne', 'gern', 'auf jeden fall', 'selbstverständlich', 'okay', 'in ordnung', 'passt', 'kein problem', 'ja bitte', 'bestätigt'],
  ar: ['نعم', 'أجل', 'اجل', 'ايوه', 'ايوا', 'ايه', 'اه', 'آه', 'طيب', 'حاضر', 'تمام', 'موافق', 'أكيد', 'اكيد', 'بالتأكيد', 'بالطبع',
    'طبعا', 'صحيح', 'بلى', 'ماشي', 'يب', 'اوكي', 'نعم من فضلك'],
  hi: ['हाँ', 'हां', 'हा', 'जी', 'जी हाँ', 'जी हां', 'ठीक है', 'बिल्कुल', 'ज़रूर', 'जरूर', 'सही', 'हाँ जी', 'haan', 'han', 'haa', 'ha',
    'haanji', 'haan ji', 'hanji', 'ji', 'ji haan', 'jee', 'theek hai', 'thik hai', 'theek', 'thik', 'bilkul', 'zaroor', 'jaroor',
    'jarur', 'sahi', 'sahi hai', 'acha', 'accha', 'achha', 'ok ji', 'koi baat nahi', 'koi nahi'],
};

const NO: Lexicon = {
  en: ['no', 'nope', 'nah', 'naw', 'n', 'not', 'no thanks', 'no thank you', 'not really', 'not now', 'never', 'negative', 'no way',
    'i dont', 'i do not', 'dont', 'do not', 'not interested', 'wrong', 'incorrect', 'thats wrong', 'not at all', 'of course not',
    'absolutely not', 'definitely not', 'certainly not', 'i disagree', 'no please', 'please dont', 'nay', 'not yet', 'no sorry'],
  es: ['no', 'nop', 'nel', 'no gracias', 'para nada', 'nunca', 'jamas', 'de ninguna manera', 'negativo', 'claro que no', 'todavia no',
    'ahora no', 'no quiero', 'incorrecto', 'tampoco', 'no por favor'],
  pt: ['não', 'nao', 'nã', 'nem', 'não obrigado', 'não obrigada', 'nao obrigado', 'de jeito nenhum', 'nunca', 'negativo', 'claro que não',
    'ainda não', 'agora não', 'não quero', 'errado', 'incorreto', 'nops', 'que nada'],
  fr: ['non', 'nan', 'non merci', 'pas du tout', 'jamais', 'absolument pas', 'pas maintenant', 'pas encore', 'certainement pas',
    'negatif', 'je ne veux pas', 'faux', 'incorrect', 'pas vraiment', 'bien sur que non'],
  de: ['nein', 'nö', 'nee', 'ne', 'nicht', 'nein danke', 'auf keinen fall', 'niemals', 'nie', 'keineswegs', 'noch nicht', 'jetzt nicht',
    'falsch', 'lieber nicht', 'eher nicht', 'gar nicht', 'ich will nicht'],
  ar: ['لا', 'لأ', 'لاء', 'كلا', 'لا شكرا', 'لا شكراً', 'أبدا', 'ابدا', 'مستحيل', 'غير موافق', 'مش عايز', 'مو', 'لا أريد', 'لا اريد', 'خطأ'],
  hi: ['नहीं', 'नही', 'ना', 'जी नहीं', 'नहीं धन्यवाद', 'बिल्कुल नहीं', 'मत', 'कभी नहीं', 'गलत', 'nahi', 'nahin', 'nai', 'nahi ji',
    'na', 'naa', 'mat', 'bilkul nahi', 'kabhi nahi', 'nahi chahiye', 'galat', 'ji nahi'],
};

const CANCEL: Lexicon = {
  en: ['cancel', 'cancel it', 'cancel that', 'cancel please', 'abort', 'nevermind', 'never mind', 'forget it', 'forget about it',
    'start over', 'restart', 'quit', 'exit', 'go back', 'back to menu', 'main menu', 'menu'],
  es: ['cancelar', 'cancela', 'cancelalo', 'olvidalo', 'olvídalo', 'déjalo', 'dejalo', 'empezar de nuevo', 'volver', 'volver al menu',
    'menu principal', 'salir', 'anular'],
  pt: ['cancelar', 'cancela', 'esquece', 'deixa pra la', 'deixa para lá', 'recomeçar', 'voltar', 'voltar ao menu', 'menu principal', 'sair'],
  fr: ['annuler', 'annule', 'laisse tomber', 'oublie', 'recommencer', 'retour', 'menu principal', 'quitter'],
  de: ['abbrechen', 'stornieren', 'vergiss es', 'egal', 'neu starten', 'von vorne', 'zurück', 'hauptmenü', 'beenden'],
  ar: ['إلغاء', 'الغاء', 'الغي', 'ألغي', 'انسى', 'انسَ', 'رجوع', 'القائمة الرئيسية', 'خروج'],
  hi: ['रद्द', 'रद्द करो', 'रद्द करें', 'कैंसल', 'छोड़ो', 'वापस', 'cancel karo', 'radd karo', 'radd', 'chhodo', 'chodo', 'rehne do',
    'rehne do', 'wapas', 'vapas'],
};

const AGENT: Lexicon = {
  en: ['agent', 'human', 'a human', 'real person', 'a real person', 'person', 'operator', 'representative', 'customer service',
    'customer support', 'support agent', 'live agent', 'live chat', 'talk to someone', 'speak to someone', 'talk to a person',
    'speak to a person', 'talk to a human', 'speak to a human', 'talk to an agent', 'speak to an agent', 'someone real', 'staff'],
  es: ['agente', 'humano', 'una persona', 'persona real', 'operador', 'asesor', 'asesora', 'ejecutivo', 'atencion al cliente',
    'hablar con alguien', 'hablar con una persona', 'hablar con un humano', 'hablar con un agente', 'hablar con un asesor'],
  pt: ['atendente', 'humano', 'uma pessoa', 'pessoa real', 'operador', 'agente', 'falar com alguem', 'falar com uma pessoa',
    'falar com atendente', 'falar com um humano', 'atendimento humano', 'suporte'],
  fr: ['agent', 'humain', 'conseiller', 'conseillère', 'une personne', 'personne réelle', 'opérateur', 'service client',
    'parler à quelqu un', 'parler a quelqu un', 'parler à un humain', 'parler à un conseiller'],
  de: ['mitarbeiter', 'mensch', 'berater', 'kundendienst', 'kundenservice', 'echte person', 'mit jemandem sprechen',
    'mit einem menschen sprechen', 'mit einem mitarbeiter sprechen', 'support'],
  ar: ['موظف', 'انسان', 'إنسان', 'شخص حقيقي', 'خدمة العملاء', 'ممثل', 'وكيل', 'اكلم حد', 'أريد التحدث مع موظف', 'التحدث مع شخص'],
  hi: ['एजेंट', 'इंसान', 'व्यक्ति', 'ग्राहक सेवा', 'किसी से बात', 'insaan', 'insan', 'agent se baat', 'kisi se baat', 'customer care',
    'banda', 'asli insaan', 'executive'],
};

const STOP: Lexicon = {
  en: ['stop', 'unsubscribe', 'opt out', 'optout', 'stop messaging me', 'stop sending', 'dont message me', 'leave me alone',
    'no more messages', 'remove me', 'end'],
  es: ['parar', 'para', 'basta', 'baja', 'darme de baja', 'dar de baja', 'no me escribas', 'no quiero mas mensajes', 'detener', 'alto'],
  pt: ['parar', 'pare', 'chega', 'sair da lista', 'descadastrar', 'nao me mande mais', 'não quero mais mensagens', 'cancelar inscrição'],
  fr: ['stop', 'arrête', 'arrete', 'arrêter', 'désabonner', 'desabonner', 'se désabonner', 'ne m écrivez plus', 'plus de messages'],
  de: ['stopp', 'stop', 'abmelden', 'aufhören', 'aufhoren', 'keine nachrichten mehr', 'hör auf', 'abbestellen'],
  ar: ['توقف', 'قف', 'إيقاف', 'ايقاف', 'إلغاء الاشتراك', 'الغاء الاشتراك', 'لا ترسل', 'كفى'],
  hi: ['बंद करो', 'रुको', 'बस', 'मैसेज मत भेजो', 'band karo', 'bandh karo', 'ruko', 'bas', 'message mat bhejo', 'unsubscribe karo'],
};

const HELP: Lexicon = {
  en: ['help', 'help me', 'i need help', 'need help', 'can you help', 'can you help me', 'assist', 'assistance', 'support', 'what can you do',
    'how does this work', 'options', 'info', 'information', 'faq', 'i dont understand', 'confused', 'sos'],
  es: ['ayuda', 'ayudame', 'ayúdame', 'necesito ayuda', 'socorro', 'auxilio', 'que puedes hacer', 'opciones', 'informacion', 'no entiendo'],
  pt: ['ajuda', 'me ajuda', 'preciso de ajuda', 'socorro', 'o que voce faz', 'opcoes', 'informação', 'nao entendi', 'não entendo'],
  fr: ['aide', 'aidez moi', 'aide moi', 'j ai besoin d aide', 'au secours', 'que peux tu faire', 'options', 'informations', 'je ne comprends pas'],
  de: ['hilfe', 'hilf mir', 'helfen sie mir', 'ich brauche hilfe', 'was kannst du', 'optionen', 'informationen', 'ich verstehe nicht'],
  ar: ['مساعدة', 'ساعدني', 'أحتاج مساعدة', 'احتاج مساعدة', 'النجدة', 'معلومات', 'لا أفهم', 'مش فاهم'],
  hi: ['मदद', 'सहायता', 'मदद करो', 'मदद चाहिए', 'मुझे मदद चाहिए', 'madad', 'madad karo', 'madad chahiye', 'help karo', 'samajh nahi aaya',
    'sahayata'],
};

/** Answers that read as neither yes nor no even though they start with a "no" word. */
const NEUTRAL: Lexicon = {
  en: ['not sure', 'i dont know', 'dont know', 'dunno', 'no idea', 'maybe', 'perhaps', 'i guess', 'not sure yet', 'i am not sure', 'im not sure'],
  es: ['no se', 'no sé', 'quizas', 'quizás', 'tal vez', 'a lo mejor', 'no estoy seguro', 'no estoy segura', 'ni idea'],
  pt: ['não sei', 'nao sei', 'talvez', 'sei la', 'sei lá', 'não tenho certeza', 'nem sei'],
  fr: ['je ne sais pas', 'je sais pas', 'sais pas', 'peut etre', 'peut-être', 'pas sur', 'pas sûr', 'aucune idee'],
  de: ['weiss nicht', 'weiß nicht', 'ich weiss nicht', 'vielleicht', 'nicht sicher', 'keine ahnung', 'mal sehen'],
  ar: ['لا أعرف', 'لا اعرف', 'مش عارف', 'ربما', 'يمكن', 'مش متأكد', 'لست متأكدا'],
  hi: ['पता नहीं', 'शायद', 'pata nahi', 'pata nahin', 'shayad', 'maloom nahi', 'kya pata'],
};

const RAW: Record<LexiconKind, Lexicon> = { yes: YES, no: NO, neutral: NEUTRAL, cancel: CANCEL, agent: AGENT, stop: STOP, help: HELP };

/** Phrase (normalized) → languages it belongs to, per kind. */
export type CompiledLexicon = Map<string, Set<LexiconLanguage>>;

function compile(lexicon: Lexicon): CompiledLexicon {
  const out: CompiledLexicon = new Map();
  for (const language of LEXICON_LANGUAGES) {
    for (const entry of lexicon[language]) {
      const phrase = normalizeText(entry);
      if (!phrase) continue;
      const languages = out.get(phrase) ?? new Set<LexiconLanguage>();
      languages.add(language);
      out.set(phrase, languages);
    }
  }
  return out;
}

export const LEXICONS: Readonly<Record<LexiconKind, CompiledLexicon>> = Object.fromEntries(
  LEXICON_KINDS.map((kind) => [kind, compile(RAW[kind])]),
) as Record<LexiconKind, CompiledLexicon>;

/** Longest phrase in any lexicon, in words: bounds the phrase scan. */
export const MAX_PHRASE_WORDS = Math.max(
  ...LEXICON_KINDS.flatMap((kind) => [...LEXICONS[kind].keys()].map((p) => p.split(' ').length)),
);

/** The raw entries of one lexicon, e.g. to show them in docs or to seed a flow's keywords. */
export function lexiconEntries(kind: LexiconKind, language?: LexiconLanguage): string[] {
  return language ? [...RAW[kind][language]] : LEXICON_LANGUAGES.flatMap((l) => RAW[kind][l]);
}

/** Yes/no emoji are read before normalization strips emoji. */
export const YES_EMOJI = ['👍', '👌', '✅', '✔', '☑', '🙆', '🆗', '💯', '🤝'];
export const NO_EMOJI = ['👎', '❌', '✖', '🙅', '⛔', '🚫', '❎'];
