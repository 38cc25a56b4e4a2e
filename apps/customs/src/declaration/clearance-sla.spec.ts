import { clearanceSlaHours, DEFAULT_CLEARANCE_SLA, parseSlaRules } from './clearance-sla';

const kinnow = {
  commodity: 'kinnow',
  hsCode: '0805.21',
  perishable: { minCelsius: 4, maxCelsius: 8, shelfLifeDays: 28 },
};
const flour = { commodity: 'wheat flour', hsCode: '1101.00' };

describe('clearance SLA rules', () => {
  it('gives fresh fruit 12 h and everything else 48 h by default', () => {
    const rules = parseSlaRules(DEFAULT_CLEARANCE_SLA);
    expect(clearanceSlaHours(rules, 'torkham', kinnow)).toBe(12);
    expect(clearanceSlaHours(rules, 'torkham', flour)).toBe(48);
  });

  it('decides perishability as everywhere: a carry range, a catalogued perishable, fresh fruit of its heading', () => {
    const rules = parseSlaRules(DEFAULT_CLEARANCE_SLA);
    // Booked before the catalogue filled the range: the catalogue still knows kinnow, by HS code or by name.
    expect(clearanceSlaHours(rules, 'torkham', { commodity: 'citrus', hsCode: '0805.21' })).toBe(12);
    expect(clearanceSlaHours(rules, 'torkham', { commodity: 'mangoes', hsCode: '0804' })).toBe(12);
    // Lemons are not in the catalogue, but citrus (0805) is fresh fruit all the same.
    expect(clearanceSlaHours(rules, 'torkham', { commodity: 'lemons', hsCode: '0805.50' })).toBe(12);
    // A shipper who gives a carry range has a perishable, whatever the catalogue says.
    const apples = {
      commodity: 'apples',
      hsCode: '0808.10',
      perishable: { minCelsius: 0, maxCelsius: 4, shelfLifeDays: 60 },
    };
    expect(clearanceSlaHours(rules, 'torkham', apples)).toBe(12);
    expect(clearanceSlaHours(rules, 'torkham', { commodity: 'cotton yarn', hsCode: '5205.12' })).toBe(48);
    expect(clearanceSlaHours(rules, 'torkham', null)).toBe(48);
  });

  it('lets the most specific key win', () => {
    const rules = parseSlaRules('default=48, perishable=12, khunjerab-tashkurgan=72, torkham/perishable=6');
    expect(clearanceSlaHours(rules, 'torkham', kinnow)).toBe(6);
    expect(clearanceSlaHours(rules, 'torkham', flour)).toBe(48);
    expect(clearanceSlaHours(rules, 'khunjerab-tashkurgan', kinnow)).toBe(12);
    expect(clearanceSlaHours(rules, 'khunjerab-tashkurgan', flour)).toBe(72);
  });

  it('finds the rule of a crossing named as declarations keep it (its name, not its id)', () => {
    const rules = parseSlaRules('default=48, khunjerab-tashkurgan=72, torkham/perishable=6, port-karachi=24');
    expect(clearanceSlaHours(rules, 'Khunjerab–Tashkurgan', flour)).toBe(72);
    expect(clearanceSlaHours(rules, 'Torkham', kinnow)).toBe(6);
    expect(clearanceSlaHours(rules, 'Port of Karachi', flour)).toBe(24);
    expect(clearanceSlaHours(rules, 'Somewhere else', flour)).toBe(48);
  });

  it('refuses entries it cannot read, naming them', () => {
    expect(() => parseSlaRules('default=48,torkham=soon')).toThrow('"torkham=soon" is not key=hours');
    expect(() => parseSlaRules('perishable=12')).toThrow('needs a default');
    expect(() => parseSlaRules('default=0')).toThrow('"default=0"');
  });
});
