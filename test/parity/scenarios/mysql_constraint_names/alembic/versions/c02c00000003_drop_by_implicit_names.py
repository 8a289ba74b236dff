"""drop constraints by the names the database gave them

Revision ID: c02c00000003
Revises: c02c00000002
"""
from alembic import op
import sqlalchemy as sa

revision = 'c02c00000003'
down_revision = 'c02c00000002'
branch_labels = None
depends_on = None


def names():
    my = op.get_context().dialect.name != 'postgresql'
    return my, dict(
        alt_fk='kid_ibfk_2' if my else 'child_alt_parent_id_fkey',
        label_qty='label' if my else 'child_label_qty_key',
        table_check='CONSTRAINT_1' if my else 'child_check',
        qty_check='qty' if my else 'child_qty_check',
        code='code' if my else 'parent_code_key',
    )


def upgrade():
    my, n = names()
    op.drop_constraint(n['alt_fk'], 'kid', type_='foreignkey')
    op.drop_constraint(n['label_qty'], 'kid', type_='unique')
    op.drop_constraint(n['table_check'], 'kid', type_='check')
    if my:
        # MariaDB cannot DROP CONSTRAINT a column's own CHECK; the column is restated without it
        op.execute('ALTER TABLE kid MODIFY qty INTEGER NULL')
        op.execute('ALTER TABLE kid DROP INDEX ix_child_parent, ADD INDEX parent_id (parent_id)')
    else:
        op.drop_constraint(n['qty_check'], 'kid', type_='check')
        op.drop_index('ix_child_parent', table_name='kid')
    op.drop_constraint(n['code'], 'parent', type_='unique')
    if my:
        op.drop_constraint('kid_ibfk_1', 'kid', type_='foreignkey')
    op.drop_column('kid', 'parent_id')


def downgrade():
    my, n = names()
    op.add_column('kid', sa.Column('parent_id', sa.Integer(), sa.ForeignKey('parent.id', ondelete='CASCADE')))
    op.create_unique_constraint(n['code'], 'parent', ['code'])
    op.create_index('ix_child_parent', 'kid', ['parent_id', 'qty'])
    op.create_check_constraint(n['qty_check'], 'kid', 'qty >= 0')
    op.create_check_constraint(n['table_check'], 'kid', 'alt_parent_id <> parent_id')
    op.create_unique_constraint(n['label_qty'], 'kid', ['label', 'qty'])
    op.create_foreign_key(n['alt_fk'], 'kid', 'parent', ['alt_parent_id'], ['id'])
