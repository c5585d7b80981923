import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { InvoiceEntity } from './invoice.entity.js';
import { numericTransformer } from './numeric.transformer.js';

@Entity('invoice_line_items')
export class InvoiceLineItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'invoice_id' })
  invoiceId!: string;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  @ManyToOne(() => InvoiceEntity, (invoice) => invoice.lineItems, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice!: Relation<InvoiceEntity>;

  @Column('integer')
  position!: number;

  @Column('text')
  description!: string;

  @Column('numeric', { precision: 14, scale: 4, transformer: numericTransformer })
  quantity!: number;

  @Column('numeric', { name: 'unit_price', precision: 14, scale: 4, transformer: numericTransformer })
  unitPrice!: number;

  @Column('numeric', { precision: 14, scale: 2, transformer: numericTransformer })
  amount!: number;

  /** UN/ECE rec. 20 unit code (e-invoices). */
  @Column('text', { nullable: true })
  unit!: string | null;

  /** VAT rate of the line, percent (e-invoices). */
  @Column('numeric', { name: 'tax_rate', precision: 6, scale: 3, nullable: true, transformer: numericTransformer })
  taxRate!: number | null;
}
