"""Imports every feature's models so SQLAlchemy and Alembic see the whole schema."""
from .audit import AuditEvent  # noqa: F401
from .auth.models import AccessCode, User  # noqa: F401
from .tenancy import Authority  # noqa: F401
from .moderation.models import AlertNote, ModerationItem, SafeguardingAlert, SafeguardingSettings, ScreeningTerm  # noqa: F401
from .reviews.models import Addition, Review, StashedStep, ViewsReader, ViewsSubmission, Wish  # noqa: F401
from .council.models import Consultation, CouncilGroup, GoodNews, Idea, IdeaSupport, Meeting, MeetingAttendance, MeetingQuestion, MeetingRsvp, MemberContact, Membership, Poll, PollBallot, PollChoice, PollOption, PollQuestion, PollText  # noqa: F401
from .pledges.models import Pledge, PledgeAnswer, PledgeComment, PledgeRating, PledgeReader, PledgeTheme, PledgeVersion, Promise, RatingRound  # noqa: F401
from .surveys.models import Survey, SurveyAnswer, SurveyCode, SurveyDraft, SurveyParticipation, SurveyQuestion, SurveyQuote, SurveyResponse, SurveySection, SurveyTally, SurveyVersion, SurveyWave  # noqa: F401
