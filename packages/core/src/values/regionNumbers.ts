import * as t from "io-ts";

/** The brand that a string carries once checked as a {@link CountyNumber}. */
export interface CountyNumberBrand {
  /** Type-level marker only; no such property exists at run time. */
  readonly CountyNumber: unique symbol;
}
/** The brand that a string carries once checked as a {@link MunicipalityNumber}. */
export interface MunicipalityNumberBrand {
  /** Type-level marker only; no such property exists at run time. */
  readonly MunicipalityNumber: unique symbol;
}

/** A county (fylke) number: two digits, not `00`. */
export const CountyNumber = t.brand(
  t.string,
  (s): s is t.Branded<string, CountyNumberBrand> => /^\d{2}$/.test(s) && s !== "00",
  "CountyNumber",
);
export type CountyNumber = t.TypeOf<typeof CountyNumber>;

/**
 * A municipality (kommune) number: four digits whose first two are its county's number
 * (`1201` Bergen lies in county `12`, Hordaland, in 2009).
 */
export const MunicipalityNumber = t.brand(
  t.string,
  (s): s is t.Branded<string, MunicipalityNumberBrand> => /^\d{4}$/.test(s) && !s.startsWith("00"),
  "MunicipalityNumber",
);
export type MunicipalityNumber = t.TypeOf<typeof MunicipalityNumber>;

/** The county a municipality lies in: its number's first two digits. */
export const countyOf = (municipality: MunicipalityNumber): CountyNumber => municipality.slice(0, 2) as CountyNumber;
