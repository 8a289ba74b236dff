import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'c3d4e5f6a1b2';
export const downRevision = 'b2c3d4e5f6a1';
export const message = 'create account table';

export function upgrade(op: Operations): void {
  op.createTable('account', [
    column('id', t.integer(), { primaryKey: true }),
    column('name', t.string(50), { nullable: false }),
    column('description', t.unicode(200)),
  ]);
}

export function downgrade(op: Operations): void {
  op.dropTable('account');
}
