"""Who may edit which expert profile: editors every profile, a contributor only their own."""

from django.core.exceptions import PermissionDenied

from wagtail.permission_policies import ModelPermissionPolicy

MANAGE_ALL_PROFILES = "contributors.publish_contributor"


class ContributorPermissionPolicy(ModelPermissionPolicy):
    def manages_all(self, user) -> bool:
        return user.is_active and (user.is_superuser or user.has_perm(MANAGE_ALL_PROFILES))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if self.manages_all(user):
            return True
        # A contributor may look at and change their own profile (changes wait for approval), nothing else.
        return action in {"change", "view"} and instance.user_id == user.pk

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        return instances if self.manages_all(user) else instances.filter(user_id=user.pk)


class OwnProfileOnlyMixin:
    """For every admin view about one profile (edit, history, revisions, usage, workflow…): refuse others' profiles.

    Wagtail's generic object views check the model-level permission only; this adds the per-profile check.
    """

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        policy = ContributorPermissionPolicy(type(obj))
        if not policy.user_has_any_permission_for_instance(self.request.user, ["change", "view"], obj):
            raise PermissionDenied
        return obj
