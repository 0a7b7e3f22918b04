"""Imports every feature's models so SQLAlchemy and Alembic see the whole schema."""
from .audit import AuditEvent  # noqa: F401
from .jobs import JobClaim  # noqa: F401
from .auth import models as auth_models  # noqa: F401
from .council import models as council_models  # noqa: F401
from .mail import models as mail_models  # noqa: F401
from .moderation import models as moderation_models  # noqa: F401
from .pledges import models as pledges_models  # noqa: F401
from .reports import models as reports_models  # noqa: F401
from .reviews import models as reviews_models  # noqa: F401
from .surveys import models as surveys_models  # noqa: F401
from .tenancy import Authority  # noqa: F401
from .voice import models as voice_models  # noqa: F401
