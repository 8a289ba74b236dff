import { column, sql, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'c01c00000001';
export const downRevision = null;
export const message = 'items';

export function upgrade(op: Operations): void {
  op.createTable(
    'items',
    [
      column('id', t.integer(), { primaryKey: true }),
      column('sku', t.string(20), { nullable: false, comment: 'stock keeping unit' }),
      column('qty', t.integer(), { nullable: false, serverDefault: 0, comment: 'on hand' }),
      column('price', t.numeric(10, 2), { nullable: false, serverDefault: sql`0.00` }),
      column('status', t.enum(['new', 'active'], { name: 'item_status' }), { nullable: false, serverDefault: 'new', comment: 'lifecycle' }),
      column('note', t.string(100), { serverDefault: 'none' }),
      column('created_at', t.dateTime(), { nullable: false, serverDefault: sql`CURRENT_TIMESTAMP` }),
      column('flag', t.boolean(), { nullable: false, serverDefault: false }),
    ],
    { comment: 'stock items' },
  );
  op.bulkInsert('items', [
    { id: 1, sku: 'a-1', qty: 5, price: 9.99, status: 'active', created_at: '2024-01-02 03:04:05' },
    { id: 2, sku: 'b\\2', created_at: '2024-02-03 04:05:06' },
  ]);
}

export function downgrade(op: Operations): void {
  op.dropTable('items');
  op.dropEnum('item_status');
}
