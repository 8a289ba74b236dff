"""defaults, NOT NULL with a default kept, an enum column

Revision ID: c01c00000003
Revises: c01c00000002
"""
from alembic import op
import sqlalchemy as sa

revision = 'c01c00000003'
down_revision = 'c01c00000002'
branch_labels = None
depends_on = None


def upgrade():
    pg = op.get_context().dialect.name == 'postgresql'
    op.alter_column('items', 'qty', server_default=None, existing_type=sa.BigInteger(), existing_nullable=False,
                    existing_server_default=sa.text('0'), existing_comment='on hand')
    op.execute("UPDATE items SET remark = 'n/a' WHERE remark IS NULL")
    op.alter_column('items', 'remark', nullable=False, type_=sa.String(120), existing_type=sa.String(100),
                    existing_server_default='none', existing_comment='free text')
    kind = sa.Enum('a', 'b', name='item_kind')
    if pg:
        # add_column does not create the type
        kind.create(op.get_bind(), checkfirst=False)
    op.add_column('items', sa.Column('kind', kind, nullable=False, server_default='a', comment='kind of item'))


def downgrade():
    pg = op.get_context().dialect.name == 'postgresql'
    op.drop_column('items', 'kind')
    if pg:
        sa.Enum(name='item_kind').drop(op.get_bind(), checkfirst=False)
    op.alter_column('items', 'remark', nullable=True, type_=sa.String(100), existing_type=sa.String(120),
                    existing_server_default='none', existing_comment='free text')
    op.alter_column('items', 'qty', server_default=sa.text('0'), existing_type=sa.BigInteger(), existing_nullable=False,
                    existing_comment='on hand')
