import { column, t } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'e5f6a1b2c3d4';
export const downRevision = 'd4e5f6a1b2c3';
export const branchLabels = ['billing'];
export const message = 'seed subscription tiers';

export function upgrade(op: Operations): void {
  op.createTable('subscription_tiers', [
    column('id', t.integer(), { primaryKey: true }),
    column('name', t.string(50), { nullable: false, unique: true }),
    column('monthly_price', t.numeric(10, 2), { nullable: false }),
  ]);
  op.bulkInsert('subscription_tiers', [
    { id: 1, name: 'free', monthly_price: 0 },
    { id: 2, name: 'pro', monthly_price: 12.5 },
    { id: 3, name: "owner's plan", monthly_price: 99.99 },
  ]);
  op.addColumn('users', column('tier_id', t.integer(), { nullable: false, serverDefault: '1', references: 'subscription_tiers.id' }));
}

export function downgrade(op: Operations): void {
  op.dropColumn('users', 'tier_id');
  op.dropTable('subscription_tiers');
}
