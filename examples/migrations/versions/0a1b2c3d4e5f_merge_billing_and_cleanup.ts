import type { Operations } from 'gensql';

export const revision = '0a1b2c3d4e5f';
export const downRevision = ['e5f6a1b2c3d4', 'f6a1b2c3d4e5'];
export const message = 'merge billing and cleanup';

export function upgrade(op: Operations): void {
  op.createIndex('ix_users_tier_id', 'users', ['tier_id']);
}

export function downgrade(op: Operations): void {
  op.dropIndex('ix_users_tier_id', { table: 'users' });
}
