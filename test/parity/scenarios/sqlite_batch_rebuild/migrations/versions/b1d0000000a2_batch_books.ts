import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'b1d0000000a2';
export const downRevision = 'b1d0000000a1';
export const message = 'one batch on books: type, drop, add, default, rename, index';

// No copy_from: the schema model knows the table.
export function upgrade(op: Operations): void {
  const pg = op.dialect === 'postgresql';
  op.batchAlterTable('books', (batch) => {
    batch.alterColumn('pages', { type: t.integer(), ...(pg ? { using: 'pages::integer' } : {}) });
    batch.dropColumn('legacy');
    batch.addColumn(column('isbn', t.string(20)));
    batch.alterColumn('price', { serverDefault: '0' });
    batch.alterColumn('title', { newColumnName: 'headline' });
    batch.createIndex('ix_books_isbn', ['isbn'], { unique: true });
  });
}

export function downgrade(op: Operations): void {
  const pg = op.dialect === 'postgresql';
  op.batchAlterTable('books', (batch) => {
    batch.dropIndex('ix_books_isbn');
    batch.alterColumn('headline', { newColumnName: 'title' });
    batch.alterColumn('price', { serverDefault: null });
    batch.dropColumn('isbn');
    batch.addColumn(column('legacy', t.text()));
    batch.alterColumn('pages', { type: t.string(10), ...(pg ? { using: 'pages::varchar' } : {}) });
  });
}
