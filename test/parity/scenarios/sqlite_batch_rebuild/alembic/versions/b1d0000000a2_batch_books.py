"""one batch on books: type, drop, add, default, rename, index

Revision ID: b1d0000000a2
Revises: b1d0000000a1
"""
from alembic import op
import sqlalchemy as sa

revision = 'b1d0000000a2'
down_revision = 'b1d0000000a1'
branch_labels = None
depends_on = None


def books_v1():
    # SQLite batches need the table's structure offline (copy_from)
    m = sa.MetaData()
    sa.Table('authors', m, sa.Column('id', sa.Integer(), primary_key=True))
    return sa.Table(
        'books', m,
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(100), nullable=False),
        sa.Column('pages', sa.String(10)),
        sa.Column('price', sa.Numeric(8, 2)),
        sa.Column('legacy', sa.Text()),
        sa.ForeignKeyConstraint(['author_id'], ['authors.id'], name='fk_books_author', ondelete='CASCADE'),
        sa.Index('ix_books_title', 'title'),
    )


def books_v2():
    m = sa.MetaData()
    sa.Table('authors', m, sa.Column('id', sa.Integer(), primary_key=True))
    return sa.Table(
        'books', m,
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('headline', sa.String(100), nullable=False),
        sa.Column('pages', sa.Integer()),
        sa.Column('price', sa.Numeric(8, 2), server_default='0'),
        sa.Column('isbn', sa.String(20)),
        sa.ForeignKeyConstraint(['author_id'], ['authors.id'], name='fk_books_author', ondelete='CASCADE'),
        sa.Index('ix_books_title', 'headline'),
        sa.Index('ix_books_isbn', 'isbn', unique=True),
    )


def upgrade():
    pg = op.get_context().dialect.name == 'postgresql'
    with op.batch_alter_table('books', copy_from=books_v1()) as batch:
        batch.alter_column('pages', type_=sa.Integer(), existing_type=sa.String(10), existing_nullable=True,
                           **({'postgresql_using': 'pages::integer'} if pg else {}))
        batch.drop_column('legacy')
        batch.add_column(sa.Column('isbn', sa.String(20)))
        batch.alter_column('price', server_default='0', existing_type=sa.Numeric(8, 2), existing_nullable=True)
        batch.alter_column('title', new_column_name='headline', existing_type=sa.String(100), existing_nullable=False)
        batch.create_index('ix_books_isbn', ['isbn'], unique=True)


def downgrade():
    pg = op.get_context().dialect.name == 'postgresql'
    with op.batch_alter_table('books', copy_from=books_v2()) as batch:
        batch.drop_index('ix_books_isbn')
        batch.alter_column('headline', new_column_name='title', existing_type=sa.String(100), existing_nullable=False)
        batch.alter_column('price', server_default=None, existing_type=sa.Numeric(8, 2), existing_nullable=True,
                           existing_server_default='0')
        batch.drop_column('isbn')
        batch.add_column(sa.Column('legacy', sa.Text()))
        batch.alter_column('pages', type_=sa.String(10), existing_type=sa.Integer(), existing_nullable=True,
                           **({'postgresql_using': 'pages::varchar'} if pg else {}))
