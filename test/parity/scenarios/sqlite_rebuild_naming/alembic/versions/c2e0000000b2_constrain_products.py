"""products: NOT NULL sku, unique sku, check qty, drop the indexed note column

Revision ID: c2e0000000b2
Revises: c2e0000000b1
"""
from alembic import op
import sqlalchemy as sa

revision = 'c2e0000000b2'
down_revision = 'c2e0000000b1'
branch_labels = None
depends_on = None


def products(v2):
    m = sa.MetaData()
    sa.Table('categories', m, sa.Column('id', sa.Integer(), primary_key=True))
    items = [
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('sku', sa.String(20), nullable=not v2),
        sa.Column('qty', sa.Integer(), nullable=False, server_default=sa.text('0')),
        sa.PrimaryKeyConstraint('id', name='pk_products'),
        sa.ForeignKeyConstraint(['category_id'], ['categories.id'], ondelete='CASCADE',
                                name='fk_products_category_id_categories'),
    ]
    if v2:
        items += [sa.UniqueConstraint('sku', name='uq_products_sku'),
                  sa.CheckConstraint('qty >= 0', name='ck_products_qty_positive')]
    else:
        items += [sa.Column('note', sa.String(50)), sa.Index('ix_products_note', 'note')]
    return sa.Table('products', m, *items)


def upgrade():
    with op.batch_alter_table('products', copy_from=products(False)) as batch:
        batch.alter_column('sku', nullable=False, existing_type=sa.String(20))
        batch.create_unique_constraint('uq_products_sku', ['sku'])
        batch.create_check_constraint('qty_positive', 'qty >= 0')
        batch.drop_index('ix_products_note')
        batch.drop_column('note')


def downgrade():
    with op.batch_alter_table('products', copy_from=products(True)) as batch:
        batch.add_column(sa.Column('note', sa.String(50)))
        batch.create_index('ix_products_note', ['note'])
        # op.f: the final name, not wrapped by the ck convention again
        batch.drop_constraint(op.f('ck_products_qty_positive'), type_='check')
        batch.drop_constraint('uq_products_sku', type_='unique')
        batch.alter_column('sku', nullable=True, existing_type=sa.String(20))
