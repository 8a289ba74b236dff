"""items

Revision ID: c01c00000001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = 'c01c00000001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'items',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('sku', sa.String(20), nullable=False, comment='stock keeping unit'),
        sa.Column('qty', sa.Integer(), nullable=False, server_default=sa.text('0'), comment='on hand'),
        sa.Column('price', sa.Numeric(10, 2), nullable=False, server_default=sa.text('0.00')),
        sa.Column('status', sa.Enum('new', 'active', name='item_status'), nullable=False, server_default='new', comment='lifecycle'),
        sa.Column('note', sa.String(100), server_default='none'),
        sa.Column('created_at', sa.DateTime(), nullable=False, server_default=sa.text('CURRENT_TIMESTAMP')),
        sa.Column('flag', sa.Boolean(), nullable=False, server_default=sa.false()),
        comment='stock items',
    )
    items = sa.table('items', sa.column('id', sa.Integer()), sa.column('sku', sa.String()), sa.column('qty', sa.Integer()),
                     sa.column('price', sa.Numeric(10, 2)), sa.column('status', sa.String()), sa.column('created_at', sa.String()))
    op.bulk_insert(items, [
        {'id': 1, 'sku': 'a-1', 'qty': 5, 'price': 9.99, 'status': 'active', 'created_at': '2024-01-02 03:04:05'},
        {'id': 2, 'sku': 'b\\2', 'created_at': '2024-02-03 04:05:06'},
    ], multiinsert=False)


def downgrade():
    op.drop_table('items')
    if op.get_context().dialect.name == 'postgresql':
        sa.Enum(name='item_status').drop(op.get_bind(), checkfirst=False)
