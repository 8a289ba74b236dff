import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'b2c3d4e5f6a1';
export const downRevision = 'a1b2c3d4e5f6';
export const message = 'add mobile_number to user';

export function upgrade(op: Operations): void {
  op.addColumn('user', column('mobile_number', t.string(20)));
}

export function downgrade(op: Operations): void {
  op.dropColumn('user', 'mobile_number');
}
