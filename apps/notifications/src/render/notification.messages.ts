import type { Catalog } from '@lib/i18n';

/*
 * What notifications say, in ICU MessageFormat, in English, Urdu, Russian and Kazakh. One message per
 * event type (the key is the `ce_type`); the variants of a type are `select`s, counts are `plural`s.
 * Arguments are filled in by renderNotification: `shipment` is the `shipment` message already
 * formatted, times arrive formatted in the place's own zone with its offset, places and crossings
 * as their proper names (Latin script), measurements as numbers in the language's format or a dash when the
 * payload lacks one (so never "NaN"). Every language uses the same arguments as English
 * (brokenMessages checks it), so a translation cannot silently drop a fact.
 * Russian and Kazakh avoid declining the names: "пункт пропуска {crossing}", "{crossing} өткізу пунктінде".
 */

const en = {
  shipment: '{hasCommodity, select, yes {{commodity} shipment {tracking}} other {Shipment {tracking}}}',
  'place.unknown': 'an unknown place',
  'crossing.unknown': 'the border',
  fallback: '{shipment}: {event}',
  sentence: '{sentence}.',
  'label.shipment': 'Shipment',
  'label.trackingNumber': 'Tracking number',
  'label.event': 'Event',
  'label.when': 'When',

  'shipment.booked': '{shipment} booked: {from} → {to}, {legs, plural, one {# leg} other {# legs}}',
  'shipment.cancelled': '{shipment} cancelled{hasReason, select, yes {: {reason}} other {}}',
  'shipment.leg.departed': '{shipment} departed {place} (leg {leg}, {carrier})',
  'shipment.leg.arrived': '{shipment} arrived at {place} (leg {leg}, {carrier})',
  'shipment.border.reached': '{shipment} reached {crossing}',
  'shipment.border.exited': '{shipment} crossed {crossing}',
  'shipment.delivered': '{shipment} delivered at {place}',
  'shipment.exception': '{shipment}: exception on leg {leg} — {reason}',
  'shipment.temperature.excursion':
    '{shipment} at {outside, select, ' +
    'humidity {{humidity} % relative humidity, outside {minHumidity}–{maxHumidity} %} ' +
    'both {{celsius} °C, outside {minCelsius}–{maxCelsius} °C ' +
    'and {humidity} % relative humidity, outside {minHumidity}–{maxHumidity} %} ' +
    'other {{celsius} °C, outside {minCelsius}–{maxCelsius} °C}}, near {place}',
  'shipment.eta.changed':
    '{source, select, ' +
    'interval {{shipment}: arrival predicted {time} (between {earliest} and {latest})} ' +
    'predicted {{shipment}: arrival predicted {time}} ' +
    'other {{shipment}: leg {leg} now expected {time}}}',
  'shipment.leg.delayed': '{shipment} is late on leg {leg}: planned {planned}, now expected {time}',
  'shipment.shelf_life.at_risk': '{shipment} shelf life at risk: expires {expires}, delivery expected {delivery}',
  'shipment.reefer.silent':
    '{since, select, ' +
    'reading {{shipment}: no reefer reading since {time}} ' +
    'other {{shipment}: no reefer reading since departure at {time}}}',
  'customs.declaration.opened':
    '{shipment}: customs opened a declaration at {crossing} ' +
    '({documents, plural, one {# document} other {# documents}} required)',
  'customs.documents.missing':
    '{stage, select, ' +
    'reminder {{shipment}: documents still missing for {crossing}, expected there {time}: {missing}} ' +
    'other {{shipment} held at {crossing}: documents missing: {missing}}}',
  'customs.inspection.started': '{shipment} under customs inspection at {crossing}',
  'customs.held': '{shipment} held by customs at {crossing}: {reason}',
  'customs.cleared': '{shipment} cleared customs at {crossing}',
  'customs.rejected': '{shipment} rejected by customs at {crossing}: {reason}',
  'customs.sla.breached': '{shipment}: customs clearance at {crossing} overdue since {time}',

  'crossing.closed': '{crossing} closed from {from}{hasUntil, select, yes { until {until}} other {}}: {reason}',
  'crossing.opened': '{crossing} open from {from}{hasUntil, select, yes { until {until}} other {}}: {reason}',
  'crossing.override.lifted':
    '{crossing}: the operator’s {wasOpen, select, yes {opening} other {closure}} was lifted; ' +
    'it is {openNow, select, yes {open} other {closed}} now, as the seasonal calendar has it',
  'notification.delivered':
    'Notification of {event} delivered by {channel, select, webhook {webhook} email {email} other {feed}} ' +
    '({attempts, plural, one {# attempt} other {# attempts}})',
  'notification.failed':
    'Notification of {event} not delivered by {channel, select, webhook {webhook} email {email} other {feed}} ' +
    'after {attempts, plural, one {# attempt} other {# attempts}}: {error}',

  'document.commercial_invoice': 'commercial invoice',
  'document.packing_list': 'packing list',
  'document.certificate_of_origin': 'certificate of origin',
  'document.phytosanitary_certificate': 'phytosanitary certificate',
  'document.tir_carnet': 'TIR carnet',
  'document.pakistan_goods_declaration': 'Goods Declaration (Pakistan)',
  'document.cmr_consignment_note': 'CMR consignment note',
  'document.smgs_waybill': 'SMGS waybill',
  'document.bill_of_lading': 'bill of lading',
  'document.air_waybill': 'air waybill',
};

export type NotificationMessageKey = keyof typeof en;

export const notificationMessages: Catalog<NotificationMessageKey> = {
  en,

  ur: {
    shipment: '{hasCommodity, select, yes {کھیپ {tracking} ({commodity})} other {کھیپ {tracking}}}',
    'place.unknown': 'نامعلوم مقام',
    'crossing.unknown': 'سرحد',
    fallback: '{shipment}: واقعہ {event}',
    sentence: '{sentence}۔',
    'label.shipment': 'کھیپ',
    'label.trackingNumber': 'ٹریکنگ نمبر',
    'label.event': 'واقعہ',
    'label.when': 'وقت',

    'shipment.booked': '{shipment} کی بکنگ ہو گئی: {from} سے {to} تک، {legs, plural, one {# مرحلہ} other {# مراحل}}',
    'shipment.cancelled': '{shipment} منسوخ کر دی گئی{hasReason, select, yes {۔ وجہ: {reason}} other {}}',
    'shipment.leg.departed': '{shipment} {place} سے روانہ ہو گئی (مرحلہ {leg}، کیریئر {carrier})',
    'shipment.leg.arrived': '{shipment} {place} پہنچ گئی (مرحلہ {leg}، کیریئر {carrier})',
    'shipment.border.reached': '{shipment} {crossing} پہنچ گئی',
    'shipment.border.exited': '{shipment} نے {crossing} سے سرحد پار کر لی',
    'shipment.delivered': '{shipment} {place} پر ڈیلیور کر دی گئی',
    'shipment.exception': '{shipment}: مرحلہ {leg} میں مسئلہ پیش آیا — {reason}',
    'shipment.temperature.excursion':
      '{shipment}: {outside, select, ' +
      'humidity {نمی {humidity}% ہے، جو مقررہ حد {minHumidity}–{maxHumidity}% سے باہر ہے} ' +
      'both {درجۂ حرارت {celsius} °C ہے، ' +
      'جو مقررہ حد {minCelsius}–{maxCelsius} °C سے باہر ہے، ' +
      'اور نمی {humidity}% ہے، جو مقررہ حد {minHumidity}–{maxHumidity}% سے باہر ہے} ' +
      'other {درجۂ حرارت {celsius} °C ہے، ' +
      'جو مقررہ حد {minCelsius}–{maxCelsius} °C سے باہر ہے}}' +
      '، {place} کے قریب',
    'shipment.eta.changed':
      '{source, select, ' +
      'interval {{shipment}: متوقع آمد {time} ({earliest} اور {latest} کے درمیان)} ' +
      'predicted {{shipment}: متوقع آمد {time}} ' +
      'other {{shipment}: مرحلہ {leg} پر آمد اب {time} متوقع ہے}}',
    'shipment.leg.delayed': '{shipment} مرحلہ {leg} پر تاخیر کا شکار ہے: طے شدہ آمد {planned}، اب متوقع آمد {time}',
    'shipment.shelf_life.at_risk':
      '{shipment} کی شیلف لائف خطرے میں ہے: یہ {expires} کو ختم ہو جائے گی، جبکہ ترسیل {delivery} کو متوقع ہے',
    'shipment.reefer.silent':
      '{since, select, ' +
      'reading {{shipment}: {time} کے بعد سے ریفر کی کوئی ریڈنگ موصول نہیں ہوئی} ' +
      'other {{shipment}: روانگی ({time}) کے بعد سے ریفر کی کوئی ریڈنگ موصول نہیں ہوئی}}',
    'customs.declaration.opened':
      '{shipment}: کسٹمز نے {crossing} پر ڈیکلریشن کھول دی ' +
      '({documents, plural, one {# دستاویز} other {# دستاویزات}} درکار)',
    'customs.documents.missing':
      '{stage, select, ' +
      'reminder {{shipment}: {crossing} کے لیے دستاویزات ابھی تک مکمل نہیں (وہاں آمد {time} متوقع ہے): {missing}} ' +
      'other {{shipment} کو {crossing} پر روک لیا گیا ہے، یہ دستاویزات موجود نہیں: {missing}}}',
    'customs.inspection.started': '{shipment} کا {crossing} پر کسٹمز معائنہ شروع ہو گیا',
    'customs.held': '{shipment} کو کسٹمز نے {crossing} پر روک لیا: {reason}',
    'customs.cleared': '{shipment} کی {crossing} پر کسٹمز کلیئرنس ہو گئی',
    'customs.rejected': '{shipment} کو کسٹمز نے {crossing} پر مسترد کر دیا: {reason}',
    'customs.sla.breached': '{shipment}: {crossing} پر کسٹمز کلیئرنس کی مقررہ مدت {time} کو ختم ہو گئی',

    'crossing.closed': '{crossing} {from} سے{hasUntil, select, yes { {until} تک} other {}} بند ہے: {reason}',
    'crossing.opened': '{crossing} {from} سے{hasUntil, select, yes { {until} تک} other {}} کھلا ہے: {reason}',
    'crossing.override.lifted':
      '{crossing}: {wasOpen, select, yes {خصوصی طور پر کھولنے} other {خصوصی بندش}} کا حکم واپس لے لیا گیا؛ ' +
      'موسمی شیڈول کے مطابق اب یہ {openNow, select, yes {کھلا} other {بند}} ہے',
    'notification.delivered':
      '{event} کی اطلاع {channel, select, webhook {ویب ہک} email {ای میل} other {فیڈ}} کے ذریعے پہنچا دی گئی ' +
      '({attempts, plural, one {# کوشش} other {# کوششیں}})',
    'notification.failed':
      '{event} کی اطلاع {channel, select, webhook {ویب ہک} email {ای میل} other {فیڈ}} کے ذریعے ' +
      '{attempts, plural, one {# کوشش} other {# کوششوں}} کے بعد بھی نہیں پہنچ سکی: {error}',

    'document.commercial_invoice': 'کمرشل انوائس',
    'document.packing_list': 'پیکنگ لسٹ',
    'document.certificate_of_origin': 'سرٹیفکیٹ آف اوریجن',
    'document.phytosanitary_certificate': 'فائٹو سینیٹری سرٹیفکیٹ',
    'document.tir_carnet': 'ٹی آئی آر کارنیٹ',
    'document.pakistan_goods_declaration': 'گڈز ڈیکلریشن (پاکستان)',
    'document.cmr_consignment_note': 'سی ایم آر کنسائنمنٹ نوٹ',
    'document.smgs_waybill': 'ایس ایم جی ایس ریلوے وے بل',
    'document.bill_of_lading': 'بل آف لیڈنگ',
    'document.air_waybill': 'ایئر وے بل',
  },

  ru: {
    shipment: '{hasCommodity, select, yes {Груз {tracking} ({commodity})} other {Груз {tracking}}}',
    'place.unknown': '(не указан)',
    'crossing.unknown': '(не указан)',
    fallback: '{shipment}: событие {event}',
    sentence: '{sentence}.',
    'label.shipment': 'Груз',
    'label.trackingNumber': 'Трек-номер',
    'label.event': 'Событие',
    'label.when': 'Время',

    'shipment.booked':
      '{shipment} принят к перевозке: {from} → {to}, ' +
      '{legs, plural, one {# этап} few {# этапа} many {# этапов} other {# этапа}}',
    'shipment.cancelled': '{shipment}: перевозка отменена{hasReason, select, yes {. Причина: {reason}} other {}}',
    'shipment.leg.departed': '{shipment} отправлен из пункта {place} (этап {leg}, перевозчик {carrier})',
    'shipment.leg.arrived': '{shipment} прибыл в пункт {place} (этап {leg}, перевозчик {carrier})',
    'shipment.border.reached': '{shipment} прибыл на пункт пропуска {crossing}',
    'shipment.border.exited': '{shipment} прошёл пункт пропуска {crossing}',
    'shipment.delivered': '{shipment} доставлен в пункт назначения {place}',
    'shipment.exception': '{shipment}: нештатная ситуация на этапе {leg} — {reason}',
    'shipment.temperature.excursion':
      '{shipment}: {outside, select, ' +
      'humidity {нарушен режим влажности — {humidity} % при допустимых ' +
      '{minHumidity}–{maxHumidity} %} ' +
      'both {нарушены температурный режим и режим влажности — {celsius} °C при допустимых ' +
      '{minCelsius}–{maxCelsius} °C, влажность {humidity} % при допустимых ' +
      '{minHumidity}–{maxHumidity} %} ' +
      'other {нарушен температурный режим — {celsius} °C при допустимых ' +
      '{minCelsius}–{maxCelsius} °C}}, район пункта {place}',
    'shipment.eta.changed':
      '{source, select, ' +
      'interval {{shipment}: прогноз прибытия — {time} (в интервале от {earliest} до {latest})} ' +
      'predicted {{shipment}: прогноз прибытия — {time}} ' +
      'other {{shipment}: новое ожидаемое время прибытия по этапу {leg} — {time}}}',
    'shipment.leg.delayed': '{shipment} задерживается на этапе {leg}: по плану — {planned}, теперь ожидается {time}',
    'shipment.shelf_life.at_risk':
      '{shipment}: под угрозой срок годности — истекает {expires}, доставка ожидается {delivery}',
    'shipment.reefer.silent':
      '{since, select, ' +
      'reading {{shipment}: нет данных от рефрижератора с {time}} ' +
      'other {{shipment}: нет данных от рефрижератора с момента отправки ({time})}}',
    'customs.declaration.opened':
      '{shipment}: на пункте пропуска {crossing} открыта таможенная декларация, нужно представить ' +
      '{documents, plural, one {# документ} few {# документа} many {# документов} other {# документа}}',
    'customs.documents.missing':
      '{stage, select, ' +
      'reminder {{shipment}: для пункта пропуска {crossing} всё ещё не хватает документов ' +
      '(прибытие ожидается {time}): {missing}} ' +
      'other {{shipment} задержан на пункте пропуска {crossing}, не хватает документов: {missing}}}',
    'customs.inspection.started': '{shipment}: на пункте пропуска {crossing} начат таможенный досмотр',
    'customs.held': '{shipment} задержан таможней на пункте пропуска {crossing}: {reason}',
    'customs.cleared': '{shipment} прошёл таможенное оформление на пункте пропуска {crossing}',
    'customs.rejected': '{shipment}: таможня на пункте пропуска {crossing} отказала в выпуске: {reason}',
    'customs.sla.breached': '{shipment}: срок таможенного оформления на пункте пропуска {crossing} истёк {time}',

    'crossing.closed':
      'Пункт пропуска {crossing} закрыт с {from}{hasUntil, select, yes { до {until}} other {}}: {reason}',
    'crossing.opened':
      'Пункт пропуска {crossing} открыт с {from}{hasUntil, select, yes { до {until}} other {}}: {reason}',
    'crossing.override.lifted':
      'Пункт пропуска {crossing}: {wasOpen, select, yes {внеплановое открытие} other {внеплановое закрытие}} ' +
      'отменено, сейчас пункт {openNow, select, yes {открыт} other {закрыт}} по сезонному графику',
    'notification.delivered':
      'Уведомление о событии {event} доставлено ' +
      '({channel, select, webhook {вебхук} email {электронная почта} other {лента}}, ' +
      '{attempts, plural, one {# попытка} few {# попытки} many {# попыток} other {# попытки}})',
    'notification.failed':
      'Уведомление о событии {event} не доставлено ' +
      '({channel, select, webhook {вебхук} email {электронная почта} other {лента}}) после ' +
      '{attempts, plural, one {# попытки} few {# попыток} many {# попыток} other {# попытки}}: {error}',

    'document.commercial_invoice': 'коммерческий инвойс',
    'document.packing_list': 'упаковочный лист',
    'document.certificate_of_origin': 'сертификат происхождения',
    'document.phytosanitary_certificate': 'фитосанитарный сертификат',
    'document.tir_carnet': 'книжка МДП',
    'document.pakistan_goods_declaration': 'декларация на товары (Пакистан)',
    'document.cmr_consignment_note': 'накладная CMR',
    'document.smgs_waybill': 'накладная СМГС',
    'document.bill_of_lading': 'коносамент',
    'document.air_waybill': 'авиагрузовая накладная',
  },

  kk: {
    shipment: '{hasCommodity, select, yes {Жүк {tracking} ({commodity})} other {Жүк {tracking}}}',
    'place.unknown': '(көрсетілмеген)',
    'crossing.unknown': '(көрсетілмеген)',
    fallback: '{shipment}: {event} оқиғасы',
    sentence: '{sentence}.',
    'label.shipment': 'Жүк',
    'label.trackingNumber': 'Трек-нөмір',
    'label.event': 'Оқиға',
    'label.when': 'Уақыты',

    'shipment.booked':
      '{shipment} тасымалдауға қабылданды: {from} → {to}, {legs, plural, one {# кезең} other {# кезең}}',
    'shipment.cancelled': '{shipment}: тасымалдау болдырылмады{hasReason, select, yes {. Себебі: {reason}} other {}}',
    'shipment.leg.departed': '{shipment} {place} пунктінен жөнелтілді ({leg}-кезең, тасымалдаушы {carrier})',
    'shipment.leg.arrived': '{shipment} {place} пунктіне келді ({leg}-кезең, тасымалдаушы {carrier})',
    'shipment.border.reached': '{shipment} {crossing} өткізу пунктіне жетті',
    'shipment.border.exited': '{shipment} {crossing} өткізу пунктінен өтті',
    'shipment.delivered': '{shipment} {place} межелі пунктіне жеткізілді',
    'shipment.exception': '{shipment}: {leg}-кезеңде штаттан тыс жағдай — {reason}',
    'shipment.temperature.excursion':
      '{shipment}: {outside, select, ' +
      'humidity {ылғалдылық режимі бұзылды — {humidity} % ' +
      '(рұқсат етілгені {minHumidity}–{maxHumidity} %)} ' +
      'both {температуралық режим мен ылғалдылық режимі бұзылды — {celsius} °C ' +
      '(рұқсат етілгені {minCelsius}–{maxCelsius} °C), ылғалдылық {humidity} % ' +
      '(рұқсат етілгені {minHumidity}–{maxHumidity} %)} ' +
      'other {температуралық режим бұзылды — {celsius} °C ' +
      '(рұқсат етілгені {minCelsius}–{maxCelsius} °C)}}, {place} пунктінің маңында',
    'shipment.eta.changed':
      '{source, select, ' +
      'interval {{shipment}: болжамды келу уақыты — {time} ({earliest} мен {latest} аралығында)} ' +
      'predicted {{shipment}: болжамды келу уақыты — {time}} ' +
      'other {{shipment}: {leg}-кезеңнің жаңа күтілетін келу уақыты — {time}}}',
    'shipment.leg.delayed':
      '{shipment} {leg}-кезеңде кешігуде: жоспар бойынша — {planned}, енді күтілетін уақыт — {time}',
    'shipment.shelf_life.at_risk':
      '{shipment}: жарамдылық мерзімі қатерде — мерзімі бітетін уақыт: {expires}, күтілетін жеткізу: {delivery}',
    'shipment.reefer.silent':
      '{since, select, ' +
      'reading {{shipment}: рефрижератордан соңғы дерек {time} уақытында түсті, содан бері дерек жоқ} ' +
      'other {{shipment}: жөнелтілгеннен бері ({time}) рефрижератордан дерек түскен жоқ}}',
    'customs.declaration.opened':
      '{shipment}: {crossing} өткізу пунктінде кедендік декларация ашылды, ' +
      '{documents, plural, one {# құжат} other {# құжат}} ұсыну қажет',
    'customs.documents.missing':
      '{stage, select, ' +
      'reminder {{shipment}: {crossing} өткізу пунктіне қажетті құжаттар әлі толық емес ' +
      '(күтілетін келу уақыты: {time}): {missing}} ' +
      'other {{shipment} {crossing} өткізу пунктінде ұсталды, құжаттар жетіспейді: {missing}}}',
    'customs.inspection.started': '{shipment}: {crossing} өткізу пунктінде кедендік тексеру басталды',
    'customs.held': '{shipment} {crossing} өткізу пунктінде кеденде ұсталды: {reason}',
    'customs.cleared': '{shipment} {crossing} өткізу пунктінде кедендік ресімдеуден өтті',
    'customs.rejected': '{shipment}: {crossing} өткізу пунктінде кеден шығаруға рұқсат бермеді: {reason}',
    'customs.sla.breached':
      '{shipment}: {crossing} өткізу пунктінде кедендік ресімдеу мерзімі өтіп кетті (мерзімі: {time})',

    'crossing.closed':
      '{crossing} өткізу пункті {from} уақытынан бастап{hasUntil, select, yes { {until} уақытына дейін} other {}} ' +
      'жабық. Себебі: {reason}',
    'crossing.opened':
      '{crossing} өткізу пункті {from} уақытынан бастап{hasUntil, select, yes { {until} уақытына дейін} other {}} ' +
      'ашық. Себебі: {reason}',
    'crossing.override.lifted':
      '{crossing} өткізу пункті: {wasOpen, select, yes {кезектен тыс ашу} other {кезектен тыс жабу}} ' +
      'тоқтатылды, қазір маусымдық кесте бойынша {openNow, select, yes {ашық} other {жабық}}',
    'notification.delivered':
      '{event} оқиғасы туралы хабарлама жеткізілді ' +
      '({channel, select, webhook {вебхук} email {электрондық пошта} other {лента}}, ' +
      '{attempts, plural, one {# талпыныс} other {# талпыныс}})',
    'notification.failed':
      '{event} оқиғасы туралы хабарлама ' +
      '{attempts, plural, one {# талпыныстан} other {# талпыныстан}} кейін жеткізілмеді ' +
      '({channel, select, webhook {вебхук} email {электрондық пошта} other {лента}}): {error}',

    'document.commercial_invoice': 'коммерциялық инвойс',
    'document.packing_list': 'қаптама парағы',
    'document.certificate_of_origin': 'шығу тегі туралы сертификат',
    'document.phytosanitary_certificate': 'фитосанитариялық сертификат',
    'document.tir_carnet': 'ХЖТ кітапшасы',
    'document.pakistan_goods_declaration': 'тауарларға арналған декларация (Пәкістан)',
    'document.cmr_consignment_note': 'CMR жүкқұжаты',
    'document.smgs_waybill': 'СМГС жүкқұжаты',
    'document.bill_of_lading': 'коносамент',
    'document.air_waybill': 'әуе жүкқұжаты',
  },
};
