"""categories (referenced by products and by itself): wider name, no unique name

Revision ID: c2e0000000b3
Revises: c2e0000000b2
"""
from alembic import op
import sqlalchemy as sa

revision = 'c2e0000000b3'
down_revision = 'c2e0000000b2'
branch_labels = None
depends_on = None


def categories(v3):
    m = sa.MetaData()
    items = [
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(80 if v3 else 40), nullable=False),
        sa.Column('parent_id', sa.Integer()),
        sa.PrimaryKeyConstraint('id', name='pk_categories'),
        sa.ForeignKeyConstraint(['parent_id'], ['categories.id'], name='fk_categories_parent_id_categories'),
    ]
    if not v3:
        items.append(sa.UniqueConstraint('name', name='uq_categories_name'))
    return sa.Table('categories', m, *items)


def upgrade():
    with op.batch_alter_table('categories', copy_from=categories(False)) as batch:
        batch.alter_column('name', type_=sa.String(80), existing_type=sa.String(40), existing_nullable=False)
        batch.drop_constraint('uq_categories_name', type_='unique')


def downgrade():
    with op.batch_alter_table('categories', copy_from=categories(True)) as batch:
        batch.create_unique_constraint('uq_categories_name', ['name'])
        batch.alter_column('name', type_=sa.String(40), existing_type=sa.String(80), existing_nullable=False)
