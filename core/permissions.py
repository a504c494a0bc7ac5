"""Who may publish a medical page: medical pages go live only through their review workflow.

A medical page (core.models.MedicalContentPage: treatment, condition, article)
goes live when the people who review it approve it, never because someone with
Wagtail's "publish" permission pressed Publish. So, on a medical page, only two
kinds of people may publish directly:

- superusers;
- people who could approve every task of the workflow that applies to the page:
  a member of a group of each of its group approval tasks (for the Medical
  review workflow, a Clinical reviewer), who also has Wagtail's publish
  permission there.

Everyone else (Editors) saves drafts and submits them for review; the
reviewer's approval publishes (settings.WAGTAIL_FINISH_WORKFLOW_ACTION). If no
workflow applies to a medical page, nobody can review it, so only superusers
may publish it: a medical page must never go live unreviewed.

What stays as Wagtail has it, because it never puts content in front of
visitors: unpublishing (taking a page down, e.g. when a dose is found to be
wrong, must never wait for a review), cancelling a scheduled publish, privacy
settings, moving, deleting, submitting for review.

Wagtail asks "may this user publish?" in two ways, and both are answered here:

- of the page itself (edit view, revisions, bulk publish, the admin API's publish
  action, every publish with a user): MedicalPagePermissionTester, which
  MedicalContentPage.permissions_for_user returns;
- of the parent, when a page is created, copied or aliased live
  (`parent.permissions_for_user(user).can_publish_subpage()`): the parent is an
  index page that knows nothing of this, so the page form (MedicalPageForm),
  the copy form (MedicalPageCopyForm) and the hooks at the end of this module
  refuse those for medical pages (the hooks are in core/wagtail_hooks.py).
"""

from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import AbstractGroupApprovalTask, Page, PagePermissionTester, get_page_models


def reviews_everything(user, workflow):
    """Whether `user` may publish a medical page that `workflow` reviews: could they approve every one of its tasks?

    Superusers may. Without a workflow, or with a task whose approvers cannot be
    told (not a group approval task), nobody else may.
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if workflow is None:
        return False
    tasks = [task.specific for task in workflow.tasks.filter(active=True)]
    if not tasks or not all(isinstance(task, AbstractGroupApprovalTask) for task in tasks):
        return False
    groups = set(user.groups.values_list("pk", flat=True))
    return all(groups.intersection(task.groups.values_list("pk", flat=True)) for task in tasks)


def refusal(workflow):
    """What an editor is told when a medical page is not published for them."""
    if workflow is None:
        return (
            "Not published: a medical page goes live only after review, and no review workflow applies here, "
            "so only an administrator can publish it. Save it as a draft and ask an administrator."
        )
    return (
        f"Not published: a medical page goes live only when a reviewer approves it in “{workflow.name}”. "
        f"Choose “Submit to {workflow.name}” instead; your changes are still here."
    )


def may_publish_new(user, parent):
    """Whether `user` may publish a new medical page under `parent` in one go (create, copy, alias)."""
    return parent.permissions_for_user(user).can_publish_subpage() and reviews_everything(user, parent.get_workflow())


class MedicalPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, except that publishing a medical page needs its reviewers' say-so."""

    @cached_property
    def reviews_everything(self):
        return reviews_everything(self.user, self.page.get_workflow())

    def can_publish(self):
        return super().can_publish() and self.reviews_everything

    # Wagtail derives these from can_publish; they hold content back, so they keep Wagtail's rule.
    def can_unschedule(self):
        return super().can_publish()

    def can_set_view_restrictions(self):
        return super().can_publish()


class MedicalPageForm(WagtailAdminPageForm):
    """The admin form of a medical page: a Publish sent by someone who may not publish it is refused.

    The edit view already turns such a request into a plain save; the create view
    asks the parent (which would let it through). Either way the form answers it
    with this error and nothing is saved: what was typed comes back with it.
    """

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("action-publish") and self.for_user is not None:
            if self.instance.pk:
                allowed = self.instance.permissions_for_user(self.for_user).can_publish()
                workflow = self.instance.get_workflow()
            else:
                allowed = may_publish_new(self.for_user, self.parent_page)
                workflow = self.parent_page.get_workflow()
            if not allowed:
                self.add_error(None, refusal(workflow))
        return cleaned_data


class MedicalPageCopyForm(CopyForm):
    """Copying a medical page: "Publish copied page" and "Alias" are offered only to those who may publish it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.page.permissions_for_user(self.user).can_publish():
            self.fields.pop("publish_copies", None)
            self.fields.pop("alias", None)


def live_medical_pages(page, recursive):
    """The live medical pages among `page` (and its descendants if `recursive`): those a live copy would publish."""
    medical_models = [model for model in get_page_models() if getattr(model, "publishes_through_review", False)]
    if not medical_models:
        return Page.objects.none()
    pages = page.get_descendants(inclusive=True) if recursive else Page.objects.filter(pk=page.pk)
    return pages.live().exact_type(*medical_models)


def live_copy_refusal(user, page, destination, recursive):
    """Why `user` may not put live copies or aliases of `page` under `destination`, or None if they may."""
    if reviews_everything(user, destination.get_workflow()) or not live_medical_pages(page, recursive).exists():
        return None
    return (
        "Not copied: copies of medical pages cannot be published or aliased directly, they go live only through "
        "review. Copy them without “Publish copies” and “Alias”, then submit each copy for review."
    )
