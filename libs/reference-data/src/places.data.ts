/**
 * The places on the corridors where cargo is handed over, cleared or reported, by UN/LOCODE where
 * one exists (DOMAIN.md gives the codes; Shymkent, Gilgit, Ashgabat, Mashhad, Herat, Kandahar from
 * the UN/LOCODE list). Places without a code are named facilities, with the country they lie in.
 */
export interface PlaceData {
  locode?: string;
  name: string;
}

export const places = {
  almaty: { locode: 'KZALA', name: 'Almaty' },
  shymkent: { locode: 'KZSHY', name: 'Shymkent' },
  aktau: { locode: 'KZAAU', name: 'Aktau' },
  temirbaba: { name: 'Temirbaba' },
  gishtkuprik: { name: 'Gishtkuprik' },
  tashkent: { locode: 'UZTAS', name: 'Tashkent' },
  termez: { locode: 'UZTER', name: 'Termez' },
  hairatan: { locode: 'AFHRT', name: 'Hairatan' },
  mazarISharif: { locode: 'AFMZR', name: 'Mazar-i-Sharif' },
  kabul: { locode: 'AFKBL', name: 'Kabul' },
  herat: { locode: 'AFHEA', name: 'Herat' },
  kandahar: { locode: 'AFKDH', name: 'Kandahar' },
  torkham: { locode: 'PKTOR', name: 'Torkham' },
  peshawar: { locode: 'PKPEW', name: 'Peshawar' },
  islamabad: { locode: 'PKISB', name: 'Islamabad' },
  lahore: { locode: 'PKLHE', name: 'Lahore' },
  gilgit: { locode: 'PKGIL', name: 'Gilgit' },
  sost: { name: 'Sost dry port' },
  quetta: { locode: 'PKUET', name: 'Quetta' },
  chaman: { locode: 'PKCMN', name: 'Chaman' },
  taftan: { locode: 'PKTFT', name: 'Taftan' },
  karachi: { locode: 'PKKHI', name: 'Karachi' },
  gwadar: { locode: 'PKGWD', name: 'Gwadar' },
  // The kinnow packing hub in Sargodha district (DOMAIN.md): where the seed's fruit exporters load;
  // no corridor starts here (they truck to Lahore airport or Karachi), so it is a place, not a corridor.
  bhalwal: { locode: 'PKBWL', name: 'Bhalwal' },
  tashkurgan: { name: 'Tashkurgan' },
  kashgar: { locode: 'CNKHG', name: 'Kashgar' },
  naryn: { name: 'Naryn' },
  bishkek: { locode: 'KGFRU', name: 'Bishkek' },
  garabogaz: { name: 'Garabogaz' },
  turkmenbashi: { locode: 'TMKRW', name: 'Turkmenbashi' },
  ashgabat: { locode: 'TMASB', name: 'Ashgabat' },
  serhetabat: { name: 'Serhetabat' },
  sarakhs: { name: 'Sarakhs' },
  mashhad: { locode: 'IRMHD', name: 'Mashhad' },
  jebelAli: { locode: 'AEJEA', name: 'Jebel Ali' },
} satisfies Record<string, PlaceData>;

/** The country (ISO 3166 alpha-2) of each place above without a UN/LOCODE, by lower-case name. */
export const uncodedPlaces: Record<string, string> = {
  gishtkuprik: 'UZ',
  'sost dry port': 'PK',
  serhetabat: 'TM',
  sarakhs: 'IR',
  temirbaba: 'KZ',
  garabogaz: 'TM',
  tashkurgan: 'CN',
  naryn: 'KG',
};

/** A catalogue place by name (any case) or UN/LOCODE. */
export function findPlace(nameOrCode: string): PlaceData | undefined {
  const key = nameOrCode.trim().toLowerCase();
  return Object.values(places).find((p: PlaceData) => p.name.toLowerCase() === key || p.locode?.toLowerCase() === key);
}
