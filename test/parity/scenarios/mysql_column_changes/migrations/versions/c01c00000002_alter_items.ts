import { sql, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'c01c00000002';
export const downRevision = 'c01c00000001';
export const message = 'alter items without existing_* (the model knows them)';

// each change keeps everything else of the column: NOT NULL, default, comment
export function upgrade(op: Operations): void {
  op.alterColumn('items', 'sku', { type: t.string(40) });
  op.alterColumn('items', 'qty', { type: t.bigInteger() });
  op.alterColumn('items', 'price', { nullable: true });
  if (op.dialect !== 'postgresql') {
    // a new enum value: MODIFY with the whole column
    op.alterColumn('items', 'status', { type: t.enum(['new', 'active', 'retired'], { name: 'item_status' }) });
  }
  op.alterColumn('items', 'note', { newColumnName: 'remark', comment: 'free text' });
  op.alterColumn('items', 'created_at', { serverDefault: '2000-01-01 00:00:00' });
  op.alterColumn('items', 'flag', { comment: 'feature flag' });
  op.createTableComment('items', 'items in stock');
}

export function downgrade(op: Operations): void {
  op.createTableComment('items', 'stock items');
  op.alterColumn('items', 'flag', { comment: null });
  // an expression default: the whole column again on MySQL
  op.alterColumn('items', 'created_at', { serverDefault: sql`CURRENT_TIMESTAMP` });
  op.alterColumn('items', 'remark', { newColumnName: 'note', comment: null });
  if (op.dialect !== 'postgresql') {
    op.alterColumn('items', 'status', { type: t.enum(['new', 'active'], { name: 'item_status' }) });
  }
  op.alterColumn('items', 'price', { nullable: false });
  op.alterColumn('items', 'qty', { type: t.integer() });
  op.alterColumn('items', 'sku', { type: t.string(20) });
}
