import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'c01c00000003';
export const downRevision = 'c01c00000002';
export const message = 'defaults, NOT NULL with a default kept, an enum column';

export function upgrade(op: Operations): void {
  op.alterColumn('items', 'qty', { serverDefault: null });
  op.execute("UPDATE items SET remark = 'n/a' WHERE remark IS NULL");
  op.alterColumn('items', 'remark', { nullable: false, type: t.string(120) });
  op.addColumn('items', column('kind', t.enum(['a', 'b'], { name: 'item_kind' }), { nullable: false, serverDefault: 'a', comment: 'kind of item' }));
}

export function downgrade(op: Operations): void {
  op.dropColumn('items', 'kind');
  op.dropEnum('item_kind');
  op.alterColumn('items', 'remark', { nullable: true, type: t.string(100) });
  op.alterColumn('items', 'qty', { serverDefault: 0 });
}
