from django.dispatch import Signal

# Sent before a reader's account is deleted; receivers get ``user`` and ``keep_comments`` (the reader's choice:
# keep their comments anonymised, or delete them).
account_deleting = Signal()
