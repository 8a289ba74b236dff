"""categories (self-referencing) and products, names from the naming convention

Revision ID: c2e0000000b1
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = 'c2e0000000b1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    categories = op.create_table(
        'categories',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(40), nullable=False, unique=True),
        sa.Column('parent_id', sa.Integer(), sa.ForeignKey('categories.id')),
    )
    products = op.create_table(
        'products',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('category_id', sa.Integer(), sa.ForeignKey('categories.id', ondelete='CASCADE'), nullable=False),
        sa.Column('sku', sa.String(20)),
        sa.Column('qty', sa.Integer(), nullable=False, server_default=sa.text('0')),
        sa.Column('note', sa.String(50)),
    )
    op.create_index(op.f('ix_products_note'), 'products', ['note'])
    op.bulk_insert(categories, [
        {'id': 1, 'name': 'root', 'parent_id': None},
        {'id': 2, 'name': 'books', 'parent_id': 1},
        {'id': 3, 'name': 'novels', 'parent_id': 2},
    ])
    op.bulk_insert(products, [
        {'id': 1, 'category_id': 3, 'sku': 'N-1', 'qty': 5, 'note': 'a'},
        {'id': 2, 'category_id': 2, 'sku': 'B-7', 'qty': 0, 'note': None},
    ])


def downgrade():
    op.drop_index(op.f('ix_products_note'), table_name='products')
    op.drop_table('products')
    op.drop_table('categories')
