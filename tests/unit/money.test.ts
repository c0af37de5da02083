import { describe, expect, it } from 'vitest';
import { currencyDigits, divideMoney, formatAmount, toMoney } from '@/lib/orders/money';

describe('money', () => {
  it('accepts decimal strings and finite numbers, rejects the rest', () => {
    expect(toMoney('254.98')).toBe('254.98');
    expect(toMoney(12.5)).toBe('12.5');
    expect(toMoney('0.00005')).toBe('0.0001');
    for (const bad of ['', 'abc', 'NaN', '1e400', null, undefined, {}, '1,00', Infinity]) expect(toMoney(bad)).toBeNull();
  });

  it('divides exactly and formats per currency', () => {
    expect(divideMoney('10.00', 3)).toBe('3.3333');
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(formatAmount('59.9000', 'USD')).toBe('59.90');
    expect(formatAmount('1000.0000', 'JPY')).toBe('1000');
    expect(formatAmount('3.3333', 'USD')).toBe('3.3333');
  });
});
