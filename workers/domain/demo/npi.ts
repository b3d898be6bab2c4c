// Synthetic NPIs. A real NPI is 10 digits: 9 identifier digits and a Luhn check digit computed with
// the ISO card-issuer prefix 80840 in front (CMS NPI standard). Every NPI ever issued starts with 1
// or 2; the leading digits 3–9 are reserved. Demo NPIs start with 3, so they pass the same check
// digit validation as real ones yet can never belong to a real clinician — and they still fit the
// Uint32 NPI columns of the workspace (3 000 000 000 < 2^32).

export const SYNTHETIC_NPI_FIRST_DIGIT = 3;
const BASE = 300_000_000; // 9-digit identifier part, leading digit 3
const SPAN = 100_000_000;
const STRIDE = 7919; // prime, coprime with SPAN: i -> (i * STRIDE) mod SPAN is a bijection

/** Luhn check digit of a 9-digit NPI identifier, with the 80840 prefix (which contributes 24). */
export function npiCheckDigit(identifier9: number): number {
  let sum = 24;
  let x = identifier9;
  for (let pos = 0; pos < 9; pos++) {
    let d = x % 10;
    x = Math.floor(x / 10);
    if (pos % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when a 10-digit number passes the NPI check digit rule. */
export function isValidNpi(npi: number): boolean {
  if (!Number.isInteger(npi) || npi < 1_000_000_000 || npi > 9_999_999_999) return false;
  return npiCheckDigit(Math.floor(npi / 10)) === npi % 10;
}

/** The i-th synthetic NPI (i < 10^8): distinct for distinct i, scattered, leading digit 3. */
export function syntheticNpi(i: number): number {
  const id = BASE + ((i * STRIDE) % SPAN);
  return id * 10 + npiCheckDigit(id);
}
