import { t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'c2e0000000b3';
export const downRevision = 'c2e0000000b2';
export const message = 'categories (referenced by products and by itself): wider name, no unique name';

export function upgrade(op: Operations): void {
  op.batchAlterTable('categories', (batch) => {
    batch.alterColumn('name', { type: t.string(80) });
    batch.dropConstraint('uq_categories_name', { type: 'unique' });
  });
}

export function downgrade(op: Operations): void {
  op.batchAlterTable('categories', (batch) => {
    batch.createUniqueConstraint(null, ['name']);
    batch.alterColumn('name', { type: t.string(40) });
  });
}
