from .clinicians import Clinician
from .images import ClinicImage, ClinicRendition
from .locations import Location, OpeningHours
from .medical_review import MedicalReviewTask
from .pages import HomePage, StandardPage
from .site_settings import ClinicSettings
from .team import TeamPage
from .users import User

__all__ = [
    "ClinicImage",
    "ClinicRendition",
    "ClinicSettings",
    "Clinician",
    "HomePage",
    "Location",
    "MedicalReviewTask",
    "OpeningHours",
    "StandardPage",
    "TeamPage",
    "User",
]
