/** The 19 counties (fylker) of 2009 by number: real numbers and names, before the 2018-2020 mergers. */
export const COUNTIES_2009: Readonly<Record<string, string>> = {
  "01": "Østfold",
  "02": "Akershus",
  "03": "Oslo",
  "04": "Hedmark",
  "05": "Oppland",
  "06": "Buskerud",
  "07": "Vestfold",
  "08": "Telemark",
  "09": "Aust-Agder",
  "10": "Vest-Agder",
  "11": "Rogaland",
  "12": "Hordaland",
  "14": "Sogn og Fjordane",
  "15": "Møre og Romsdal",
  "16": "Sør-Trøndelag",
  "17": "Nord-Trøndelag",
  "18": "Nordland",
  "19": "Troms",
  "20": "Finnmark",
};

/** The 2009 name of county `countyNo`; throws on a number that was no county in 2009. */
export const countyName2009 = (countyNo: string): string => {
  const name = COUNTIES_2009[countyNo];
  if (name === undefined) throw new RangeError(`no county ${countyNo} in 2009`);
  return name;
};
