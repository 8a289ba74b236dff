import { checkConstraint, column, t, uniqueConstraint } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'c02c00000001';
export const downRevision = null;
export const message = 'parent and child, every constraint unnamed';

export function upgrade(op: Operations): void {
  op.createTable('parent', [column('id', t.integer(), { primaryKey: true }), column('code', t.string(10), { unique: true })]);
  op.createTable('child', [
    column('id', t.integer(), { primaryKey: true }),
    column('parent_id', t.integer(), { references: 'parent.id', onDelete: 'CASCADE' }),
    column('alt_parent_id', t.integer(), { references: 'parent.id' }),
    column('qty', t.integer(), { check: 'qty >= 0' }),
    column('label', t.string(20)),
    checkConstraint('alt_parent_id <> parent_id'),
    uniqueConstraint(['label', 'qty']),
  ]);
  op.bulkInsert('parent', [
    { id: 1, code: 'p1' },
    { id: 2, code: 'p2' },
  ]);
  op.bulkInsert('child', [{ id: 1, parent_id: 1, alt_parent_id: 2, qty: 3, label: 'x' }]);
}

export function downgrade(op: Operations): void {
  op.dropTable('child');
  op.dropTable('parent');
}
