import type { Operations } from 'gensql';

export const revision = 'b1d0000000a4';
export const downRevision = 'b1d0000000a3';
export const message = 'books: replace the foreign key, add a check';

// Plain ops, no batch: on SQLite each one that ALTER TABLE cannot do rebuilds the table by itself.
export function upgrade(op: Operations): void {
  op.dropConstraint('fk_books_author', 'books', { type: 'foreignkey' });
  op.createForeignKey('fk_books_author', 'books', 'authors', ['author_id'], ['id'], { onDelete: 'RESTRICT' });
  op.createCheckConstraint('ck_books_pages', 'books', 'pages > 0');
}

export function downgrade(op: Operations): void {
  op.dropConstraint('ck_books_pages', 'books', { type: 'check' });
  op.dropConstraint('fk_books_author', 'books', { type: 'foreignkey' });
  op.createForeignKey('fk_books_author', 'books', 'authors', ['author_id'], ['id'], { onDelete: 'CASCADE' });
}
