import { column, sql, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'c2e0000000b1';
export const downRevision = null;
export const message = 'categories (self-referencing) and products, names from the naming convention';

export function upgrade(op: Operations): void {
  op.createTable('categories', [
    column('id', t.integer(), { primaryKey: true }),
    column('name', t.string(40), { nullable: false, unique: true }),
    column('parent_id', t.integer(), { references: 'categories.id' }),
  ]);
  op.createTable('products', [
    column('id', t.integer(), { primaryKey: true }),
    column('category_id', t.integer(), { nullable: false, references: 'categories.id', onDelete: 'CASCADE' }),
    column('sku', t.string(20)),
    column('qty', t.integer(), { nullable: false, serverDefault: sql`0` }),
    column('note', t.string(50)),
  ]);
  op.createIndex('ix_products_note', 'products', ['note']);
  op.bulkInsert('categories', [
    { id: 1, name: 'root', parent_id: null },
    { id: 2, name: 'books', parent_id: 1 },
    { id: 3, name: 'novels', parent_id: 2 },
  ]);
  op.bulkInsert('products', [
    { id: 1, category_id: 3, sku: 'N-1', qty: 5, note: 'a' },
    { id: 2, category_id: 2, sku: 'B-7', qty: 0, note: null },
  ]);
}

export function downgrade(op: Operations): void {
  op.dropIndex('ix_products_note', { table: 'products' });
  op.dropTable('products');
  op.dropTable('categories');
}
