from .clinicians import Clinician
from .images import ClinicImage, ClinicRendition
from .medical_review import MedicalReviewTask
from .pages import HomePage, StandardPage
from .site_settings import ClinicSettings
from .users import User

__all__ = [
    "ClinicImage",
    "ClinicRendition",
    "ClinicSettings",
    "Clinician",
    "HomePage",
    "MedicalReviewTask",
    "StandardPage",
    "User",
]
