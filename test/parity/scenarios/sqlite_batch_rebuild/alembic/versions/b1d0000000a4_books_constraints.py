"""books: replace the foreign key, add a check

Revision ID: b1d0000000a4
Revises: b1d0000000a3
"""
from alembic import op
import sqlalchemy as sa

revision = 'b1d0000000a4'
down_revision = 'b1d0000000a3'
branch_labels = None
depends_on = None


def books(fk_ondelete, with_check):
    m = sa.MetaData()
    sa.Table('authors', m, sa.Column('id', sa.Integer(), primary_key=True))
    items = [
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('headline', sa.String(100), nullable=False),
        sa.Column('pages', sa.Integer()),
        sa.Column('price', sa.Numeric(8, 2), server_default='0'),
        sa.Column('isbn', sa.String(20)),
        sa.ForeignKeyConstraint(['author_id'], ['authors.id'], name='fk_books_author', ondelete=fk_ondelete),
        sa.Index('ix_books_title', 'headline'),
        sa.Index('ix_books_isbn', 'isbn', unique=True),
    ]
    if with_check:
        items.append(sa.CheckConstraint('pages > 0', name='ck_books_pages'))
    return sa.Table('books', m, *items)


def upgrade():
    with op.batch_alter_table('books', copy_from=books('CASCADE', False)) as batch:
        batch.drop_constraint('fk_books_author', type_='foreignkey')
        batch.create_foreign_key('fk_books_author', 'authors', ['author_id'], ['id'], ondelete='RESTRICT')
        batch.create_check_constraint('ck_books_pages', 'pages > 0')


def downgrade():
    with op.batch_alter_table('books', copy_from=books('RESTRICT', True)) as batch:
        batch.drop_constraint('ck_books_pages', type_='check')
        batch.drop_constraint('fk_books_author', type_='foreignkey')
        batch.create_foreign_key('fk_books_author', 'authors', ['author_id'], ['id'], ondelete='CASCADE')
