import { describe, expect, it } from '@jest/globals';
import { repairUsStateCode } from './address.repair.js';

describe('repairUsStateCode', () => {
  it('puts back the letters of a state code the OCR read as digits', () => {
    expect(repairUsStateCode('Greenfield, 1A 95351')).toEqual({ text: 'Greenfield, IA 95351', repaired: true });
    expect(repairUsStateCode('Fort Pinehurst, 1L 67740-1234')).toEqual({ text: 'Fort Pinehurst, IL 67740-1234', repaired: true });
    expect(repairUsStateCode('Boston, MA 0211')).toEqual({ text: 'Boston, MA 0211', repaired: false });
  });

  it('leaves codes read right, codes that make no state, and other lines alone', () => {
    expect(repairUsStateCode('Greenfield, IA 95351')).toEqual({ text: 'Greenfield, IA 95351', repaired: false });
    expect(repairUsStateCode('Springfield, 1Q 12345').repaired).toBe(false);
    expect(repairUsStateCode('Lot 12, 34 75001').repaired).toBe(false);
    expect(repairUsStateCode('12 rue de la Paix, 75002 Paris').repaired).toBe(false);
    expect(repairUsStateCode(', 1A 95351').repaired).toBe(false);
  });
});
