"""Uploads that a full disk cannot leave half-written.

With the disk full, Django's ``FileSystemStorage`` created the file under its final name and stopped writing
midway (a truncated original, empty renditions), the model save raised ``OSError`` and the editor saw a 500.
Here every place an upload is written handles a failed write at its cause:

- ``AtomicFileSystemStorage`` writes each file beside its destination under a hidden temporary name and links it
  into place only when every byte is written and flushed: a file is either whole under its name or absent.
- ``UploadHandler`` (Django's temporary-file upload handler, for uploads above ``FILE_UPLOAD_MAX_MEMORY_SIZE``)
  removes its temporary file when a write into ``FILE_UPLOAD_TEMP_DIR`` fails and hands the form an
  ``UnstoredUpload`` instead, which the form fields answer with ``NO_ROOM``.
- ``StoresUploadWhileValidating`` (a ``ModelForm`` mixin) writes the upload to storage as the last step of
  validation, so a failed write is a form error on the file field, before any row is saved.
"""

import contextlib
import errno
import logging
import os
import secrets

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

NO_ROOM = _(
    "The server has no room to store this image; nothing was saved. Try again later or tell the site's operator."
)
NO_ROOM_FOR_FILE = _(
    "The server has no room to store this file; nothing was saved. Try again later or tell the site's operator."
)
NOT_STORED = _("The server could not store this file; nothing was saved. Try again later or tell the site's operator.")

OUT_OF_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def is_out_of_space(error: OSError) -> bool:
    return error.errno in OUT_OF_SPACE


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


class AtomicFileSystemStorage(FileSystemStorage):
    """``FileSystemStorage`` whose files appear under their names only once complete (write, flush, fsync, link).

    A failed write (disk full, quota, I/O error) removes the temporary file and raises the ``OSError``; nothing is
    left under the destination's name. Linking (not renaming) keeps Django's promise never to overwrite an existing
    file: a name taken meanwhile raises ``FileExistsError`` and the next available name is tried."""

    TEMPORARY_PREFIX = ".partial-"

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        if self.directory_permissions_mode is not None:
            os.chmod(directory, self.directory_permissions_mode)

        temporary = os.path.join(directory, f"{self.TEMPORARY_PREFIX}{secrets.token_hex(8)}")
        try:
            self._write_whole(temporary, content)
            while True:
                try:
                    if self._allow_overwrite:
                        os.replace(temporary, full_path)
                    else:
                        self._link_into_place(temporary, full_path)
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                else:
                    break
        except OSError as error:
            logger.error("upload not stored (%s): %s", os.strerror(error.errno or 0), name)
            raise
        finally:
            _remove(temporary)

        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    @staticmethod
    def _link_into_place(temporary: str, full_path: str) -> None:
        try:
            os.link(temporary, full_path)
        except FileExistsError:
            raise
        except OSError as error:
            if error.errno not in NO_HARD_LINKS:
                raise
            # A filesystem without hard links (some network and container mounts): claim the name with an empty file,
            # which fails if it is taken, then move the whole file over it in one step.
            os.close(os.open(full_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            os.replace(temporary, full_path)

    @staticmethod
    def _write_whole(path: str, content) -> None:
        # The mode honours the umask as Django's own open does (O_EXCL: a random name is never someone else's file).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as output:
            for chunk in content.chunks():
                output.write(chunk if isinstance(chunk, bytes) else chunk.encode())
            output.flush()
            os.fsync(output.fileno())  # a full disk can also fail here, when the data is first really written


class UnstoredUpload(SimpleUploadedFile):
    """What the form receives in place of an upload whose temporary file could not be written."""

    def __init__(self, name, content_type, error: OSError):
        super().__init__(name, b"", content_type)
        self.error = error


def unstored_upload_error(data, *, kind: str = "image") -> ValidationError | None:
    """The form error for an upload that never reached its temporary file, or None."""
    if not isinstance(data, UnstoredUpload):
        return None
    return storing_error(data.error, kind=kind)


def storing_error(error: OSError, *, kind: str = "image") -> ValidationError:
    if is_out_of_space(error):
        return ValidationError(NO_ROOM if kind == "image" else NO_ROOM_FOR_FILE, code="no_room")
    return ValidationError(NOT_STORED, code="not_stored")


class UploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler, which removes its file when a write fails (``FILE_UPLOAD_HANDLERS``)."""

    def new_file(self, *args, **kwargs):
        self.write_error = None
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        if self.write_error is not None:
            return None  # the rest of this file is read from the request and dropped
        try:
            self.file.write(raw_data)
        except OSError as error:
            self._give_up(error)
        return None

    def file_complete(self, file_size):
        if self.write_error is None:
            try:
                self.file.flush()
            except OSError as error:
                self._give_up(error)
        if self.write_error is not None:
            return UnstoredUpload(self.file_name, self.content_type, self.write_error)
        return super().file_complete(file_size)

    def _give_up(self, error: OSError) -> None:
        logger.error("upload not received (%s): %s", os.strerror(error.errno or 0), self.file_name)
        self.write_error = error
        path = self.file.temporary_file_path()
        # A NamedTemporaryFile deletes itself when closed; flushing its buffer on the way may fail again.
        with contextlib.suppress(OSError):
            self.file.close()
        _remove(path)


def refuse_unstored_uploads(field, *, kind: str) -> None:
    """Give a form's file field (an instance) the check for ``UnstoredUpload``, before its own checks (which would
    call the empty stand-in "empty")."""

    def to_python(data):
        error = unstored_upload_error(data, kind=kind)
        if error is not None:
            raise error
        return type(field).to_python(field, data)  # the class's, looked up now: a form may swap the class later

    field.to_python = to_python


class StoresUploadWhileValidating:
    """For a ``ModelForm``: write the new file in ``upload_field`` to storage as validation's last step.

    A write that fails (no room, quota, I/O) is then a form error on that field and nothing is saved, instead of an
    ``OSError`` from the model's save after the view believed the form valid. The model's save finds the file
    already committed and only writes the row."""

    upload_field = "file"
    upload_kind = "image"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.upload_field in self.fields:
            refuse_unstored_uploads(self.fields[self.upload_field], kind=self.upload_kind)

    def _post_clean(self):
        super()._post_clean()
        if self.errors or self.upload_field not in self.changed_data:
            return
        try:
            self.prepare_upload()
            field = self.instance._meta.get_field(self.upload_field)
            field.pre_save(self.instance, add=True)  # FileField.pre_save stores an uncommitted file
        except OSError as error:
            self.add_error(self.upload_field, storing_error(error, kind=self.upload_kind))

    def prepare_upload(self) -> None:
        """Whatever must happen to the file before it is stored (an image's metadata stripped)."""
