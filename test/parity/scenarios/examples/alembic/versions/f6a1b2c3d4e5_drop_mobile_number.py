"""drop mobile_number from user"""
from alembic import op
import sqlalchemy as sa

revision = "f6a1b2c3d4e5"
down_revision = "d4e5f6a1b2c3"
branch_labels = ("cleanup",)
depends_on = None


def upgrade():
    op.drop_column("user", "mobile_number")


def downgrade():
    op.add_column("user", sa.Column("mobile_number", sa.String(20)))
