import { AuthFailureBudget } from './auth-failure-budget';

describe('AuthFailureBudget', () => {
  const t0 = Date.parse('2026-11-30T00:00:00Z');

  it('is spent after max failures from one address, and only for that address', () => {
    const budget = new AuthFailureBudget(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(budget.spent('203.0.113.7', t0)).toBe(false);
      budget.charge('203.0.113.7', t0);
    }
    expect(budget.spent('203.0.113.7', t0)).toBe(true);
    expect(budget.spent('203.0.113.8', t0)).toBe(false);
  });

  it('starts afresh when the window has passed', () => {
    const budget = new AuthFailureBudget(1, 60_000);
    budget.charge('203.0.113.7', t0);
    expect(budget.spent('203.0.113.7', t0 + 59_999)).toBe(true);
    expect(budget.spent('203.0.113.7', t0 + 60_000)).toBe(false);
    budget.charge('203.0.113.7', t0 + 60_000);
    expect(budget.spent('203.0.113.7', t0 + 60_001)).toBe(true);
  });

  it('takes back a charge made up front, never below zero', () => {
    const budget = new AuthFailureBudget(1, 60_000);
    budget.charge('203.0.113.7', t0);
    budget.refund('203.0.113.7', t0);
    budget.refund('203.0.113.7', t0);
    expect(budget.spent('203.0.113.7', t0)).toBe(false);
    budget.charge('203.0.113.7', t0);
    expect(budget.spent('203.0.113.7', t0)).toBe(true);
  });

  it('keeps at most capacity addresses, forgetting the oldest first', () => {
    const budget = new AuthFailureBudget(1, 60_000, 100);
    budget.charge('first', t0);
    for (let i = 0; i < 100; i++) budget.charge(`address-${i}`, t0);
    expect(budget.spent('first', t0)).toBe(false);
    expect(budget.spent('address-0', t0)).toBe(true);
    expect(budget.spent('address-99', t0)).toBe(true);
  });
});
