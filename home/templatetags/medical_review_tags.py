from django import template

from home.models.medical_review import REFUSALS

register = template.Library()


@register.simple_tag
def approval_refusal(task_state, user):
    """Why `user` may not approve this medical review, in words, or "" (the approval modal says it before they try)."""
    task = task_state.task.specific
    reason = task.approval_refusal(task_state, user) if hasattr(task, "approval_refusal") else None
    return REFUSALS[reason] if reason else ""
