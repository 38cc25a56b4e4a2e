import {
  DEFAULT_LANGUAGE,
  directionOf,
  formatLocalTime,
  translator,
  type Language,
  type MessageValues,
} from '@lib/i18n';
import { findCrossing, findPlace, timeZoneOf, timeZoneOfCountry } from '@lib/reference-data';
import { notificationMessages, type NotificationMessageKey } from './notification.messages';

/**
 * What the notification service remembers of a shipment from its booking: how to name it in messages, and
 * its legs' places, whose zones events that name no place of their own (an ETA, a delay) are read in.
 */
export interface ShipmentContext {
  trackingNumber?: string;
  commodity?: string;
  legs?: LegPlaces[];
}

/** A booked leg's places, by its sequence (1 = the first leg). */
export interface LegPlaces {
  sequence?: number;
  from?: Place;
  to?: Place;
}

/** A notification written for people in one language: the feed's title and message, an email's subject and text. */
export interface RenderedNotification {
  language: Language;
  direction: 'rtl' | 'ltr';
  /** The sentence: the feed's title and the email's subject. */
  subject: string;
  /** The facts under it (shipment, tracking number, event, when), labelled in the language. */
  facts: [label: string, value: string][];
  /** The sentence and the facts as plain text: the feed's message and the email's text part. */
  text: string;
}

/** A place as the payloads name it: a UN/LOCODE where one exists. */
export interface Place {
  name?: string;
  locode?: string;
}

/**
 * The payload fields the messages read, all optional: one shape for every event type (see
 * libs/contracts), and a payload without a field still renders, with a gap rather than a throw.
 */
export interface EventData {
  shipmentId?: string;
  trackingNumber?: string;
  commodity?: string;
  cargo?: { commodity?: string };
  legs?: { from?: Place; to?: Place }[];
  location?: Place;
  legSequence?: number;
  carrier?: string;
  crossing?: string;
  crossingName?: string;
  reason?: string;
  celsius?: number;
  minCelsius?: number;
  maxCelsius?: number;
  humidityPercent?: number;
  minHumidityPercent?: number;
  maxHumidityPercent?: number;
  outside?: string[];
  lastReadingAt?: string | null;
  silentSince?: string;
  plannedArrival?: string;
  estimatedArrival?: string;
  /** shipment.eta.changed: the carrier's estimate or the service's prediction, with its interval. */
  source?: string;
  interval?: { earliest?: string; latest?: string };
  estimatedDelivery?: string;
  expiresAt?: string;
  expectedAt?: string;
  deadline?: string;
  occurredAt?: string;
  requiredDocuments?: string[];
  missing?: string[];
  stage?: string;
  /** crossing.closed / crossing.opened / crossing.override.lifted */
  from?: string;
  until?: string;
  wasOpen?: boolean;
  openNow?: boolean;
  /** notification.delivered / notification.failed */
  channel?: string;
  sourceEventType?: string;
  attempts?: number;
  error?: string;
}

const t = translator(notificationMessages);

/** How one language writes the parts of a message: names, moments in the event's zone, document lists. */
interface Words {
  language: Language;
  time(iso: unknown): string;
  /** A measurement in the language's digits, or a dash when the payload has none. */
  number(value: unknown): string;
  place(p: Place | undefined): string;
  crossing(value: unknown): string;
  documents(items: unknown): string;
}

const yes = (value: unknown): 'yes' | 'no' => (value ? 'yes' : 'no');

/** The arguments of each event type's message (the catalog's key is the type). Rules as data. */
const VALUES: Partial<Record<NotificationMessageKey, (d: EventData, w: Words) => MessageValues>> = {
  'shipment.booked': (d, w) => {
    const legs = d.legs ?? [];
    return { from: w.place(legs[0]?.from), to: w.place(legs[legs.length - 1]?.to), legs: legs.length };
  },
  'shipment.cancelled': (d) => ({ hasReason: yes(d.reason), reason: d.reason ?? '' }),
  'shipment.leg.departed': (d, w) => ({
    place: w.place(d.location),
    leg: d.legSequence ?? '',
    carrier: d.carrier ?? '',
  }),
  'shipment.leg.arrived': (d, w) => ({
    place: w.place(d.location),
    leg: d.legSequence ?? '',
    carrier: d.carrier ?? '',
  }),
  'shipment.border.reached': (d, w) => ({ crossing: w.crossing(d.crossing) }),
  'shipment.border.exited': (d, w) => ({ crossing: w.crossing(d.crossing) }),
  'shipment.delivered': (d, w) => ({ place: w.place(d.location) }),
  'shipment.exception': (d) => ({ leg: d.legSequence ?? '', reason: d.reason ?? '' }),
  // Facts from before humidity was watched name no `outside`: it was the temperature.
  'shipment.temperature.excursion': (d, w) => ({
    outside: d.outside?.includes('humidity')
      ? d.outside.includes('temperature')
        ? 'both'
        : 'humidity'
      : 'temperature',
    celsius: w.number(d.celsius),
    minCelsius: w.number(d.minCelsius),
    maxCelsius: w.number(d.maxCelsius),
    humidity: w.number(d.humidityPercent),
    minHumidity: w.number(d.minHumidityPercent),
    maxHumidity: w.number(d.maxHumidityPercent),
    place: w.place(d.location),
  }),
  'shipment.eta.changed': (d, w) => ({
    source:
      d.source === 'predicted' ? (d.interval?.earliest && d.interval.latest ? 'interval' : 'predicted') : 'carrier',
    time: w.time(d.estimatedArrival),
    earliest: w.time(d.interval?.earliest),
    latest: w.time(d.interval?.latest),
    leg: d.legSequence ?? '',
  }),
  'shipment.leg.delayed': (d, w) => ({
    leg: d.legSequence ?? '',
    planned: w.time(d.plannedArrival),
    time: w.time(d.estimatedArrival),
  }),
  'shipment.shelf_life.at_risk': (d, w) => ({ expires: w.time(d.expiresAt), delivery: w.time(d.estimatedDelivery) }),
  'shipment.reefer.silent': (d, w) => ({
    since: d.lastReadingAt ? 'reading' : 'departure',
    time: w.time(d.lastReadingAt ?? d.silentSince),
  }),
  'customs.declaration.opened': (d, w) => ({
    crossing: w.crossing(d.crossing),
    documents: (d.requiredDocuments ?? []).length,
  }),
  'customs.documents.missing': (d, w) => ({
    stage: d.stage === 'reminder' ? 'reminder' : 'arrival',
    crossing: w.crossing(d.crossing),
    time: w.time(d.expectedAt),
    missing: w.documents(d.missing),
  }),
  'customs.inspection.started': (d, w) => ({ crossing: w.crossing(d.crossing) }),
  'customs.held': (d, w) => ({ crossing: w.crossing(d.crossing), reason: d.reason ?? '' }),
  'customs.cleared': (d, w) => ({ crossing: w.crossing(d.crossing) }),
  'customs.rejected': (d, w) => ({ crossing: w.crossing(d.crossing), reason: d.reason ?? '' }),
  'customs.sla.breached': (d, w) => ({ crossing: w.crossing(d.crossing), time: w.time(d.deadline) }),
  'crossing.closed': (d, w) => crossingOverride(d, w),
  'crossing.opened': (d, w) => crossingOverride(d, w),
  'crossing.override.lifted': (d, w) => ({
    crossing: d.crossingName ?? w.crossing(d.crossing),
    wasOpen: yes(d.wasOpen),
    openNow: yes(d.openNow),
  }),
  'notification.delivered': (d) => notificationOutcome(d),
  'notification.failed': (d) => notificationOutcome(d),
};

function crossingOverride(d: EventData, w: Words): MessageValues {
  return {
    crossing: d.crossingName ?? w.crossing(d.crossing),
    from: w.time(d.from),
    hasUntil: yes(d.until),
    until: w.time(d.until),
    reason: d.reason ?? '',
  };
}

function notificationOutcome(d: EventData): MessageValues {
  return {
    event: d.sourceEventType ?? '',
    channel: d.channel ?? '',
    attempts: d.attempts ?? 0,
    error: d.error ?? '',
  };
}

/**
 * The zone an event's times are read in: its place's where the payload names one; for a crossing, the
 * zone of the side its customs post is on (the crossing's `place`, where the leg starting there departs
 * and where customs clears it); for an event about an arrival or the cargo on its way, which names no
 * place, the booked place it concerns (placeConcerned); else UTC. Every time is printed with its offset,
 * so none is ambiguous.
 */
export function timeZoneOfEvent(d: EventData, type = '', context: ShipmentContext = {}): string {
  const place = d.location?.name || d.location?.locode ? d.location : placeConcerned(type, d, context);
  if (place?.name || place?.locode) return timeZoneOf({ locode: place.locode, name: place.name ?? '' });
  if (typeof d.crossing === 'string') return timeZoneOfCrossing(d.crossing);
  return 'UTC';
}

/**
 * The booked place an event without a place of its own is about: where leg n arrives for a carrier's ETA
 * or a delay on leg n; the destination for the predicted arrival and for shelf life (delivery); for a
 * silent reefer, where its current leg goes, else the destination.
 */
function placeConcerned(type: string, d: EventData, { legs = [] }: ShipmentContext): Place | undefined {
  const destination = legs[legs.length - 1]?.to;
  const legTo = (sequence: number | undefined) =>
    sequence === undefined ? undefined : (legs.find((leg) => leg.sequence === sequence) ?? legs[sequence - 1])?.to;
  switch (type) {
    case 'shipment.eta.changed':
      return d.source === 'predicted' ? destination : (legTo(d.legSequence) ?? destination);
    case 'shipment.leg.delayed':
    case 'shipment.reefer.silent':
      return legTo(d.legSequence) ?? destination;
    case 'shipment.shelf_life.at_risk':
      return destination;
    default:
      return undefined;
  }
}

function timeZoneOfCrossing(idNameOrLocode: string): string {
  const crossing = findCrossing(idNameOrLocode);
  if (!crossing) {
    const place = findPlace(idNameOrLocode);
    if (place) return timeZoneOf(place);
    return /^[A-Z]{2}[A-Z0-9]{3}$/.test(idNameOrLocode) ? timeZoneOf({ locode: idNameOrLocode, name: '' }) : 'UTC';
  }
  const zone = timeZoneOf(findPlace(crossing.place) ?? { name: crossing.place });
  return zone !== 'UTC' ? zone : timeZoneOfCountry(crossing.countries[0]);
}

function wordsFor(language: Language, zone: string): Words {
  const lists = new Intl.ListFormat(language, { type: 'conjunction' });
  const numbers = new Intl.NumberFormat(language);
  return {
    language,
    time: (iso) => (typeof iso === 'string' && formatLocalTime(iso, language, zone)) || '—',
    number: (value) => (typeof value === 'number' && Number.isFinite(value) ? numbers.format(value) : '—'),
    place: (p) => (p?.name ? (p.locode ? `${p.name} (${p.locode})` : p.name) : t(language, 'place.unknown')),
    crossing: (value) =>
      typeof value === 'string' ? (findCrossing(value)?.name ?? value) : t(language, 'crossing.unknown'),
    documents: (items) =>
      lists.format(Array.isArray(items) ? items.map((item) => documentName(language, String(item))) : []),
  };
}

function documentName(language: Language, type: string): string {
  const key = `document.${type}`;
  return key in notificationMessages.en ? t(language, key as NotificationMessageKey) : type.replaceAll('_', ' ');
}

function shipmentName(d: EventData, context: ShipmentContext, language: Language): string {
  const commodity = context.commodity ?? d.cargo?.commodity ?? d.commodity;
  const tracking = context.trackingNumber ?? d.trackingNumber ?? String(d.shipmentId ?? '').slice(0, 8);
  const name = t(language, 'shipment', { hasCommodity: yes(commodity), commodity: commodity ?? '', tracking }).trim();
  // English starts it with the commodity, and the sentence with it: "Kinnow shipment …".
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function sentenceOf(type: string, d: EventData, shipment: string, words: Words): string {
  const { language } = words;
  const fallback = () => t(language, 'fallback', { shipment, event: type.replaceAll('.', ' ').replaceAll('_', ' ') });
  const values = VALUES[type as NotificationMessageKey];
  if (!values) return fallback();
  try {
    return t(language, type as NotificationMessageKey, { shipment, ...values(d, words) });
  } catch {
    // A payload that breaks a message (a value of the wrong kind) still says something.
    return fallback();
  }
}

/**
 * A clear message per event in the reader's language, for the feed, the email subject and body; an
 * unknown type gets a generic one, never a throw. Times are the event's local time with the offset.
 */
export function renderNotification(
  type: string,
  data: EventData,
  context: ShipmentContext = {},
  language: Language = DEFAULT_LANGUAGE,
): RenderedNotification {
  const words = wordsFor(language, timeZoneOfEvent(data, type, context));
  const subject = sentenceOf(type, data, shipmentName(data, context, language), words);
  const facts: [string, string][] = [
    [t(language, 'label.shipment'), String(data.shipmentId ?? '')],
    [t(language, 'label.trackingNumber'), context.trackingNumber ?? data.trackingNumber ?? ''],
    [t(language, 'label.event'), type],
    [t(language, 'label.when'), data.occurredAt ? words.time(data.occurredAt) : ''],
  ];
  const present = facts.filter(([, value]) => value && value !== '—');
  const lines = present.map(([label, value]) => `${label}: ${value}`);
  const text = `${t(language, 'sentence', { sentence: subject })}\n\n${lines.join('\n')}\n`;
  return { language, direction: directionOf(language), subject, facts: present, text };
}
