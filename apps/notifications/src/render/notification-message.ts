import { findCrossing } from '@lib/reference-data';

/** What the notification service remembers of a shipment from its booking, to name it in messages. */
export interface ShipmentContext {
  trackingNumber?: string;
  commodity?: string;
}

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

/** A place as the payloads name it: a UN/LOCODE where one exists. */
interface Place {
  name?: string;
  locode?: string;
}

/**
 * The payload fields the sentences read, all optional: one shape for every event type (see
 * libs/contracts), and a payload without a field still renders, with a gap rather than a throw.
 */
interface EventData {
  shipmentId?: string;
  trackingNumber?: string;
  commodity?: string;
  cargo?: { commodity?: string };
  legs?: { from?: Place; to?: Place }[];
  location?: Place;
  legSequence?: number;
  carrier?: string;
  crossing?: string;
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
}

const place = (p: Place | undefined): string =>
  p?.name ? (p.locode ? `${p.name} (${p.locode})` : p.name) : 'an unknown place';
const crossing = (value: unknown): string =>
  typeof value === 'string' ? (findCrossing(value)?.name ?? value) : 'the border';
const when = (iso: unknown): string =>
  typeof iso === 'string' ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : 'unknown';
const list = (items: unknown): string =>
  Array.isArray(items) ? items.map((i) => String(i).replaceAll('_', ' ')).join(', ') : '';

/** What left its range: the temperature (facts from before humidity was watched say nothing), the humidity, or both. */
function excursion(d: EventData): string {
  const temperature = `${d.celsius} °C, outside ${d.minCelsius}–${d.maxCelsius} °C`;
  const range = `${d.minHumidityPercent}–${d.maxHumidityPercent} %`;
  const humidity = `${d.humidityPercent} % relative humidity, outside ${range}`;
  if (!d.outside?.includes('humidity')) return temperature;
  return d.outside.includes('temperature') ? `${temperature} and ${humidity}` : humidity;
}

/** One sentence per event type, the shipment named as `s` ("Kinnow shipment KZPK-…"). Rules as data. */
const SENTENCES: Record<string, (s: string, d: EventData) => string> = {
  'shipment.booked': (s, d) => {
    const legs = d.legs ?? [];
    const route = `${place(legs[0]?.from)} → ${place(legs[legs.length - 1]?.to)}`;
    return `${s} booked: ${route}, ${legs.length === 1 ? '1 leg' : `${legs.length} legs`}`;
  },
  'shipment.cancelled': (s, d) => `${s} cancelled${d.reason ? `: ${d.reason}` : ''}`,
  'shipment.leg.departed': (s, d) => `${s} departed ${place(d.location)} (leg ${d.legSequence}, ${d.carrier})`,
  'shipment.leg.arrived': (s, d) => `${s} arrived at ${place(d.location)} (leg ${d.legSequence}, ${d.carrier})`,
  'shipment.border.reached': (s, d) => `${s} reached ${crossing(d.crossing)}`,
  'shipment.border.exited': (s, d) => `${s} crossed ${crossing(d.crossing)}`,
  'shipment.delivered': (s, d) => `${s} delivered at ${place(d.location)}`,
  'shipment.exception': (s, d) => `${s}: exception on leg ${d.legSequence} — ${d.reason}`,
  'shipment.temperature.excursion': (s, d) => `${s} at ${excursion(d)}, near ${place(d.location)}`,
  'shipment.eta.changed': (s, d) =>
    d.source === 'predicted'
      ? `${s}: arrival predicted ${when(d.estimatedArrival)} ` +
        `(between ${when(d.interval?.earliest)} and ${when(d.interval?.latest)})`
      : `${s}: leg ${d.legSequence} now expected ${when(d.estimatedArrival)}`,
  'shipment.leg.delayed': (s, d) =>
    `${s} is late on leg ${d.legSequence}: planned ${when(d.plannedArrival)}, now expected ${when(d.estimatedArrival)}`,
  'shipment.shelf_life.at_risk': (s, d) =>
    `${s} shelf life at risk: expires ${when(d.expiresAt)}, delivery expected ${when(d.estimatedDelivery)}`,
  'shipment.reefer.silent': (s, d) =>
    d.lastReadingAt
      ? `${s}: no reefer reading since ${when(d.lastReadingAt)}`
      : `${s}: no reefer reading since departure at ${when(d.silentSince)}`,
  'customs.declaration.opened': (s, d) =>
    `${s}: customs opened a declaration at ${crossing(d.crossing)} ` +
    `(${(d.requiredDocuments ?? []).length} documents required)`,
  'customs.documents.missing': (s, d) =>
    d.stage === 'reminder'
      ? `${s}: documents still missing for ${crossing(d.crossing)}, ` +
        `expected there ${when(d.expectedAt)}: ${list(d.missing)}`
      : `${s} held at ${crossing(d.crossing)}: documents missing: ${list(d.missing)}`,
  'customs.inspection.started': (s, d) => `${s} under customs inspection at ${crossing(d.crossing)}`,
  'customs.held': (s, d) => `${s} held by customs at ${crossing(d.crossing)}: ${d.reason}`,
  'customs.cleared': (s, d) => `${s} cleared customs at ${crossing(d.crossing)}`,
  'customs.rejected': (s, d) => `${s} rejected by customs at ${crossing(d.crossing)}: ${d.reason}`,
  'customs.sla.breached': (s, d) =>
    `${s}: customs clearance at ${crossing(d.crossing)} overdue since ${when(d.deadline)}`,
};

function shipmentName(data: EventData, context: ShipmentContext): string {
  const commodity = context.commodity ?? data.cargo?.commodity ?? data.commodity;
  const what = commodity
    ? `${String(commodity).charAt(0).toUpperCase()}${String(commodity).slice(1)} shipment`
    : 'Shipment';
  const tracking = context.trackingNumber ?? data.trackingNumber ?? String(data.shipmentId ?? '').slice(0, 8);
  return `${what} ${tracking}`.trim();
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A clear message per event for the feed, the email subject and body; an unknown type gets a generic
 * one, never a throw.
 */
export function renderNotification(type: string, data: EventData, context: ShipmentContext = {}): RenderedNotification {
  const name = shipmentName(data, context);
  const sentence = SENTENCES[type]?.(name, data) ?? `${name}: ${type.replaceAll('.', ' ').replaceAll('_', ' ')}`;
  const facts = [
    ['Shipment', String(data.shipmentId ?? '')],
    ['Tracking number', context.trackingNumber ?? data.trackingNumber ?? ''],
    ['Event', type],
    ['When', when(data.occurredAt)],
  ].filter(([, value]) => value && value !== 'unknown');
  const text = `${sentence}.\n\n${facts.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`;
  const rows = facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`);
  const html = `<p>${escapeHtml(sentence)}.</p>\n<table>${rows.join('')}</table>\n`;
  return { subject: sentence, text, html };
}
