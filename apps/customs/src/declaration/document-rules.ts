import type { Cargo, LegSummary } from '@lib/contracts';
import { findCrossing } from '@lib/reference-data';

/** The documents customs may require at a crossing. */
export const DOCUMENT_TYPES = [
  'commercial_invoice',
  'packing_list',
  'certificate_of_origin',
  'phytosanitary_certificate',
  'tir_carnet',
  'pakistan_goods_declaration',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** When a rule applies; every condition given must hold. */
interface RuleCondition {
  /** The cargo's HS code starts with one of these (0804 mangoes, 0805 citrus: fresh fruit). */
  hsPrefixes?: string[];
  /** The crossing is of one of these kinds (a land border means TIR transit). */
  crossingKinds?: ('border' | 'port' | 'airport')[];
  /** The leg leaves this country (UN/LOCODE prefix of its start). */
  leavingCountry?: string;
}

/**
 * The document checklist as data (DOMAIN.md "Border crossings and customs"): each rule names a
 * document and when it is required. Adding a rule needs no code.
 */
export const DOCUMENT_RULES: { document: DocumentType; when: RuleCondition; why: string }[] = [
  { document: 'commercial_invoice', when: {}, why: 'every consignment' },
  { document: 'packing_list', when: {}, why: 'every consignment' },
  { document: 'certificate_of_origin', when: {}, why: 'common practice on these corridors' },
  {
    document: 'phytosanitary_certificate',
    when: { hsPrefixes: ['0804', '0805'] },
    why: 'fresh fruit (ISPM-12, Department of Plant Protection)',
  },
  {
    document: 'tir_carnet',
    when: { crossingKinds: ['border'] },
    why: 'TIR transit across a land border (carnet or eTIR guarantee)',
  },
  {
    document: 'pakistan_goods_declaration',
    when: { leavingCountry: 'PK' },
    why: 'export from Pakistan (Goods Declaration via Pakistan Single Window)',
  },
];

function applies(condition: RuleCondition, cargo: Cargo, leg: LegSummary): boolean {
  const hs = cargo.hsCode.replace(/\./g, '');
  if (condition.hsPrefixes && !condition.hsPrefixes.some((prefix) => hs.startsWith(prefix))) return false;
  if (condition.crossingKinds) {
    const kind = leg.crossing ? findCrossing(leg.crossing)?.kind : undefined;
    if (!kind || !condition.crossingKinds.includes(kind)) return false;
  }
  if (condition.leavingCountry && !leg.from.locode?.startsWith(condition.leavingCountry)) return false;
  return true;
}

/** The documents required to clear `cargo` at the crossing `leg` starts at. */
export function requiredDocuments(cargo: Cargo, leg: LegSummary): DocumentType[] {
  return DOCUMENT_RULES.filter((rule) => applies(rule.when, cargo, leg)).map((rule) => rule.document);
}
