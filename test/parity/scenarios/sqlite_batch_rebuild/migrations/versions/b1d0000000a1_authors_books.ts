import { column, foreignKeyConstraint, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'b1d0000000a1';
export const downRevision = null;
export const message = 'authors and books';

export function upgrade(op: Operations): void {
  op.createTable('authors', [column('id', t.integer(), { primaryKey: true }), column('name', t.string(50), { nullable: false })]);
  op.createTable('books', [
    column('id', t.integer(), { primaryKey: true }),
    column('author_id', t.integer(), { nullable: false }),
    column('title', t.string(100), { nullable: false }),
    column('pages', t.string(10)),
    column('price', t.numeric(8, 2)),
    column('legacy', t.text()),
    foreignKeyConstraint(['author_id'], 'authors', ['id'], { name: 'fk_books_author', onDelete: 'CASCADE' }),
  ]);
  op.createIndex('ix_books_title', 'books', ['title']);
  op.bulkInsert('authors', [
    { id: 1, name: 'Ann' },
    { id: 2, name: 'Bob' },
  ]);
  op.bulkInsert('books', [
    { id: 1, author_id: 1, title: 'First', pages: '120', price: 9.5, legacy: 'x' },
    { id: 2, author_id: 1, title: 'Second', pages: '0042', price: 12.25, legacy: null },
    { id: 3, author_id: 2, title: 'Third', pages: null, price: null, legacy: 'y' },
  ]);
}

export function downgrade(op: Operations): void {
  op.dropIndex('ix_books_title', { table: 'books' });
  op.dropTable('books');
  op.dropTable('authors');
}
