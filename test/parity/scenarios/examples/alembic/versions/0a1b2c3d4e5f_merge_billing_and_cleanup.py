"""merge billing and cleanup"""
from alembic import op

revision = "0a1b2c3d4e5f"
down_revision = ("e5f6a1b2c3d4", "f6a1b2c3d4e5")
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_users_tier_id", "users", ["tier_id"])


def downgrade():
    if op.get_context().dialect.name in ("mysql", "mariadb"):
        # InnoDB needs an index for users.tier_id's foreign key: put back the one it made
        op.execute("ALTER TABLE users DROP INDEX ix_users_tier_id, ADD INDEX tier_id (tier_id)")
    else:
        op.drop_index("ix_users_tier_id", table_name="users")
