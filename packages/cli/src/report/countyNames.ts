/**
 * Norway's counties (fylker) by number, across the reforms: the numbers in use until 2019 (and
 * Trøndelag's 50 from 2018), those of 2020-2023, and those of 2024. No number was given twice, so
 * one table names a county of any year. A county numbered otherwise is shown by its number.
 */
const COUNTY_NAMES: Readonly<Record<string, string>> = {
  "01": "Østfold", "02": "Akershus", "03": "Oslo", "04": "Hedmark", "05": "Oppland", "06": "Buskerud", "07": "Vestfold",
  "08": "Telemark", "09": "Aust-Agder", "10": "Vest-Agder", "11": "Rogaland", "12": "Hordaland", "14": "Sogn og Fjordane",
  "15": "Møre og Romsdal", "16": "Sør-Trøndelag", "17": "Nord-Trøndelag", "18": "Nordland", "19": "Troms", "20": "Finnmark",
  "30": "Viken", "31": "Østfold", "32": "Akershus", "33": "Buskerud", "34": "Innlandet", "38": "Vestfold og Telemark",
  "39": "Vestfold", "40": "Telemark", "42": "Agder", "46": "Vestland", "50": "Trøndelag", "54": "Troms og Finnmark",
  "55": "Troms", "56": "Finnmark",
};

/** A county's name by its number, if it is one of Norway's. */
export const countyName = (countyNo: string): string | undefined => COUNTY_NAMES[countyNo];
