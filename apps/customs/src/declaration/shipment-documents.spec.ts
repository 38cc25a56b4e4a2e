import { documentChanges, documentsAt, shipmentWide, type Filing } from './shipment-documents';

const filing = (type: string, reference: string, attachedAt: string, crossing: string | null = null): Filing => ({
  type,
  reference,
  issuer: 'issuer',
  attachedAt,
  attachedBy: crossing ? 'officer' : 'broker',
  crossing,
});

describe('documentsAt: what counts at a crossing', () => {
  const filings = [
    filing('cmr_consignment_note', 'CMR-BROKER', '2026-12-01T10:00:00.000Z'),
    filing('cmr_consignment_note', 'CMR-TORKHAM', '2026-12-02T10:00:00.000Z', 'Torkham'),
    filing('commercial_invoice', 'INV-1', '2026-12-01T09:00:00.000Z'),
    filing('packing_list', 'PL-CHAMAN', '2026-12-01T08:00:00.000Z', 'Chaman'),
  ];

  it('takes an officer’s filing at its own crossing only', () => {
    expect(documentsAt(filings, 'Torkham').map((d) => d.reference)).toEqual(['CMR-TORKHAM', 'INV-1']);
    expect(documentsAt(filings, 'Hairatan–Termez').map((d) => d.reference)).toEqual(['CMR-BROKER', 'INV-1']);
    expect(documentsAt(filings, 'Chaman').map((d) => d.reference)).toEqual(['CMR-BROKER', 'INV-1', 'PL-CHAMAN']);
  });

  it('lets a later shipment-wide filing supersede the officer’s', () => {
    const later = [...filings, filing('cmr_consignment_note', 'CMR-NEW', '2026-12-03T10:00:00.000Z')].filter(
      (f) => f.reference !== 'CMR-BROKER',
    );
    expect(documentsAt(later, 'Torkham').map((d) => d.reference)).toEqual(['CMR-NEW', 'INV-1']);
  });

  it('shows no crossing on the documents it returns, and shipmentWide leaves the officers’ out', () => {
    expect(documentsAt(filings, 'Torkham')[0]).not.toHaveProperty('crossing');
    expect(shipmentWide(filings).map((d) => d.reference)).toEqual(['CMR-BROKER', 'INV-1']);
  });
});

describe('documentChanges: the history of a declaration’s papers', () => {
  const invoice = filing('commercial_invoice', 'INV-1', '2026-12-01T09:00:00.000Z');
  const strip = ({ crossing: _crossing, ...d }: Filing) => d;

  it('names a new type as filed and a changed one as replaced, by whoever filed it', () => {
    const replaced = { ...strip(invoice), reference: 'INV-2', attachedAt: '2026-12-02T09:00:00.000Z' };
    const cmr = strip(filing('cmr_consignment_note', 'CMR-1', '2026-12-02T09:00:00.000Z', 'Torkham'));
    expect(documentChanges([strip(invoice)], [replaced, cmr]).map((c) => c.reason)).toEqual([
      'document commercial_invoice replaced by broker',
      'document cmr_consignment_note filed by officer',
    ]);
  });

  it('reports nothing when the copy is unchanged', () => {
    expect(documentChanges([strip(invoice)], [strip(invoice)])).toEqual([]);
  });
});
