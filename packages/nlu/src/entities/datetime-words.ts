/** Multilingual words for dates and times. Keys are lower-case as written; accents are also accepted stripped. */

/** Day offset from today. */
export const RELATIVE_DAYS: Record<string, number> = {
  today: 0, tonight: 0, tomorrow: 1, tmrw: 1, tmr: 1, 'day after tomorrow': 2, 'the day after tomorrow': 2, yesterday: -1,
  hoy: 0, 'esta noche': 0, 'mañana': 1, 'pasado mañana': 2, ayer: -1,
  hoje: 0, 'amanhã': 1, 'depois de amanhã': 2, ontem: -1,
  "aujourd'hui": 0, 'aujourd’hui': 0, demain: 1, 'après-demain': 2, 'après demain': 2, hier: -1,
  heute: 0, morgen: 1, 'übermorgen': 2, gestern: -1,
  'اليوم': 0, 'غدا': 1, 'غداً': 1, 'بكرة': 1, 'بكره': 1, 'بعد غد': 2, 'بعد بكرة': 2, 'أمس': -1, 'امس': -1,
  'आज': 0, 'कल': 1, 'परसों': 2, aaj: 0, kal: 1, parso: 2, parson: 2,
};

/** Weekday names → 0 (Sunday) … 6 (Saturday). */
export const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, tues: 2, wednesday: 3, weds: 3, thursday: 4, thurs: 4, friday: 5, saturday: 6,
  domingo: 0, lunes: 1, martes: 2, 'miércoles': 3, jueves: 4, viernes: 5, 'sábado': 6,
  'segunda-feira': 1, 'segunda feira': 1, 'terça-feira': 2, 'terça feira': 2, 'terça': 2, 'quarta-feira': 3, 'quarta feira': 3,
  'quinta-feira': 4, 'quinta feira': 4, 'sexta-feira': 5, 'sexta feira': 5, sexta: 5,
  dimanche: 0, lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6,
  sonntag: 0, montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6,
  'الأحد': 0, 'الاحد': 0, 'الاثنين': 1, 'الإثنين': 1, 'الثلاثاء': 2, 'الأربعاء': 3, 'الاربعاء': 3, 'الخميس': 4, 'الجمعة': 5, 'السبت': 6,
  'रविवार': 0, 'सोमवार': 1, 'मंगलवार': 2, 'बुधवार': 3, 'गुरुवार': 4, 'शुक्रवार': 5, 'शनिवार': 6,
  ravivar: 0, ravivaar: 0, somvar: 1, somvaar: 1, mangalvar: 2, mangalvaar: 2, budhvar: 3, budhvaar: 3, guruvar: 4, guruvaar: 4,
  shukravar: 5, shukravaar: 5, shanivar: 6, shanivaar: 6,
};

/** "next friday": strictly after today. */
export const NEXT_WORDS = ['next', 'coming', 'this coming', 'próximo', 'próxima', 'proximo', 'proxima', 'prochain', 'prochaine',
  'nächsten', 'nächster', 'nächste', 'kommenden', 'agle', 'agla'];
/** Words after the weekday that mean the same ("el viernes que viene", "الجمعة القادمة"). */
export const NEXT_SUFFIXES = ['que viene', 'que vem', 'prochain', 'القادم', 'القادمة', 'الجاي'];

export const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10,
  noviembre: 11, diciembre: 12,
  janeiro: 1, fevereiro: 2, 'março': 3, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10, novembro: 11, dezembro: 12,
  janvier: 1, 'février': 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, 'août': 8, septembre: 9, octobre: 10, novembre: 11,
  'décembre': 12,
  januar: 1, februar: 2, 'märz': 3, juni: 6, juli: 7, oktober: 10, dezember: 12,
};

/** "in 3 days", "en 3 días", "em 3 dias", "dans 3 jours", "in 3 Tagen": unit → days. */
export const IN_WORDS = ['in', 'en', 'em', 'dans', 'dentro de', 'daqui a'];
export const DAY_UNITS: Record<string, number> = {
  day: 1, days: 1, week: 7, weeks: 7, 'día': 1, 'días': 1, semana: 7, semanas: 7, dia: 1, dias: 1, jour: 1, jours: 1, semaine: 7,
  semaines: 7, tag: 1, tagen: 1, tage: 1, woche: 7, wochen: 7,
};

export const NOON = ['noon', 'midday', 'mediodía', 'meio-dia', 'meio dia', 'midi', 'mittag'];
export const MIDNIGHT = ['midnight', 'medianoche', 'meia-noite', 'meia noite', 'minuit', 'mitternacht'];
/** After an hour without am/pm: these make it afternoon/evening. */
export const PM_SUFFIXES = ['de la tarde', 'de la noche', 'da tarde', 'da noite', 'in the afternoon', 'in the evening', 'at night',
  'tonight', 'abends', 'nachmittags', 'du soir', "de l'après-midi", 'shaam', 'raat'];
export const AM_SUFFIXES = ['de la mañana', 'da manhã', 'in the morning', 'du matin', 'morgens', 'subah'];
/** "at 3", "a las 3", "às 3", "à 3", "um 3": hour introducers. */
export const AT_WORDS = ['at', 'a las', 'a la', 'às', 'as', 'à', 'a', 'um', 'vers'];
