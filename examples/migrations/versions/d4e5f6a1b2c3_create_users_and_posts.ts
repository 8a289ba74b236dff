import { column, t, sql } from 'gensql';
import type { Operations } from 'gensql';

export const revision = 'd4e5f6a1b2c3';
export const downRevision = 'c3d4e5f6a1b2';
export const message = 'create users and posts';

export function upgrade(op: Operations): void {
  op.createTable('users', [
    column('id', t.integer(), { primaryKey: true }),
    column('email', t.string(120), { nullable: false, unique: true }),
    column('bio', t.text()),
    column('is_active', t.boolean(), { nullable: false, serverDefault: true }),
    column('created_at', t.dateTime(), { nullable: false, serverDefault: sql`CURRENT_TIMESTAMP` }),
  ]);
  op.createIndex('ix_users_created_at', 'users', ['created_at']);
  op.createTable('posts', [
    column('id', t.integer(), { primaryKey: true }),
    column('user_id', t.integer(), { nullable: false, references: 'users.id', onDelete: 'CASCADE' }),
    column('title', t.string(200), { nullable: false }),
    column('body', t.text()),
  ]);
  op.createIndex('ix_posts_user_id', 'posts', ['user_id']);
}

export function downgrade(op: Operations): void {
  op.dropIndex('ix_posts_user_id', { table: 'posts' });
  op.dropTable('posts');
  op.dropIndex('ix_users_created_at', { table: 'users' });
  op.dropTable('users');
}
