"""one batch on authors, which books references: type, add, unique, check

Revision ID: b1d0000000a3
Revises: b1d0000000a2
"""
from alembic import op
import sqlalchemy as sa

revision = 'b1d0000000a3'
down_revision = 'b1d0000000a2'
branch_labels = None
depends_on = None


def authors_v2():
    m = sa.MetaData()
    return sa.Table(
        'authors', m,
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(50), nullable=False),
    )


def authors_v3():
    m = sa.MetaData()
    return sa.Table(
        'authors', m,
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(100), nullable=False),
        sa.Column('email', sa.String(120)),
        sa.UniqueConstraint('email', name='uq_authors_email'),
        sa.CheckConstraint('length(name) > 0', name='ck_authors_name'),
    )


def upgrade():
    with op.batch_alter_table('authors', copy_from=authors_v2()) as batch:
        batch.alter_column('name', type_=sa.String(100), existing_type=sa.String(50), existing_nullable=False)
        batch.add_column(sa.Column('email', sa.String(120)))
        batch.create_unique_constraint('uq_authors_email', ['email'])
        batch.create_check_constraint('ck_authors_name', 'length(name) > 0')


def downgrade():
    with op.batch_alter_table('authors', copy_from=authors_v3()) as batch:
        batch.drop_constraint('ck_authors_name', type_='check')
        batch.drop_constraint('uq_authors_email', type_='unique')
        batch.drop_column('email')
        batch.alter_column('name', type_=sa.String(50), existing_type=sa.String(100), existing_nullable=False)
