// Open Payments, aggregated per provider × manufacturer × program year.
import type { Db } from '../workspace';

export type PaymentRow = {
  npi: number;
  manufacturer: string;
  year: number;
  amount: number;
  payments: number;
};

/** Replaces the given program years with the aggregated rows. */
export function replacePaymentYears(db: Db, years: number[], rows: Iterable<PaymentRow>): number {
  const del = db.prepare(`DELETE FROM payments WHERE year = ?`);
  for (const y of years) del.run(y);
  const ins = db.prepare(
    `INSERT INTO payments (npi, manufacturer, year, amount, payments) VALUES (@npi, @manufacturer, @year, @amount, @payments)
     ON CONFLICT(npi, manufacturer, year) DO UPDATE SET amount = amount + excluded.amount, payments = payments + excluded.payments`,
  );
  let n = 0;
  for (const r of rows) {
    ins.run(r);
    n += 1;
  }
  return n;
}

export function readPayments(db: Db, year?: number): PaymentRow[] {
  const sql = `SELECT npi, manufacturer, year, amount, payments FROM payments ${year === undefined ? '' : 'WHERE year = ?'} ORDER BY npi`;
  return (year === undefined ? db.prepare(sql).all() : db.prepare(sql).all(year)) as PaymentRow[];
}
