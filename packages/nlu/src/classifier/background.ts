/**
 * A "none of these" reference class for small flows. With two or three intents a softmax must
 * hand all its probability to one of them, so any text ("tomorrow", "what colour was it?")
 * looks like a confident intent. Training an extra class on generic messages — answers to
 * questions (dates, times, names, quantities), small talk, questions about other topics — gives
 * unrelated text somewhere else to go. It is never reported as a candidate; it only takes
 * probability away from the intents. Commerce and built-in lexicon words (cancel, stop, agent,
 * help, order, book, pay, ship…) are deliberately absent: they belong to flow intents.
 */

/** The label of the reference class; not a valid flow intent name (those are identifiers without underscores at both ends). */
export const BACKGROUND_LABEL = '__background__';

/** Flows with at most this many intents get the reference class (larger ones have enough classes to spread probability). */
export const BACKGROUND_MAX_INTENTS = 3;

/** Each intent's examples weigh this many times the whole background in training (see classWeights in model.ts). */
export const BACKGROUND_INTENT_WEIGHT = 3;

export const BACKGROUND_TEXTS: readonly string[] = [
  // English: answers to questions
  'tomorrow', 'today', 'tonight', 'next week', 'on monday', 'friday afternoon', 'tomorrow morning at 10',
  'at 3pm', 'around noon', 'the 21st', 'in two weeks', 'this weekend', 'sometime next month',
  'my name is john', 'it is maria', 'call me alex', 'john smith', 'two', 'three of them', 'about 50',
  'the blue one', 'the red one please', 'large', 'small size', 'maybe', 'i guess', 'not sure yet', 'whatever works',
  'ok', 'okay cool', 'hmm', 'haha', 'lol', 'hello', 'hi there', 'good morning', 'hey how are you',
  'i am fine', 'nice', 'great', 'sounds good', 'interesting', 'sorry', 'oops wrong chat',
  // English: other topics
  'what colour is the sky', 'what is the weather like', 'is it going to rain', 'who won the game last night',
  'tell me a joke', 'what is your favourite movie', 'do you like music', 'how old are you', 'are you a robot',
  'what is the capital of france', 'my cat is sleeping', 'i had pizza for lunch', 'the traffic is terrible',
  'my phone battery is low', 'the screen is too dark', 'i lost my keys', 'where did i put my glasses',
  'what was that song', 'my brother lives in london', 'it was raining all day', 'i love the beach',
  'what does this word mean', 'how do you spell that', 'can you repeat', 'i did not understand', 'wait a second',
  'i forgot', 'never heard of it', 'asdf', 'test', 'testing 123',
  // Spanish
  'mañana', 'hoy', 'el lunes', 'el viernes por la tarde', 'a las tres', 'la semana que viene', 'me llamo juan',
  'hola', 'buenos días', 'qué tal', 'bien gracias', 'vale', 'no sé', 'tal vez', 'el azul', 'dos', 'jaja',
  'qué tiempo hace', 'va a llover', 'quién ganó el partido', 'mi gato duerme', 'me gusta la playa', 'perdón, me equivoqué',
  // Portuguese
  'amanhã', 'hoje', 'segunda feira', 'às três da tarde', 'semana que vem', 'meu nome é ana', 'olá', 'bom dia',
  'tudo bem', 'beleza', 'não sei', 'talvez', 'o vermelho', 'três', 'kkkk', 'vai chover', 'quem ganhou o jogo',
  'meu cachorro está dormindo', 'gosto de praia',
  // French / German
  'demain', "aujourd'hui", 'lundi', 'bonjour', 'ça va', 'peut-être', 'il fait beau',
  'morgen', 'heute', 'am montag', 'hallo', 'guten tag', 'vielleicht', 'wie ist das wetter',
];
