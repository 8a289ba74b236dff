import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'c2e0000000b2';
export const downRevision = 'c2e0000000b1';
export const message = 'products: NOT NULL sku, unique sku, check qty, drop the indexed note column';

// Plain ops: on SQLite those ALTER TABLE cannot do rebuild the table one by one;
// unnamed constraints get the naming convention's names, so they can be dropped later.
export function upgrade(op: Operations): void {
  op.alterColumn('products', 'sku', { nullable: false });
  op.createUniqueConstraint(null, 'products', ['sku']);
  op.createCheckConstraint('qty_positive', 'products', 'qty >= 0');
  op.dropIndex('ix_products_note', { table: 'products' });
  op.dropColumn('products', 'note');
}

export function downgrade(op: Operations): void {
  op.addColumn('products', column('note', t.string(50)));
  op.createIndex('ix_products_note', 'products', ['note']);
  op.dropConstraint('ck_products_qty_positive', 'products', { type: 'check' });
  op.dropConstraint('uq_products_sku', 'products', { type: 'unique' });
  op.alterColumn('products', 'sku', { nullable: true });
}
