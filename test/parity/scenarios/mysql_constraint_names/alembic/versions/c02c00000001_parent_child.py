"""parent and child, every constraint unnamed

Revision ID: c02c00000001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = 'c02c00000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('parent', sa.Column('id', sa.Integer(), primary_key=True), sa.Column('code', sa.String(10), unique=True))
    op.create_table(
        'child',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('parent_id', sa.Integer(), sa.ForeignKey('parent.id', ondelete='CASCADE')),
        sa.Column('alt_parent_id', sa.Integer(), sa.ForeignKey('parent.id')),
        sa.Column('qty', sa.Integer(), sa.CheckConstraint('qty >= 0')),
        sa.Column('label', sa.String(20)),
        sa.CheckConstraint('alt_parent_id <> parent_id'),
        sa.UniqueConstraint('label', 'qty'),
    )
    op.bulk_insert(sa.table('parent', sa.column('id', sa.Integer()), sa.column('code', sa.String())),
                   [{'id': 1, 'code': 'p1'}, {'id': 2, 'code': 'p2'}], multiinsert=False)
    op.bulk_insert(sa.table('child', sa.column('id', sa.Integer()), sa.column('parent_id', sa.Integer()),
                            sa.column('alt_parent_id', sa.Integer()), sa.column('qty', sa.Integer()),
                            sa.column('label', sa.String())),
                   [{'id': 1, 'parent_id': 1, 'alt_parent_id': 2, 'qty': 3, 'label': 'x'}])


def downgrade():
    op.drop_table('child')
    op.drop_table('parent')
