import { clearanceSlaHours, DEFAULT_CLEARANCE_SLA, parseSlaRules } from './clearance-sla';

describe('clearance SLA rules', () => {
  it('gives fresh fruit 12 h and everything else 48 h by default', () => {
    const rules = parseSlaRules(DEFAULT_CLEARANCE_SLA);
    expect(clearanceSlaHours(rules, 'torkham', true)).toBe(12);
    expect(clearanceSlaHours(rules, 'torkham', false)).toBe(48);
  });

  it('lets the most specific key win', () => {
    const rules = parseSlaRules('default=48, perishable=12, khunjerab-tashkurgan=72, torkham/perishable=6');
    expect(clearanceSlaHours(rules, 'torkham', true)).toBe(6);
    expect(clearanceSlaHours(rules, 'torkham', false)).toBe(48);
    expect(clearanceSlaHours(rules, 'khunjerab-tashkurgan', true)).toBe(12);
    expect(clearanceSlaHours(rules, 'khunjerab-tashkurgan', false)).toBe(72);
  });

  it('finds the rule of a crossing named as declarations keep it (its name, not its id)', () => {
    const rules = parseSlaRules('default=48, khunjerab-tashkurgan=72, torkham/perishable=6, port-karachi=24');
    expect(clearanceSlaHours(rules, 'Khunjerab–Tashkurgan', false)).toBe(72);
    expect(clearanceSlaHours(rules, 'Torkham', true)).toBe(6);
    expect(clearanceSlaHours(rules, 'Port of Karachi', false)).toBe(24);
    expect(clearanceSlaHours(rules, 'Somewhere else', false)).toBe(48);
  });

  it('refuses entries it cannot read, naming them', () => {
    expect(() => parseSlaRules('default=48,torkham=soon')).toThrow('"torkham=soon" is not key=hours');
    expect(() => parseSlaRules('perishable=12')).toThrow('needs a default');
    expect(() => parseSlaRules('default=0')).toThrow('"default=0"');
  });
});
