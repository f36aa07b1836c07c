"""Admin actions that change what readers see without the model signals ``signal_handlers`` listens to."""

from wagtail import hooks

from .signal_handlers import accounts_updated_in_bulk

hooks.register("after_bulk_action", accounts_updated_in_bulk)
