import { describe, expect, it } from '@jest/globals';
import { repairMalaysianAddress } from './malaysian-address.repair.js';
import { isOcrSlip } from './text.normalize.js';

describe('isOcrSlip', () => {
  it('takes a look-alike letter, or from 5 letters on one letter dropped or added, for a slip', () => {
    expect(isOcrSlip('THN', 'TMN')).toBe(true);
    expect(isOcrSlip('RAVA', 'RAYA')).toBe(true);
    expect(isOcrSlip('SARAHAK', 'SARAWAK')).toBe(true);
    expect(isOcrSlip('BENTON', 'BENTONG')).toBe(true);
    expect(isOcrSlip('PERINDUSTIAN', 'PERINDUSTRIAN')).toBe(true);
  });

  it('takes any other difference for another word', () => {
    expect(isOcrSlip('TAN', 'TMN')).toBe(false); // A is no look-alike of M: a surname, not a misread TMN
    expect(isOcrSlip('RAJA', 'RAYA')).toBe(false);
    expect(isOcrSlip('LOT', 'LOT')).toBe(false);
    expect(isOcrSlip('JLN', 'JALAN')).toBe(false);
    expect(isOcrSlip('KOTA', 'KOT')).toBe(false); // dropped letters only from 5 letters on
  });
});

describe('repairMalaysianAddress', () => {
  it('writes the town and state that the postcode names, one letter off as read', () => {
    const r = repairMalaysianAddress('NO 7, JALAN MAWAR 2, 40150 SHAH ALAH, SELANCOR.');
    expect(r.text).toBe('NO 7, JALAN MAWAR 2, 40150 SHAH ALAM, SELANGOR.');
    expect(r.changes).toEqual(['ALAH, -> ALAM,', 'SELANCOR. -> SELANGOR.']);
  });

  it('keeps the case the OCR read the words in', () => {
    expect(repairMalaysianAddress('12 Jalan Rimbunan Rava 3, 93350 Kuching, Sarahak').text).toBe(
      '12 Jalan Rimbunan Raya 3, 93350 Kuching, Sarawak',
    );
  });

  it('repairs street words and abbreviations anywhere, also inside a token ("1020-THN")', () => {
    expect(repairMalaysianAddress('tot 9, Jalan Industri 2, 43300 Seri Kembangan').text).toBe(
      'lot 9, Jalan Industri 2, 43300 Seri Kembangan',
    );
    expect(repairMalaysianAddress('KEDAI 1020-THN MELATI, SELANGOR').text).toBe('KEDAI 1020-TMN MELATI, SELANGOR');
    expect(repairMalaysianAddress('TALAN BUNGA RAYA, KAWASAN PERINDUSTIAN, SELANGOR').text).toBe(
      'JALAN BUNGA RAYA, KAWASAN PERINDUSTRIAN, SELANGOR',
    );
  });

  it('puts back a postcode one digit off the town printed after it, when one postcode of that town is', () => {
    // 31200 is in Perak; of Kuala Lumpur's postcodes only 51200 is one digit away.
    expect(repairMalaysianAddress('LOT 5 JALAN BATU 31200 KUALA LUMPUR').text).toBe('LOT 5 JALAN BATU 51200 KUALA LUMPUR');
    // 53600 is no postcode, and several of Kuala Lumpur's are one digit away (53000, 53100, 50600, ...): left as read.
    expect(repairMalaysianAddress('LOT 5 JALAN BATU 53600 KUALA LUMPUR').text).toBe('LOT 5 JALAN BATU 53600 KUALA LUMPUR');
  });

  it('repairs a town name with a letter dropped only when the town lies in the state the address names', () => {
    expect(repairMalaysianAddress('JALAN LOKE YEW BENTON 90').text).toBe('JALAN LOKE YEW BENTONG 90');
    expect(repairMalaysianAddress('JALAN LOKE YEW BENTON 90, 28700 BENTONG, PAHANG').text).toBe(
      'JALAN LOKE YEW BENTONG 90, 28700 BENTONG, PAHANG',
    );
    // Kuantan is in Pahang: a flower's name in a Kuala Lumpur address is not that town.
    const address = 'NO 21, JLN BUNGA KANTAN, 53000 KUALA LUMPUR';
    expect(repairMalaysianAddress(address)).toEqual({ text: address, changes: [] });
    expect(repairMalaysianAddress('NO 21, JLN BUNGA KANTAN, KUALA LUMPUR').changes).toEqual([]);
  });

  it('leaves proper names that are other words alone', () => {
    const address = 'NO 3, JALAN TAN CHENG LOCK, TAMAN RAJA, LAMAN SETIA, 50000 KUALA LUMPUR';
    expect(repairMalaysianAddress(address)).toEqual({ text: address, changes: [] });
  });

  it('changes nothing in an address that is not Malaysian', () => {
    for (const address of ['12 rue de la Paix, 75002 Paris', '6233 Cedar Court, South Milford, NC 12323', '4 Rava Street, Tot Lane']) {
      expect(repairMalaysianAddress(address)).toEqual({ text: address, changes: [] });
    }
  });

  it('changes nothing in a well-read address', () => {
    const address = 'LOT 1851-A & 1851-B, JALAN KPB 6, KAWASAN PERINDUSTRIAN BALAKONG, 43300 SERI KEMBANGAN, SELANGOR';
    expect(repairMalaysianAddress(address).changes).toEqual([]);
  });
});
