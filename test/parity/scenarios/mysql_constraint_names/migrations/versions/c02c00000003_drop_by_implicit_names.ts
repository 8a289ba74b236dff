import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'c02c00000003';
export const downRevision = 'c02c00000002';
export const message = 'drop constraints by the names the database gave them';

/** The database's own names: MariaDB's, or PostgreSQL's (which a table rename keeps). */
function names(op: Operations) {
  const my = op.dialect !== 'postgresql';
  return {
    altFk: my ? 'kid_ibfk_2' : 'child_alt_parent_id_fkey',
    labelQty: my ? 'label' : 'child_label_qty_key',
    tableCheck: my ? 'CONSTRAINT_1' : 'child_check',
    qtyCheck: my ? 'qty' : 'child_qty_check',
    code: my ? 'code' : 'parent_code_key',
  };
}

export function upgrade(op: Operations): void {
  const n = names(op);
  // no type: the model knows what each one is
  op.dropConstraint(n.altFk, 'kid');
  op.dropConstraint(n.labelQty, 'kid');
  op.dropConstraint(n.tableCheck, 'kid');
  op.dropConstraint(n.qtyCheck, 'kid');
  op.dropIndex('ix_child_parent', { table: 'kid' });
  op.dropConstraint(n.code, 'parent');
  // its foreign key goes with it
  op.dropColumn('kid', 'parent_id');
}

export function downgrade(op: Operations): void {
  const n = names(op);
  op.addColumn('kid', column('parent_id', t.integer(), { references: 'parent.id', onDelete: 'CASCADE' }));
  op.createUniqueConstraint(n.code, 'parent', ['code']);
  op.createIndex('ix_child_parent', 'kid', ['parent_id', 'qty']);
  op.createCheckConstraint(n.qtyCheck, 'kid', 'qty >= 0');
  op.createCheckConstraint(n.tableCheck, 'kid', 'alt_parent_id <> parent_id');
  op.createUniqueConstraint(n.labelQty, 'kid', ['label', 'qty']);
  op.createForeignKey(n.altFk, 'kid', 'parent', ['alt_parent_id'], ['id']);
}
