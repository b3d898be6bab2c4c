// Open Payments general payments → totals per provider × manufacturer × program year (the
// competitor-relationship signal). Payments to recipients without an NPI (teaching hospitals) are
// skipped and counted.
import { replacePaymentYears, type PaymentRow } from '../../repos/payments';
import { fieldNpi, fieldNum, fieldStr, isDataYear, maxDataYear } from '../fields';
import { fieldCountReason, SKIP, type ImportEnv, type RowMapper } from '../mapper';

function yearOfDate(text: string): number {
  const m = /(\d{4})/.exec(text);
  return m ? Number(m[1]) : NaN;
}

export function paymentsMapper(env: ImportEnv): RowMapper {
  const h = env.header;
  const c = {
    npi: h.col('covered_recipient_npi', 'physician_npi'),
    profile: h.col('physician_profile_id', 'covered_recipient_profile_id'),
    maker: h.col('applicable_manufacturer_or_applicable_gpo_making_payment_name'),
    amount: h.col('total_amount_of_payment_usdollars'),
    date: h.col('date_of_payment'),
    year: h.col('program_year'),
  };
  const expected = h.names.length;
  const totals = new Map<string, PaymentRow>();
  return {
    row(f) {
      const bad = fieldCountReason(f, expected);
      if (bad) return bad;
      let npi: number;
      if (c.npi >= 0) {
        if (fieldStr(f, c.npi) === '') return SKIP;
        npi = fieldNpi(f, c.npi);
        if (npi < 0)
          return `malformed NPI '${fieldStr(f, c.npi, env.decode)}' (expected 10 digits)`;
      } else {
        // PY2013–PY2020 layout: the profile supplement of the same call maps profile IDs to NPIs
        const id = fieldStr(f, c.profile).replace(/\.0+$/, '');
        if (id === '') return SKIP; // teaching hospitals: no physician profile
        const mapped = env.shared.profileNpi?.get(id);
        if (mapped === undefined)
          return `Physician_Profile_ID ${id} is not in the Covered Recipient Profile Supplement given with this file (or has no NPI there)`;
        npi = mapped;
      }
      const manufacturer = fieldStr(f, c.maker, env.decode);
      if (!manufacturer) return 'missing manufacturer name';
      const amount = fieldNum(f, c.amount);
      if (!Number.isFinite(amount))
        return `non-numeric payment amount '${fieldStr(f, c.amount, env.decode)}'`;
      if (Math.abs(amount) > 1e12)
        return `payment amount ${fieldStr(f, c.amount, env.decode)} is out of range`;
      let year = fieldNum(f, c.year);
      if (!Number.isInteger(year)) year = yearOfDate(fieldStr(f, c.date));
      if (!Number.isInteger(year)) year = env.year ?? NaN;
      if (!Number.isInteger(year)) return 'no Program_Year or Date_of_Payment, and no --year given';
      if (!isDataYear(year))
        return `program year ${year} is not a data year (1990–${maxDataYear()})`;
      const key = `${npi}|${year}|${manufacturer}`;
      const t = totals.get(key);
      if (t) {
        t.amount += amount;
        t.payments += 1;
      } else totals.set(key, { npi, manufacturer, year, amount, payments: 1 });
      return undefined;
    },
    finish() {
      const years = [...new Set([...totals.values()].map((t) => t.year))].sort();
      replacePaymentYears(env.db, env.append ? [] : years, totals.values());
      return {
        providers: 0,
        years,
        replaces: { kind: 'source', sourceKey: `open-payments:${years.join(',')}` },
      };
    },
  };
}
