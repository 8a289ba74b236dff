"""authors and books

Revision ID: b1d0000000a1
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = 'b1d0000000a1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    authors = op.create_table(
        'authors',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(50), nullable=False),
    )
    books = op.create_table(
        'books',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(100), nullable=False),
        sa.Column('pages', sa.String(10)),
        sa.Column('price', sa.Numeric(8, 2)),
        sa.Column('legacy', sa.Text()),
        sa.ForeignKeyConstraint(['author_id'], ['authors.id'], name='fk_books_author', ondelete='CASCADE'),
    )
    op.create_index('ix_books_title', 'books', ['title'])
    op.bulk_insert(authors, [{'id': 1, 'name': 'Ann'}, {'id': 2, 'name': 'Bob'}])
    op.bulk_insert(books, [
        {'id': 1, 'author_id': 1, 'title': 'First', 'pages': '120', 'price': 9.5, 'legacy': 'x'},
        {'id': 2, 'author_id': 1, 'title': 'Second', 'pages': '0042', 'price': 12.25, 'legacy': None},
        {'id': 3, 'author_id': 2, 'title': 'Third', 'pages': None, 'price': None, 'legacy': 'y'},
    ])


def downgrade():
    op.drop_index('ix_books_title', table_name='books')
    op.drop_table('books')
    op.drop_table('authors')
