from tests.council.conftest import cicc  # noqa: F401
from tests.pledges.conftest import council  # noqa: F401
