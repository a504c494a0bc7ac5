"""The clinic's roles: Wagtail groups made by home/migrations/0005_roles.py, and the medical review workflow.

| group | can |
| --- | --- |
| Editors | edit and publish every page (forms too) except medical ones (treatments, conditions, articles), which they submit to Medical review (core/permissions.py); images, documents, Clinicians, Locations, promoted search results (home 0016); not form submissions |
| Clinical reviewers | approve or reject medical content sent for review ("Medical review" workflow); approving signs the page with their linked clinician and publishes it (home/models/medical_review.py) |
| Intake staff | read, filter, export and delete form submissions (forms/inbox.py); no page editing |
"""

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
INTAKE_STAFF = "Intake staff"
MEDICAL_REVIEW_WORKFLOW = "Medical review"
