/**
 * 经费金额: amounts are kept in fen (分, integers: no rounding drift in totals) and shown in yuan.
 * Pure functions: no framework, no I/O.
 */

/** Yuan as entered (up to two decimals) to fen. */
export const fenOf = (yuan: number) => Math.round(yuan * 100);

/** Fen as stored to yuan as shown. */
export const yuanOf = (fen: number) => fen / 100;
