"""alter items: on MySQL every existing_* must be spelled out, or MODIFY loses it

Revision ID: c01c00000002
Revises: c01c00000001
"""
from alembic import op
import sqlalchemy as sa

revision = 'c01c00000002'
down_revision = 'c01c00000001'
branch_labels = None
depends_on = None

OLD_STATUS = sa.Enum('new', 'active', name='item_status')
NEW_STATUS = sa.Enum('new', 'active', 'retired', name='item_status')


def upgrade():
    pg = op.get_context().dialect.name == 'postgresql'
    op.alter_column('items', 'sku', type_=sa.String(40), existing_type=sa.String(20), existing_nullable=False,
                    existing_comment='stock keeping unit')
    op.alter_column('items', 'qty', type_=sa.BigInteger(), existing_type=sa.Integer(), existing_nullable=False,
                    existing_server_default=sa.text('0'), existing_comment='on hand')
    op.alter_column('items', 'price', nullable=True, existing_type=sa.Numeric(10, 2), existing_server_default=sa.text('0.00'))
    if not pg:
        op.alter_column('items', 'status', type_=NEW_STATUS, existing_type=OLD_STATUS, existing_nullable=False,
                        existing_server_default='new', existing_comment='lifecycle')
    op.alter_column('items', 'note', new_column_name='remark', comment='free text', existing_type=sa.String(100),
                    existing_nullable=True, existing_server_default='none')
    op.alter_column('items', 'created_at', server_default='2000-01-01 00:00:00', existing_type=sa.DateTime(),
                    existing_nullable=False)
    op.alter_column('items', 'flag', comment='feature flag', existing_type=sa.Boolean(), existing_nullable=False,
                    existing_server_default=sa.false())
    op.create_table_comment('items', 'items in stock', existing_comment='stock items')


def downgrade():
    pg = op.get_context().dialect.name == 'postgresql'
    op.create_table_comment('items', 'stock items', existing_comment='items in stock')
    op.alter_column('items', 'flag', comment=None, existing_comment='feature flag', existing_type=sa.Boolean(),
                    existing_nullable=False, existing_server_default=sa.false())
    op.alter_column('items', 'created_at', server_default=sa.text('CURRENT_TIMESTAMP'), existing_type=sa.DateTime(),
                    existing_nullable=False)
    op.alter_column('items', 'remark', new_column_name='note', comment=None, existing_comment='free text',
                    existing_type=sa.String(100), existing_nullable=True, existing_server_default='none')
    if not pg:
        op.alter_column('items', 'status', type_=OLD_STATUS, existing_type=NEW_STATUS, existing_nullable=False,
                        existing_server_default='new', existing_comment='lifecycle')
    op.alter_column('items', 'price', nullable=False, existing_type=sa.Numeric(10, 2), existing_server_default=sa.text('0.00'))
    op.alter_column('items', 'qty', type_=sa.Integer(), existing_type=sa.BigInteger(), existing_nullable=False,
                    existing_server_default=sa.text('0'), existing_comment='on hand')
    op.alter_column('items', 'sku', type_=sa.String(20), existing_type=sa.String(40), existing_nullable=False,
                    existing_comment='stock keeping unit')
