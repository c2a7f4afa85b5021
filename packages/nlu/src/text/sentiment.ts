/**
 * Lexicon sentiment in the same languages as the yes/no lexicons, tuned for one thing:
 * noticing an angry customer early enough to hand over to a person.
 */
import { countChars, normalizeText } from './normalize';

const NEGATIVE = normalizeText(`bad terrible awful horrible worst useless broken wrong slow late never problem issue
  disappointed disappointing unacceptable ridiculous annoying annoyed frustrated frustrating hate sucks poor rubbish garbage scam fraud
  stolen refund complaint complain waste lost missing damaged rude
  malo mala pesimo pesima horrible terrible inutil lento tarde problema decepcionado inaceptable ridiculo molesto odio estafa fraude queja
  ruim pessimo pessima horrivel inutil lento atrasado problema decepcionado inaceitavel ridiculo irritado odeio golpe fraude reclamacao
  mauvais mauvaise nul horrible inutile lent retard probleme decu inacceptable ridicule enerve deteste arnaque plainte
  schlecht schrecklich furchtbar nutzlos langsam spat problem enttauscht inakzeptabel lacherlich nervig hasse betrug beschwerde
  سيء سيئ فظيع مشكلة متأخر بطيء خدمة_سيئة محبط غير_مقبول احتيال شكوى
  बुरा खराब बेकार समस्या देर धोखा शिकायत kharab bekaar bakwas ghatiya problem dhokha shikayat`).split(' ');
const ANGRY = normalizeText(`angry furious pissed outraged livid fuck fucking shit wtf damn crap idiot idiots stupid joke sue lawyer
  enojado enojada furioso furiosa harto harta mierda carajo idiota estupido estupidos demanda abogado
  bravo brava puto puta irritado merda porra caralho idiota estupido processo advogado
  furieux furieuse enerve merde putain connard idiot stupide avocat
  wutend sauer scheisse verdammt idiot idioten dumm anwalt
  غاضب غاضبة زفت حرام_عليكم غبي محامي
  गुस्सा बकवास बेवकूफ gussa pagal bewakoof bakwaas chutiya`).split(' ');
const POSITIVE = normalizeText(`good great excellent amazing awesome perfect love thanks thank happy helpful fast nice wonderful fantastic
  bueno buena excelente genial perfecto gracias feliz rapido encanta maravilloso
  bom boa otimo otima excelente perfeito obrigado obrigada feliz rapido adoro maravilhoso
  bon bonne excellent genial parfait merci content rapide adore super
  gut toll ausgezeichnet super perfekt danke glucklich schnell liebe wunderbar
  جيد ممتاز رائع شكرا شكراً سعيد ممتازة
  अच्छा बढ़िया शानदार धन्यवाद शुक्रिया accha acha badhiya shukriya dhanyavad mast`).split(' ');
const NEGATORS = new Set(
  normalizeText('not no never dont isnt wasnt no nunca nao jamais pas nicht kein keine nie لا مش ما नहीं nahi').split(' '),
);
const ANGRY_EMOJI = /[\u{1F620}\u{1F621}\u{1F92C}\u{1F624}\u{1F4A2}\u{1F595}]/u;
const POSITIVE_EMOJI = /[\u{1F600}-\u{1F60D}\u{1F642}\u{1F970}\u{1F929}\u{2764}\u{1F44D}\u{1F64F}]/u;
const NEGATIVE_EMOJI = /[\u{1F61E}\u{1F61F}\u{1F622}\u{1F62D}\u{1F620}\u{1F621}\u{1F92C}\u{1F44E}\u{1F612}\u{1F644}]/u;

const NOT_UPPER = /[^\p{Lu}]+/gu;
const NOT_LOWER = /[^\p{Ll}]+/gu;
const NOT_EXCLAMATION = /[^!]+/g;

const toSet = (words: string[]) => new Set(words.map((w) => w.replace(/_/g, ' ')).filter(Boolean));
const NEG = toSet(NEGATIVE);
const ANG = toSet(ANGRY);
const POS = toSet(POSITIVE);

export interface Sentiment {
  label: 'negative' | 'neutral' | 'positive';
  /** −1 (very negative) … 1 (very positive). */
  score: number;
  /** Anger strong enough to offer a person: abuse, threats, shouting, or piled-up complaints. */
  angry: boolean;
}

export function sentiment(text: string): Sentiment {
  if (typeof text !== 'string' || !text.trim()) return { label: 'neutral', score: 0, angry: false };
  const sample = text.slice(0, 2000);
  const tokens = normalizeText(sample).split(' ').filter(Boolean);
  let positive = 0;
  let negative = 0;
  let angerWords = 0;
  tokens.forEach((token, i) => {
    const negated = i > 0 && NEGATORS.has(tokens[i - 1] as string);
    if (ANG.has(token)) {
      angerWords++;
      negative += 2;
      return;
    }
    if (NEG.has(token)) {
      if (negated) positive += 0.5;
      else negative += 1;
      return;
    }
    if (POS.has(token)) {
      if (negated) negative += 1;
      else positive += 1;
    }
  });
  if (ANGRY_EMOJI.test(sample)) {
    angerWords++;
    negative += 2;
  } else if (NEGATIVE_EMOJI.test(sample)) negative += 1;
  if (POSITIVE_EMOJI.test(sample)) positive += 1;
  const letters = countChars(sample, NOT_UPPER);
  const lowers = countChars(sample, NOT_LOWER);
  const shouting = letters >= 8 && letters > 3 * lowers;
  const exclamations = countChars(sample, NOT_EXCLAMATION);
  const intensity = (shouting ? 1 : 0) + (exclamations >= 3 ? 1 : 0);
  if (negative > 0) negative += intensity;
  const total = positive + negative;
  const score = total === 0 ? 0 : Math.max(-1, Math.min(1, (positive - negative) / Math.max(2, total)));
  const label = score <= -0.2 ? 'negative' : score >= 0.2 ? 'positive' : 'neutral';
  const angry = angerWords > 0 || (label === 'negative' && (negative >= 3 || (negative >= 2 && intensity > 0)));
  return { label, score: Math.round(score * 100) / 100, angry };
}
