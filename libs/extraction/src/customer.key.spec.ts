import { describe, expect, it } from '@jest/globals';
import { customerKey, type CustomerIdentity } from './customer.key.js';

const none: CustomerIdentity = {
  customerId: null,
  customerEmail: null,
  customerName: null,
  customerAddressLine1: null,
  customerAddressLine2: null,
};

describe('customerKey', () => {
  it('prefers the QR customer id, ignoring leading zeros', () => {
    expect(customerKey({ ...none, customerId: '00025', customerEmail: 'a@b.co', customerName: 'Sarah Smith' })).toBe('id:25');
    expect(customerKey({ ...none, customerId: '25' })).toBe(customerKey({ ...none, customerId: '00025' }));
    expect(customerKey({ ...none, customerId: '00000' })).toBe('id:0');
  });

  it('falls back to the email, case-insensitive, when it is well formed', () => {
    expect(customerKey({ ...none, customerEmail: ' Sarah.Smith@Example.ORG ', customerName: 'Sarah' })).toBe(
      'email:sarah.smith@example.org',
    );
    expect(customerKey({ ...none, customerEmail: 'not an email', customerName: 'Sarah Smith' })).toBe('name:sarah smith');
  });

  it('else uses name and address, normalized for case, accents, punctuation and spacing', () => {
    const a = customerKey({
      ...none,
      customerName: 'Hélène  BERNARD',
      customerAddressLine1: '7565 Sycamore Parkway',
      customerAddressLine2: 'New Kingsley, NE 61850',
    });
    const b = customerKey({
      ...none,
      customerName: 'helene bernard',
      customerAddressLine1: '7565 sycamore parkway',
      customerAddressLine2: 'New Kingsley NE  61850',
    });
    expect(a).toBe('name:helene bernard | 7565 sycamore parkway | new kingsley ne 61850');
    expect(b).toBe(a);
    expect(customerKey({ ...none, customerName: 'Helene Bernard', customerAddressLine1: '1 Other Street' })).not.toBe(a);
  });

  it('is null when the invoice names no customer', () => {
    expect(customerKey(none)).toBeNull();
    expect(customerKey({ ...none, customerName: ' , ' })).toBeNull();
  });
});
