"""Review workflows: every article goes through its section's editors; sensitive sections add a second review.

Workflows are Wagtail's own (Settings → Workflows); this module only creates and assigns them, idempotently.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Page, Workflow, WorkflowContentType, WorkflowPage, WorkflowTask

from tribune.contributors.models import Contributor
from tribune.newsroom.models import HomePage, SectionPage

from .models import SecondReviewTask, SectionEditorsReviewTask
from .roles import CHIEF_EDITORS, EDITORS

EDITORIAL_REVIEW = "Editorial review"
EDITORIAL_AND_SECOND_REVIEW = "Editorial review + second review"
PROFILE_REVIEW = "Expert profile review"


def _workflow(name: str, tasks: list) -> Workflow:
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def _section_task() -> SectionEditorsReviewTask:
    task = SectionEditorsReviewTask.objects.filter(name="Section editors' review").first()
    return task or SectionEditorsReviewTask.objects.create(name="Section editors' review")


def _group_task(model, name: str, group_names: list[str]):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name)
        task.groups.set(Group.objects.filter(name__in=group_names))
    return task


@transaction.atomic
def workflows_sync() -> dict[str, Workflow]:
    review = _workflow(EDITORIAL_REVIEW, [_section_task()])
    second = _workflow(
        EDITORIAL_AND_SECOND_REVIEW,
        [_section_task(), _group_task(SecondReviewTask, "Chief editors' second review", [CHIEF_EDITORS])],
    )
    from wagtail.models import GroupApprovalTask

    profile = _workflow(PROFILE_REVIEW, [_group_task(GroupApprovalTask, "Profile approval", [EDITORS, CHIEF_EDITORS])])

    # The whole tree (including Wagtail's root, which carried the starter "Moderators approval") gets editorial review.
    for page in [Page.get_first_root_node(), *HomePage.objects.all()]:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": review})
    for section in SectionPage.objects.all():
        section_workflow_sync(section, review=review, second=second)
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Contributor), defaults={"workflow": profile}
    )
    return {"review": review, "second": second, "profile": profile}


def section_workflow_sync(section: SectionPage, *, review: Workflow | None = None, second: Workflow | None = None):
    """Sensitive sections get the two-step workflow; others inherit the one-step review from the home page."""
    if section.requires_second_review:
        second = second or Workflow.objects.get(name=EDITORIAL_AND_SECOND_REVIEW)
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": second})
    else:
        WorkflowPage.objects.filter(page=section).delete()
