"""seed subscription tiers"""
from alembic import op
import sqlalchemy as sa

revision = "e5f6a1b2c3d4"
down_revision = "d4e5f6a1b2c3"
branch_labels = ("billing",)
depends_on = None


def upgrade():
    tiers = op.create_table(
        "subscription_tiers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50), nullable=False, unique=True),
        sa.Column("monthly_price", sa.Numeric(10, 2), nullable=False),
    )
    op.bulk_insert(
        tiers,
        [
            {"id": 1, "name": "free", "monthly_price": 0},
            {"id": 2, "name": "pro", "monthly_price": 12.5},
            {"id": 3, "name": "owner's plan", "monthly_price": 99.99},
        ],
        multiinsert=False,
    )
    op.add_column(
        "users",
        sa.Column("tier_id", sa.Integer, sa.ForeignKey("subscription_tiers.id"), nullable=False, server_default="1"),
    )


def downgrade():
    if op.get_context().dialect.name in ("mysql", "mariadb"):
        # MySQL refuses to drop a column its foreign key needs
        op.drop_constraint("users_ibfk_1", "users", type_="foreignkey")
    op.drop_column("users", "tier_id")
    op.drop_table("subscription_tiers")
