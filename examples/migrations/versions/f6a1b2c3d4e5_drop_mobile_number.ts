import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'f6a1b2c3d4e5';
export const downRevision = 'd4e5f6a1b2c3';
export const branchLabels = ['cleanup'];
export const message = 'drop mobile_number from user';

export function upgrade(op: Operations): void {
  op.dropColumn('user', 'mobile_number');
}

export function downgrade(op: Operations): void {
  op.addColumn('user', column('mobile_number', t.string(20)));
}
