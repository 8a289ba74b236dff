"""merge billing and cleanup"""
from alembic import op

revision = "0a1b2c3d4e5f"
down_revision = ("e5f6a1b2c3d4", "f6a1b2c3d4e5")
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_users_tier_id", "users", ["tier_id"])


def downgrade():
    op.drop_index("ix_users_tier_id", table_name="users")
