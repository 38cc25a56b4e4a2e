import type { Cargo, TransportMode } from '@lib/contracts';
import { isPerishable } from '@lib/reference-data';
import {
  routeCrossings,
  type BookedLeg,
  type CrossingFacts,
  type PakistanProcedure,
  type TirStage,
} from './route-facts';

/** The documents customs may require at a crossing (the first six are the original names; all stay accepted). */
export const DOCUMENT_TYPES = [
  'commercial_invoice',
  'packing_list',
  'certificate_of_origin',
  'phytosanitary_certificate',
  /** A TIR carnet number or an eTIR guarantee reference: one document either way. */
  'tir_carnet',
  /** One type; the requirement says which procedure (export, import, transit). */
  'pakistan_goods_declaration',
  'cmr_consignment_note',
  'smgs_waybill',
  'bill_of_lading',
  'air_waybill',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** One document a crossing asks for, and why (a broker reads this). */
export interface DocumentRequirement {
  document: DocumentType;
  why: string;
  /** For the Goods Declaration: which procedure Pakistan's customs expect. */
  procedure?: PakistanProcedure;
  /** For the TIR carnet: the operation starts, passes a border, or terminates here. */
  tir?: TirStage;
}

/** When a rule applies at a crossing; every condition given must hold. */
interface RuleCondition {
  /** The cargo's HS code starts with one of these. */
  hsPrefixes?: string[];
  /**
   * Fresh produce: perishable as the commodity catalogue decides (`isPerishable`, the rule the SLA and
   * the green channel use too) and of plant origin (HS chapters 06–14), what ISPM-12 certificates cover.
   */
  freshProduce?: true;
  /** A leg meeting at the crossing (the one the cargo arrives by, or leaves by) is of this mode. */
  mode?: TransportMode;
  /** A road leg under TIR arrives at or leaves the crossing. */
  tir?: true;
  /** The crossing is where the cargo leaves its origin country (`export`) or enters its destination (`import`). */
  roles?: ('export' | 'import')[];
  /** The destination country is one of these. */
  destinationIn?: string[];
  /** Pakistan's customs sit at the crossing and the route enters or leaves Pakistan. */
  pakistan?: true;
}

interface DocumentRule {
  document: DocumentType;
  when: RuleCondition;
  why: string;
}

/**
 * Destinations that ask a certificate of origin at import. An assumption to confirm with brokers:
 * KZ and KG as EAEU members grant Pakistan (a developing country) tariff preferences on a certificate
 * of origin (form A); UZ under the Pakistan–Uzbekistan preferential trade agreement (2023); AE because
 * Dubai Customs lists a certificate of origin among import documents. Pakistan is left out: goods from
 * these origins enter at MFN rates, for which no certificate is asked.
 */
export const ORIGIN_CERTIFICATE_DESTINATIONS = ['KZ', 'KG', 'UZ', 'AE'];

/**
 * The document checklist as data (DOMAIN.md "Border crossings and customs"): each rule names a
 * document and where it is required. Adding a rule needs no code.
 */
export const DOCUMENT_RULES: DocumentRule[] = [
  { document: 'commercial_invoice', when: {}, why: 'every consignment, at every customs point' },
  { document: 'packing_list', when: {}, why: 'every consignment, at every customs point' },
  // Transport documents: the contract of carriage of each leg meeting at the crossing.
  { document: 'cmr_consignment_note', when: { mode: 'ROAD' }, why: 'carriage by road (CMR Convention, 1956)' },
  {
    document: 'smgs_waybill',
    when: { mode: 'RAIL' },
    why: 'carriage by rail (SMGS waybill, OSJD members incl. IR, TM)',
  },
  { document: 'bill_of_lading', when: { mode: 'SEA' }, why: 'carriage by sea (bill of lading)' },
  { document: 'air_waybill', when: { mode: 'AIR' }, why: 'carriage by air (air waybill, Montreal Convention)' },
  {
    document: 'tir_carnet',
    when: { tir: true },
    why:
      'road transit under TIR: the carnet or eTIR guarantee where the operation starts, at each border, ' +
      'and where it terminates',
  },
  {
    document: 'pakistan_goods_declaration',
    when: { pakistan: true },
    why: "Pakistan's Goods Declaration (Pakistan Single Window) at each Pakistani customs point the cargo passes",
  },
  {
    document: 'certificate_of_origin',
    when: { roles: ['import'], destinationIn: ORIGIN_CERTIFICATE_DESTINATIONS },
    why: 'the destination country asks for it at import (see ORIGIN_CERTIFICATE_DESTINATIONS)',
  },
  {
    document: 'phytosanitary_certificate',
    when: { freshProduce: true, roles: ['export', 'import'] },
    why:
      'fresh fruit (ISPM-12): checked where it leaves the exporting country and at the importing border ' +
      '(the EAEU does primary quarantine control at the border)',
  },
];

/** HS chapters 06–14: live plants, vegetables, fruit, coffee and spices, cereals, milling products, seeds. */
const PLANT_CHAPTERS = /^(0[6-9]|1[0-4])/;

function applies(condition: RuleCondition, cargo: Cargo, at: CrossingFacts): boolean {
  const hs = cargo.hsCode.replace(/\./g, '');
  if (condition.hsPrefixes && !condition.hsPrefixes.some((prefix) => hs.startsWith(prefix))) return false;
  if (condition.freshProduce && !(isPerishable(cargo) && PLANT_CHAPTERS.test(hs))) return false;
  if (condition.mode && !at.modes.includes(condition.mode)) return false;
  if (condition.tir && !at.tir) return false;
  if (condition.roles && !condition.roles.some((role) => at.roles.includes(role))) return false;
  if (condition.destinationIn && !(at.destination && condition.destinationIn.includes(at.destination))) return false;
  if (condition.pakistan && !at.pakistan) return false;
  return true;
}

/** What `at` asks for `cargo`, with why and, where it matters, the procedure or TIR stage. */
export function requirementsAt(cargo: Cargo, at: CrossingFacts): DocumentRequirement[] {
  return DOCUMENT_RULES.filter((rule) => applies(rule.when, cargo, at)).map((rule) => ({
    document: rule.document,
    why: rule.why,
    ...(rule.document === 'pakistan_goods_declaration' && at.pakistan ? { procedure: at.pakistan } : {}),
    ...(rule.document === 'tir_carnet' && at.tir ? { tir: at.tir } : {}),
  }));
}

/** Each crossing on the booked route (by the sequence of the leg that starts there) and what it asks. */
export function requirementsForRoute(
  cargo: Cargo,
  legs: BookedLeg[],
): Map<number, { crossing: string; requirements: DocumentRequirement[] }> {
  return new Map(
    routeCrossings(legs).map((at) => [
      at.legSequence,
      { crossing: at.crossing, requirements: requirementsAt(cargo, at) },
    ]),
  );
}

/** The documents required to clear `cargo` at the crossing the leg `legSequence` starts at. */
export function requiredDocuments(cargo: Cargo, legs: BookedLeg[], legSequence: number): DocumentType[] {
  return (requirementsForRoute(cargo, legs).get(legSequence)?.requirements ?? []).map((r) => r.document);
}
