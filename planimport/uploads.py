"""An upload handler that refuses oversized plan files while they stream in, before they reach memory or disk."""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitUploadHandler(FileUploadHandler):
    """Placed first: a file larger than `max_bytes` is skipped (its bytes are read off the socket and dropped).

    Django writes uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file; this handler stops even that,
    as soon as the request's length or the bytes received show the file is too large. The view reads
    `request.upload_too_large` (file name, bytes) to say so.
    """

    def __init__(self, request, max_bytes: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.received = 0
        self.request_length = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_length = content_length
        return None

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0
        # The whole request carries a little form data besides the file; 64 KB is ample room for it.
        declared = content_length or (self.request_length - 65536 if self.request_length else None)
        if declared and declared > self.max_bytes:
            self._refuse(declared)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self._refuse(self.received)
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self, size):
        self.request.upload_too_large = (self.file_name, size)
        raise SkipFile
