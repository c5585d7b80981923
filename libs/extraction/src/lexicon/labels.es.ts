import type { LexiconData } from './lexicon.types.js';

/** Spanish labels (data: printed forms per field). */
export const LABELS_ES: LexiconData = {
  invoiceNumber: ['número de factura', 'factura n', 'factura no', 'nº factura', 'n° de factura', 'número', 'nº'],
  issueDate: ['fecha de factura', 'fecha de emisión', 'fecha factura', 'fecha'],
  dueDate: ['fecha de vencimiento', 'vencimiento', 'fecha límite de pago', 'vence', 'pagar antes de', 'fecha límite', 'fecha de pago'],
  deliveryDate: ['fecha de entrega', 'entrega'],
  servicePeriod: ['periodo', 'período de facturación', 'período facturado'],
  vendor: ['emisor', 'vendedor', 'proveedor', 'emitido por', 'prestador'],
  customer: ['facturar a', 'cliente', 'destinatario', 'comprador', 'razón social', 'facturado a', 'datos del cliente', 'dirección de facturación', 'factura para'],
  shipTo: ['enviar a', 'dirección de entrega', 'entregar a'],
  vatId: ['nif', 'cif', 'cuit', 'rfc', 'número de iva', 'nif/cif'],
  iban: ['iban', 'cuenta bancaria', 'número de cuenta'],
  orderNumber: ['número de pedido', 'pedido', 'orden de compra', 'n° pedido'],
  subtotal: ['subtotal', 'base imponible', 'importe neto', 'neto', 'importe sin iva', 'total sin iva'],
  tax: ['iva', 'impuesto', 'impuestos', 'total iva', 'cuota iva'],
  total: ['total', 'importe total', 'total factura', 'total a pagar', 'total iva incluido', 'total con iva'],
  prepaid: ['anticipo', 'anticipos', 'ya pagado', 'importe pagado', 'pago anticipado', 'entrega a cuenta'],
  amountDue: ['a pagar', 'importe a pagar', 'saldo pendiente', 'total a pagar'],
  currency: ['moneda', 'divisa'],
  invoiceTitle: ['factura'],
  creditNoteTitle: ['nota de crédito', 'factura rectificativa', 'abono'],
  receiptTitle: ['recibo', 'ticket', 'tique'],
};
