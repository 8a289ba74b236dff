"""an index that serves a foreign key; rename the table

Revision ID: c02c00000002
Revises: c02c00000001
"""
from alembic import op

revision = 'c02c00000002'
down_revision = 'c02c00000001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_child_parent', 'child', ['parent_id', 'qty'])
    op.rename_table('child', 'kid')


def downgrade():
    op.rename_table('kid', 'child')
    if op.get_context().dialect.name == 'postgresql':
        op.drop_index('ix_child_parent', table_name='child')
    else:
        # InnoDB refuses to drop the last index the foreign key on parent_id can use
        op.execute('ALTER TABLE child DROP INDEX ix_child_parent, ADD INDEX parent_id (parent_id)')
