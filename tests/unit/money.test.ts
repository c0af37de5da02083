import Decimal from 'decimal.js';
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

  it('formats amounts as Postgres writes them exactly as Decimal would, and any other form through Decimal', () => {
    const throughDecimal = (text: string, currency: string) => {
      const amount = new Decimal(text);
      return amount.toFixed(Math.max(currencyDigits(currency), amount.decimalPlaces()));
    };
    const cases = ['0.0000', '-0.0000', '-0', '0.5000', '-0.5000', '12.3400', '-12.3456', '1000.0000', '9999999999999999.9999', '5', '-7', '0.0001', '10.1000'];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let index = 0; index < 2000; index++) {
      const whole = Math.floor(random() * 10 ** Math.floor(random() * 12));
      const decimals = String(Math.floor(random() * 10_000)).padStart(4, '0');
      cases.push(`${random() < 0.2 ? '-' : ''}${whole}.${decimals}`);
    }
    for (const text of cases) {
      for (const currency of ['USD', 'JPY', 'KWD']) expect(formatAmount(text, currency), `${text} ${currency}`).toBe(throughDecimal(text, currency));
    }
    // Forms Postgres does not write go through Decimal.
    expect(formatAmount('1e3', 'USD')).toBe('1000.00');
    expect(formatAmount('007.5', 'USD')).toBe('7.50');
    expect(formatAmount('NaN', 'USD')).toBe('NaN');
    // A Decimal is formatted from its text.
    expect(formatAmount(new Decimal('2.5'), 'KWD')).toBe('2.500');
  });
});
