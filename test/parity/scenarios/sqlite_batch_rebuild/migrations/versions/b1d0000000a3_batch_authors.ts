import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'b1d0000000a3';
export const downRevision = 'b1d0000000a2';
export const message = 'one batch on authors, which books references: type, add, unique, check';

export function upgrade(op: Operations): void {
  op.batchAlterTable('authors', (batch) => {
    batch.alterColumn('name', { type: t.string(100) });
    batch.addColumn(column('email', t.string(120)));
    batch.createUniqueConstraint('uq_authors_email', ['email']);
    batch.createCheckConstraint('ck_authors_name', 'length(name) > 0');
  });
}

export function downgrade(op: Operations): void {
  op.batchAlterTable('authors', (batch) => {
    batch.dropConstraint('ck_authors_name', { type: 'check' });
    batch.dropConstraint('uq_authors_email', { type: 'unique' });
    batch.dropColumn('email');
    batch.alterColumn('name', { type: t.string(50) });
  });
}
