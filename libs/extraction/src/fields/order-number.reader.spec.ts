import { describe, expect, it } from '@jest/globals';
import { parseOrderNumber, readOrderNumber } from './order-number.reader.js';
import { rowsOf } from './lines.fixture.js';

describe('order number', () => {
  it.each([
    ['Order number: PO-7781', 'PO-7781'],
    ['Your order no. 4500123456 of 02/03/2026', '4500123456'],
    ['Purchase Order #A-2231', 'A-2231'],
    ['P.O. 88123', '88123'],
    ['N° de commande : CDE/2026/113', 'CDE/2026/113'],
    ['Bon de commande 7781', '7781'],
    ['Bestellnummer: 4711-08', '4711-08'],
    ['Ihre Bestellung Nr. 55012', '55012'],
    ['Bestell-Nr.:4711', '4711'],
    ['Auftragsnummer 2026-0042', '2026-0042'],
    ['Uw bestelnummer: 778812', '778812'],
    ['Inkoopordernummer PO20260117', 'PO20260117'],
    ['Número de pedido: 2026/117', '2026/117'],
    ['Pedido nº 4471', '4471'],
    ["Numero d'ordine: ODA-5512", 'ODA-5512'],
    ['Ordine n. 9921', '9921'],
  ])('reads %s', (text, expected) => {
    expect(readOrderNumber(rowsOf(text))?.value).toBe(expected);
  });

  it('leaves a label followed by a date or words, and text with no order label', () => {
    expect(readOrderNumber(rowsOf('Order date: 12 March 2026'))).toBeNull();
    expect(readOrderNumber(rowsOf('Commande du 12/03/2026'))).toBeNull();
    expect(readOrderNumber(rowsOf('Bestelldatum 12.03.2026'))).toBeNull();
    expect(readOrderNumber(rowsOf('Invoice number 2026-001', 'P.O. Box'))).toBeNull();
  });

  it('keeps the value token only, with its words', () => {
    expect(parseOrderNumber(': PO-7781, thank you')).toBe('PO-7781');
    expect(parseOrderNumber('pending')).toBeNull();
    const read = readOrderNumber(rowsOf('Invoice 12', 'Order No: PO-7781 Date 2026-03-02'));
    expect(read?.words.map((w) => w.text)).toEqual(['PO-7781']);
  });
});
