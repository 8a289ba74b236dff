import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'a1b2c3d4e5f6';
export const downRevision = null;
export const message = 'create user table';

export function upgrade(op: Operations): void {
  op.createTable('user', [
    column('id', t.integer(), { primaryKey: true }),
    column('name', t.string(50), { nullable: false }),
  ]);
}

export function downgrade(op: Operations): void {
  op.dropTable('user');
}
