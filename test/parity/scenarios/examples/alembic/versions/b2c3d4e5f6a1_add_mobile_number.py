"""add mobile_number to user"""
from alembic import op
import sqlalchemy as sa

revision = "b2c3d4e5f6a1"
down_revision = "a1b2c3d4e5f6"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("user", sa.Column("mobile_number", sa.String(20)))


def downgrade():
    op.drop_column("user", "mobile_number")
