import type { Operations } from 'gensql';

export const revision = 'c02c00000002';
export const downRevision = 'c02c00000001';
export const message = 'an index that serves a foreign key; rename the table';

export function upgrade(op: Operations): void {
  // on MySQL it takes over from the index InnoDB made for the foreign key on parent_id
  op.createIndex('ix_child_parent', 'child', ['parent_id', 'qty']);
  // MySQL renames child_ibfk_<n> to kid_ibfk_<n>
  op.renameTable('child', 'kid');
}

export function downgrade(op: Operations): void {
  op.renameTable('kid', 'child');
  // the foreign key on parent_id still needs an index: MySQL gets InnoDB's back
  op.dropIndex('ix_child_parent', { table: 'child' });
}
