import type { Catalog } from '@lib/i18n';

const en = {
  pageTitle: 'Shipment {trackingNumber}',
  heading: 'Shipment {trackingNumber}',
  intro: 'Live tracking shared by the shipper.',
  cargo: 'Cargo',
  cargoLine:
    '{commodity} · {packages, plural, one {# package} other {# packages}} · {weightKg, number, ::unit/kilogram ' +
    'unit-width-short}',
  statusLabel: 'Status',
  status:
    '{status, select, BOOKED {Booked} IN_TRANSIT {In transit} DELIVERED {Delivered} CANCELLED {Cancelled} other ' +
    '{Unknown}}',
  route: 'Route',
  routeSummary:
    '{legs, plural, one {# leg} other {# legs}}, {crossings, plural, =0 {no crossings} one {# crossing} other {# ' +
    'crossings}}',
  mode: '{mode, select, ROAD {Road} RAIL {Rail} SEA {Sea} AIR {Air} other {Transport}}',
  legLine: 'Leg {sequence} · {carrier}',
  legStatus: '{status, select, PLANNED {Not started} DEPARTED {Under way} ARRIVED {Arrived} other {Unknown}}',
  customsAt: 'Customs at {crossing}',
  customs:
    '{state, select, CLEARED {Cleared} HELD {Held for inspection} REJECTED {Refused entry} AWAITING {Awaiting ' +
    'clearance} PASSED {Crossed} PENDING {Not reached yet} other {Unknown}}',
  hereNow: 'The cargo is here',
  onTheWay: 'The cargo is on this leg',
  lastSeen: 'Last reported at {place}, {at}',
  eta: 'Expected arrival',
  etaInterval: 'Most likely between {earliest} and {latest}',
  etaPlanned: 'As planned at booking',
  deliveredAt: 'Delivered {at}',
  noEta: 'No arrival time predicted yet.',
  timeline: 'Timeline',
  timelineNote: 'Each time is shown in the local time of its place.',
  eventCount: '{count, plural, =0 {No events yet.} one {# event} other {# events, latest last}}',
  event:
    '{kind, select, departure {Departed} arrival {Arrived} border_arrival {Arrived at the border} border_exit ' +
    '{Crossed the border} gate_in {Entered the terminal} gate_out {Left the terminal} load {Loaded} discharge ' +
    '{Unloaded} delivery {Delivered to the consignee} exception {Delay or problem reported} temperature {Temperature ' +
    'reading} customs_hold {Held by customs} customs_release {Released by customs} customs_rejection {Refused by ' +
    'customs} other {Update}}',
  expected: 'expected',
  consignee: 'Consignee',
  documents: 'Documents',
  tirDocument: 'TIR carnet {reference}, leg {sequence}',
  noDocuments: 'No transit documents on record.',
  qrCaption: 'Scan to open this page (for the paperwork).',
  live: 'Live: this page updates by itself.',
  expires: 'This link works until {at}.',
  language: 'Language',
  goneTitle: 'This tracking link is not valid',
  goneBody: 'It may have expired, or the shipper has withdrawn it. Ask the shipper for a new link.',
};

export type TrackingMessage = keyof typeof en;

/** The public tracking page's words in English, Urdu, Russian and Kazakh (ICU: plurals, selects, numbers). */
export const trackingMessages: Catalog<TrackingMessage> = {
  en,
  ur: {
    pageTitle: 'کھیپ {trackingNumber}',
    heading: 'کھیپ {trackingNumber}',
    intro: 'بھیجنے والے کی جانب سے شیئر کی گئی براہ راست ٹریکنگ۔',
    cargo: 'سامان',
    cargoLine:
      '{commodity} · {packages, plural, one {# پیکج} other {# پیکجز}} · {weightKg, number, ::unit/kilogram ' +
      'unit-width-short}',
    statusLabel: 'حیثیت',
    status:
      '{status, select, BOOKED {بک ہو گئی} IN_TRANSIT {راستے میں} DELIVERED {پہنچا دی گئی} CANCELLED {منسوخ} other ' +
      '{نامعلوم}}',
    route: 'راستہ',
    routeSummary:
      '{legs, plural, one {# مرحلہ} other {# مراحل}}، {crossings, plural, =0 {کوئی سرحدی گزرگاہ نہیں} one {# سرحدی ' +
      'گزرگاہ} other {# سرحدی گزرگاہیں}}',
    mode: '{mode, select, ROAD {سڑک} RAIL {ریل} SEA {بحری} AIR {ہوائی} other {ٹرانسپورٹ}}',
    legLine: 'مرحلہ {sequence} · {carrier}',
    legStatus: '{status, select, PLANNED {ابھی شروع نہیں ہوا} DEPARTED {جاری} ARRIVED {پہنچ گیا} other {نامعلوم}}',
    customsAt: '{crossing} پر کسٹمز',
    customs:
      '{state, select, CLEARED {کلیئر ہو گیا} HELD {معائنے کے لیے روکا گیا} REJECTED {داخلہ مسترد} AWAITING {کلیئرنس ' +
      'کا انتظار} PASSED {سرحد پار ہو گئی} PENDING {ابھی نہیں پہنچا} other {نامعلوم}}',
    hereNow: 'سامان یہاں ہے',
    onTheWay: 'سامان اس مرحلے پر ہے',
    lastSeen: 'آخری اطلاع: {place}، {at}',
    eta: 'متوقع آمد',
    etaInterval: 'غالب امکان {earliest} اور {latest} کے درمیان',
    etaPlanned: 'بکنگ کے وقت کے منصوبے کے مطابق',
    deliveredAt: '{at} کو پہنچا دی گئی',
    noEta: 'ابھی آمد کا کوئی اندازہ نہیں لگایا گیا۔',
    timeline: 'سفر کی تفصیل',
    timelineNote: 'ہر وقت اس جگہ کے مقامی وقت کے مطابق دکھایا گیا ہے۔',
    eventCount: '{count, plural, =0 {ابھی کوئی اندراج نہیں۔} one {# اندراج} other {# اندراجات، تازہ ترین آخر میں}}',
    event:
      '{kind, select, departure {روانہ ہوا} arrival {پہنچ گیا} border_arrival {سرحد پر پہنچ گیا} border_exit {سرحد ' +
      'پار کر لی} gate_in {ٹرمینل میں داخل ہوا} gate_out {ٹرمینل سے نکل گیا} load {لوڈ کیا گیا} discharge {اتارا ' +
      'گیا} delivery {وصول کنندہ کو پہنچا دیا گیا} exception {تاخیر یا مسئلے کی اطلاع} temperature {درجۂ حرارت کی ' +
      'ریڈنگ} customs_hold {کسٹمز نے روک لیا} customs_release {کسٹمز نے کلیئر کر دیا} customs_rejection {کسٹمز نے ' +
      'مسترد کر دیا} other {تازہ اطلاع}}',
    expected: 'متوقع',
    consignee: 'وصول کنندہ',
    documents: 'دستاویزات',
    tirDocument: 'ٹی آئی آر کارنیٹ {reference}، مرحلہ {sequence}',
    noDocuments: 'ٹرانزٹ کی کوئی دستاویز ریکارڈ میں نہیں۔',
    qrCaption: 'یہ صفحہ کھولنے کے لیے اسکین کریں (کاغذات کے لیے)۔',
    live: 'براہ راست: یہ صفحہ خود بخود اپ ڈیٹ ہوتا ہے۔',
    expires: 'یہ لنک {at} تک کارآمد ہے۔',
    language: 'زبان',
    goneTitle: 'یہ ٹریکنگ لنک درست نہیں',
    goneBody: 'ہو سکتا ہے اس کی مدت ختم ہو گئی ہو یا بھیجنے والے نے اسے واپس لے لیا ہو۔ بھیجنے والے سے نیا لنک مانگیں۔',
  },
  ru: {
    pageTitle: 'Груз {trackingNumber}',
    heading: 'Груз {trackingNumber}',
    intro: 'Отслеживание в реальном времени, открытое отправителем.',
    cargo: 'Груз',
    cargoLine:
      '{commodity} · {packages, plural, one {# место} few {# места} many {# мест} other {# места}} · {weightKg, ' +
      'number, ::unit/kilogram unit-width-short}',
    statusLabel: 'Статус',
    status:
      '{status, select, BOOKED {Принят к перевозке} IN_TRANSIT {В пути} DELIVERED {Доставлен} CANCELLED {Отменён} ' +
      'other {Неизвестно}}',
    route: 'Маршрут',
    routeSummary:
      '{legs, plural, one {# плечо} few {# плеча} many {# плеч} other {# плеча}}, {crossings, plural, =0 {без ' +
      'пограничных переходов} one {# пограничный переход} few {# пограничных перехода} many {# пограничных ' +
      'переходов} other {# пограничного перехода}}',
    mode: '{mode, select, ROAD {Автотранспорт} RAIL {Железная дорога} SEA {Море} AIR {Авиа} other {Транспорт}}',
    legLine: 'Плечо {sequence} · {carrier}',
    legStatus: '{status, select, PLANNED {Не начато} DEPARTED {В пути} ARRIVED {Завершено} other {Неизвестно}}',
    customsAt: 'Таможня: {crossing}',
    customs:
      '{state, select, CLEARED {Выпущен} HELD {Задержан для досмотра} REJECTED {Отказано в выпуске} AWAITING ' +
      '{Ожидает оформления} PASSED {Граница пройдена} PENDING {Ещё не прибыл} other {Неизвестно}}',
    hereNow: 'Груз здесь',
    onTheWay: 'Груз на этом плече',
    lastSeen: 'Последняя отметка: {place}, {at}',
    eta: 'Ожидаемое прибытие',
    etaInterval: 'Скорее всего, между {earliest} и {latest}',
    etaPlanned: 'По плану при бронировании',
    deliveredAt: 'Доставлен {at}',
    noEta: 'Прогноз прибытия пока не рассчитан.',
    timeline: 'История перевозки',
    timelineNote: 'Время указано местное для каждого пункта.',
    eventCount:
      '{count, plural, =0 {Событий пока нет.} one {# событие} few {# события, последнее внизу} many {# событий, ' +
      'последнее внизу} other {# события, последнее внизу}}',
    event:
      '{kind, select, departure {Отправлен} arrival {Прибыл} border_arrival {Прибыл на границу} border_exit {Пересёк ' +
      'границу} gate_in {Въехал на терминал} gate_out {Выехал с терминала} load {Погружен} discharge {Выгружен} ' +
      'delivery {Доставлен получателю} exception {Сообщение о задержке или проблеме} temperature {Показания ' +
      'температуры} customs_hold {Задержан таможней} customs_release {Выпущен таможней} customs_rejection {Таможня ' +
      'отказала в выпуске} other {Обновление}}',
    expected: 'ожидается',
    consignee: 'Грузополучатель',
    documents: 'Документы',
    tirDocument: 'Книжка МДП {reference}, плечо {sequence}',
    noDocuments: 'Транзитных документов нет.',
    qrCaption: 'Отсканируйте, чтобы открыть эту страницу (для документов).',
    live: 'Онлайн: страница обновляется сама.',
    expires: 'Ссылка действует до {at}.',
    language: 'Язык',
    goneTitle: 'Ссылка для отслеживания недействительна',
    goneBody: 'Возможно, срок её действия истёк или отправитель её отозвал. Запросите у отправителя новую ссылку.',
  },
  kk: {
    pageTitle: 'Жүк {trackingNumber}',
    heading: 'Жүк {trackingNumber}',
    intro: 'Жөнелтуші бөліскен нақты уақыттағы бақылау.',
    cargo: 'Жүк',
    cargoLine:
      '{commodity} · {packages, plural, one {# орын} other {# орын}} · {weightKg, number, ::unit/kilogram ' +
      'unit-width-short}',
    statusLabel: 'Күйі',
    status:
      '{status, select, BOOKED {Тасымалдауға қабылданды} IN_TRANSIT {Жолда} DELIVERED {Жеткізілді} CANCELLED {Бас ' +
      'тартылды} other {Белгісіз}}',
    route: 'Бағыт',
    routeSummary:
      '{legs, plural, one {# кезең} other {# кезең}}, {crossings, plural, =0 {шекара өткелі жоқ} one {# шекара ' +
      'өткелі} other {# шекара өткелі}}',
    mode: '{mode, select, ROAD {Автокөлік} RAIL {Теміржол} SEA {Теңіз} AIR {Әуе} other {Көлік}}',
    legLine: '{sequence}-кезең · {carrier}',
    legStatus: '{status, select, PLANNED {Басталған жоқ} DEPARTED {Жолда} ARRIVED {Аяқталды} other {Белгісіз}}',
    customsAt: 'Кеден: {crossing}',
    customs:
      '{state, select, CLEARED {Кедендік рәсімдеуден өтті} HELD {Тексеруге ұсталды} REJECTED {Өткізуден бас ' +
      'тартылды} AWAITING {Рәсімдеуді күтуде} PASSED {Шекарадан өтті} PENDING {Әлі жеткен жоқ} other {Белгісіз}}',
    hereNow: 'Жүк осында',
    onTheWay: 'Жүк осы кезеңде',
    lastSeen: 'Соңғы белгі: {place}, {at}',
    eta: 'Күтілетін келу уақыты',
    etaInterval: 'Көбінесе {earliest} мен {latest} аралығында',
    etaPlanned: 'Брондау кезіндегі жоспар бойынша',
    deliveredAt: 'Жеткізілді: {at}',
    noEta: 'Келу уақыты әлі болжанған жоқ.',
    timeline: 'Тасымал тарихы',
    timelineNote: 'Әр уақыт сол жердің жергілікті уақытымен көрсетілген.',
    eventCount: '{count, plural, =0 {Әзірге оқиға жоқ.} one {# оқиға} other {# оқиға, соңғысы төменде}}',
    event:
      '{kind, select, departure {Жөнелтілді} arrival {Келді} border_arrival {Шекараға келді} border_exit {Шекарадан ' +
      'өтті} gate_in {Терминалға кірді} gate_out {Терминалдан шықты} load {Тиелді} discharge {Түсірілді} delivery ' +
      '{Алушыға жеткізілді} exception {Кідіріс не ақау туралы хабар} temperature {Температура көрсеткіші} ' +
      'customs_hold {Кеден ұстап қалды} customs_release {Кеден өткізді} customs_rejection {Кеден өткізуден бас ' +
      'тартты} other {Жаңарту}}',
    expected: 'күтілуде',
    consignee: 'Жүк алушы',
    documents: 'Құжаттар',
    tirDocument: 'TIR кітапшасы {reference}, {sequence}-кезең',
    noDocuments: 'Транзиттік құжаттар жоқ.',
    qrCaption: 'Осы бетті ашу үшін сканерлеңіз (құжаттарға арналған).',
    live: 'Тікелей: бет өздігінен жаңарады.',
    expires: 'Сілтеме {at} дейін жарамды.',
    language: 'Тіл',
    goneTitle: 'Бұл бақылау сілтемесі жарамсыз',
    goneBody:
      'Оның мерзімі өтіп кеткен немесе жөнелтуші оны қайтарып алған болуы мүмкін. Жөнелтушіден жаңа сілтеме сұраңыз.',
  },
};
